import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

describe("safeNextPath", () => {
  it.each([
    ["/settings?tab=tokens", "/settings?tab=tokens"],
    ["/faults/F-1001#timeline", "/faults/F-1001#timeline"],
    ["/services/abc/../def", "/services/def"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"], // an encoded slash stays a path segment here
    ["/sign-in-help", "/sign-in-help"],
  ])("keeps the same-site path %j", (input, out) => {
    expect(safeNextPath(input)).toBe(out);
  });

  it.each([
    ["//evil.example/x"],
    ["https://evil.example"],
    ["javascript:alert(1)"],
    ["/\\evil.example"],
    ["/x\\..\\..\\evil"],
    ["/\t/127.0.0.2:3999/"], // what ?next=%2F%09%2F127.0.0.2%3A3999%2F decodes to
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["/\u0000/evil"],
    ["/\u007f/evil"],
    ["/\u0085/evil"],
    ["evil.example"],
    [""],
    ["/sign-in?next=/x"],
    ["/sign-in"],
    ["/setup"],
    ["/setup/"],
  ])("refuses %j", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });

  it("refuses what is not one string (missing, repeated ?next=)", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(["/a", "/b"])).toBe("/");
  });
});
