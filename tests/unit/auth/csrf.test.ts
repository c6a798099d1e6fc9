import { describe, expect, it } from "vitest";
import { isSameOriginMutation } from "@/lib/auth/csrf";

const h = (o: Record<string, string>) => new Headers(o);

describe("isSameOriginMutation", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isSameOriginMutation("GET", h({ host: "a:3000", origin: "https://evil.example" }))).toBe(true);
    expect(isSameOriginMutation("HEAD", h({}))).toBe(true);
  });

  it("accepts a mutation whose Origin names this host, refuses any other", () => {
    expect(isSameOriginMutation("POST", h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isSameOriginMutation("DELETE", h({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginMutation("PATCH", h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }))).toBe(false);
    expect(isSameOriginMutation("POST", h({ host: "127.0.0.1:3000", origin: "not a url" }))).toBe(false);
  });

  it("falls back to Sec-Fetch-Site when there is no Origin, and refuses when there is neither", () => {
    expect(isSameOriginMutation("POST", h({ host: "a", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginMutation("POST", h({ host: "a", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginMutation("POST", h({ host: "a", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginMutation("POST", h({ host: "a" }))).toBe(false);
    expect(isSameOriginMutation("POST", h({ host: "a", origin: "null" }))).toBe(false);
  });
});
