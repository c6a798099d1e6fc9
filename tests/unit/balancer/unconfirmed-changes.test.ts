import { describe, expect, it } from "vitest";
import { explainsDrift } from "@/lib/balancer/unconfirmed-changes";

describe("explainsDrift: is HAProxy's drift a refused change run late?", () => {
  const desired = { weight: 100, adminState: "READY" as const };

  it("matches the weight or the state the refused change sent, where HAProxy differs", () => {
    expect(explainsDrift({ weight: 10, adminState: "READY" }, desired, { weight: 10, adminState: "READY" })).toBe(true);
    expect(explainsDrift({ weight: 100, adminState: "DRAIN" }, desired, { weight: 100, adminState: "DRAIN" })).toBe(true);
    // Of a change of both settings only the first command may have run.
    expect(explainsDrift({ weight: 10, adminState: "DRAIN" }, desired, { weight: 100, adminState: "DRAIN" })).toBe(true);
  });

  it("does not match a drift to other values (someone's hand), nor no drift at all", () => {
    expect(explainsDrift({ weight: 10, adminState: "READY" }, desired, { weight: 33, adminState: "READY" })).toBe(false);
    expect(explainsDrift({ weight: 10, adminState: "READY" }, desired, { weight: 100, adminState: "MAINT" })).toBe(false);
    expect(explainsDrift({ weight: 100, adminState: "READY" }, desired, { weight: 100, adminState: "READY" })).toBe(false);
  });
});
