import { describe, expect, it } from "vitest";
import { hasRole } from "@/lib/auth/roles";
import { bearerSecret, hashTokenSecret, newTokenSecret, TOKEN_PREFIX } from "@/lib/auth/tokens";
import { contentSecurityPolicy } from "@/lib/http/csp";

describe("hasRole", () => {
  it("orders VIEWER < OPERATOR < ADMIN", () => {
    expect(hasRole("ADMIN", "OPERATOR")).toBe(true);
    expect(hasRole("OPERATOR", "OPERATOR")).toBe(true);
    expect(hasRole("OPERATOR", "ADMIN")).toBe(false);
    expect(hasRole("VIEWER", "OPERATOR")).toBe(false);
    expect(hasRole("VIEWER", "VIEWER")).toBe(true);
  });
});

describe("API token secrets", () => {
  it("are long random flt_ strings whose stored hash and prefix identify them", () => {
    const a = newTokenSecret();
    const b = newTokenSecret();
    expect(a.secret).toMatch(new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashTokenSecret(a.secret));
    expect(a.hash).not.toContain(a.secret);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBe(TOKEN_PREFIX.length + 4);
  });

  it("are read only from a well-formed Bearer header", () => {
    expect(bearerSecret(new Headers({ authorization: "Bearer flt_abc" }))).toBe("flt_abc");
    expect(bearerSecret(new Headers({ authorization: "bearer   flt_abc  " }))).toBe("flt_abc");
    expect(bearerSecret(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBeUndefined();
    expect(bearerSecret(new Headers({ authorization: "Bearer a b" }))).toBeUndefined();
    expect(bearerSecret(new Headers())).toBeUndefined();
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the nonce and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy("x", true)).toContain("'unsafe-eval'");
  });
});
