import { describe, expect, it } from "vitest";
import { BUILT_IN_CHECK, CHECK_FIELDS, overrideNames, ownFields, resolveCheck, sameCheck, setFields } from "@/lib/checks/check-inherit";

describe("check inheritance", () => {
  it("resolves built-in ⊕ service defaults ⊕ the instance's own fields", () => {
    const c = resolveCheck({ kind: "HTTP", path: "/health", fall: 3 }, { fall: 5, timeoutMs: 900 });
    expect(c).toEqual({ ...BUILT_IN_CHECK, path: "/health", fall: 5, timeoutMs: 900 });
    expect(resolveCheck(null, undefined)).toEqual(BUILT_IN_CHECK);
  });

  it("an explicit null is a setting ('off'), undefined is not", () => {
    expect(resolveCheck({ kind: "HTTP", bodyContains: "ok" }, { bodyContains: null }).bodyContains).toBeNull();
    expect(resolveCheck({ kind: "HTTP", bodyContains: "ok" }, { bodyContains: undefined }).bodyContains).toBe("ok");
    expect(overrideNames({ bodyContains: null, path: undefined })).toEqual(["bodyContains"]);
  });

  it("reads an instance's own fields back from its resolved check, so new defaults can be carried over them", () => {
    const defaults = { kind: "HTTP" as const, path: "/health", intervalMs: 1000 };
    const own = { fall: 5 };
    const stored = resolveCheck(defaults, own);
    const back = ownFields(stored, overrideNames(own));
    expect(back).toEqual(own);
    expect(resolveCheck({ ...defaults, intervalMs: 2000 }, back)).toMatchObject({ intervalMs: 2000, fall: 5, path: "/health" });
  });

  it("keeps fields in the schema's order whatever order they came in (JSONB reorders keys)", () => {
    expect(Object.keys(setFields({ intervalMs: 1, kind: "TCP", fall: 2 }))).toEqual(["kind", "intervalMs", "fall"]);
    expect(CHECK_FIELDS[0]).toBe("kind");
    expect(CHECK_FIELDS).toHaveLength(Object.keys(BUILT_IN_CHECK).length);
  });

  it("compares checks in one canonical form: header names sorted (JSONB reorders them), an empty text condition is off", () => {
    expect(sameCheck({ headers: { "X-Api-Key": "a", Accept: "b" } }, { headers: { Accept: "b", "X-Api-Key": "a" } })).toBe(true);
    expect(sameCheck({ bodyContains: "" }, { bodyContains: null })).toBe(true);
    expect(sameCheck({ jsonEquals: "" }, { jsonEquals: null })).toBe(false);
    expect(Object.keys(setFields({ headers: { b: "1", a: "2" } }).headers!)).toEqual(["a", "b"]);
  });
});
