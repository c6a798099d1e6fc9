import { describe, expect, it } from "vitest";
import { jsonStringForm, lookupJsonPath } from "@/lib/probes/json-path";

const doc = {
  status: "ok",
  checks: { db: { ok: true, latency: 3 }, cache: null },
  items: [{ name: "a" }, { name: "b" }],
  "": "empty key",
};

describe("lookupJsonPath", () => {
  it("follows object keys and array indexes", () => {
    expect(lookupJsonPath(doc, "status")).toEqual({ found: true, value: "ok" });
    expect(lookupJsonPath(doc, "checks.db.ok")).toEqual({ found: true, value: true });
    expect(lookupJsonPath(doc, "items.1.name")).toEqual({ found: true, value: "b" });
    expect(lookupJsonPath(doc, "checks.cache")).toEqual({ found: true, value: null });
    expect(lookupJsonPath([10, 20], "0")).toEqual({ found: true, value: 10 });
  });

  it("the empty path is the whole document", () => {
    expect(lookupJsonPath(doc, "")).toEqual({ found: true, value: doc });
  });

  it("reports missing steps, out-of-range and non-numeric indexes, and steps into scalars", () => {
    for (const path of ["nope", "checks.db.missing", "items.2.name", "items.first", "items.-1", "status.length", "checks.cache.x"]) {
      expect(lookupJsonPath(doc, path), path).toEqual({ found: false });
    }
  });

  it("matches own keys only", () => {
    expect(lookupJsonPath(doc, "toString")).toEqual({ found: false });
    expect(lookupJsonPath(doc, "checks.constructor")).toEqual({ found: false });
  });
});

describe("jsonStringForm", () => {
  it("keeps strings as they are and writes other values as JSON", () => {
    expect(jsonStringForm("ok")).toBe("ok");
    expect(jsonStringForm(true)).toBe("true");
    expect(jsonStringForm(3)).toBe("3");
    expect(jsonStringForm(null)).toBe("null");
    expect(jsonStringForm({ a: [1] })).toBe('{"a":[1]}');
  });
});
