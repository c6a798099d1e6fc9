import { describe, expect, it } from "vitest";
import { FaultStatus } from "@/lib/generated/prisma/enums";
import { instanceFaultSeverity } from "@/lib/faults/severity";
import { UNRESOLVED } from "@/lib/faults/unresolved";

describe("UNRESOLVED", () => {
  // The IN list must mean what `<> 'RESOLVED'` means (the open-fingerprint index's predicate):
  // a status added to the enum has to be added here too, or open faults would go missing.
  it("lists every fault status but RESOLVED", () => {
    expect([...UNRESOLVED.status.in].sort()).toEqual(
      Object.values(FaultStatus)
        .filter((s) => s !== "RESOLVED")
        .sort(),
    );
  });
});

describe("instanceFaultSeverity", () => {
  it("is SEV3 on the ACTIVE pool, SEV4 on a standby one", () => {
    expect(instanceFaultSeverity("ACTIVE")).toBe("SEV3");
    expect(instanceFaultSeverity("STANDBY")).toBe("SEV4");
  });
});
