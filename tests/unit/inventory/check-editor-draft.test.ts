import { describe, expect, it } from "vitest";
import { defaultsDraft, instanceDraft, ownCheckOf } from "@/components/inventory/CheckEditor";
import { resolveCheck } from "@/lib/checks/check-inherit";

describe("the check editor's draft", () => {
  it("sends only the fields set here; an untouched edit hands nothing back", () => {
    const defaults = { kind: "HTTP" as const, path: "/health", intervalMs: 1000 };
    const d = instanceDraft(defaults, resolveCheck(defaults, { fall: 5 }), ["fall"]);
    expect(ownCheckOf(d)).toEqual({ check: { fall: 5 }, checkInherit: [] });
  });

  it("hands back a field only when it was set here and is no longer (reset, or a number emptied)", () => {
    const d = instanceDraft(null, resolveCheck(null, { fall: 5, timeoutMs: 900 }), ["fall", "timeoutMs"]);
    const own = { ...d.own, timeoutMs: "" };
    delete own.fall;
    expect(ownCheckOf({ ...d, own })).toEqual({ check: {}, checkInherit: ["timeoutMs", "fall"] });
  });

  it("keeps own fields the current kind hides (a TCP service's instance keeps its own path)", () => {
    const defaults = { kind: "TCP" as const };
    const d = instanceDraft(defaults, resolveCheck(defaults, { path: "/x", timeoutMs: 900 }), ["path", "timeoutMs"]);
    expect(ownCheckOf({ ...d, own: { ...d.own, timeoutMs: "800" } })).toEqual({ check: { path: "/x", timeoutMs: 800 }, checkInherit: [] });
  });

  it("keeps a service default that only HTTPS shows, and carries headers it has no input for", () => {
    const defaults = { tlsCa: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----", headers: { authorization: { env: "FAULTLINE_CHECK_T" } } };
    const d = defaultsDraft(defaults);
    expect(ownCheckOf(d).check).toEqual({ tlsCa: defaults.tlsCa });
    expect(d.hidden).toEqual({ headers: defaults.headers });
  });

  it("turns typed text into the API's values, empty conditions off", () => {
    const d = instanceDraft(null);
    const own = { expectedStatuses: "200, 204", bodyContains: "", degradedLatencyMs: "", certExpiryDays: "14", kind: "HTTPS" as const };
    expect(ownCheckOf({ ...d, own }).check).toEqual({
      kind: "HTTPS",
      expectedStatuses: [200, 204],
      bodyContains: null,
      degradedLatencyMs: null,
      certExpiryDays: 14,
    });
  });
});
