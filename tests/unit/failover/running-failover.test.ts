import { describe, expect, it } from "vitest";
import { isRunningFailoverState, RUNNING_FAILOVER, RUNNING_FAILOVER_STATES } from "@/lib/failover/running-failover";
import { FailoverState } from "@/lib/generated/prisma/enums";

describe("running failover", () => {
  it("is PENDING or APPLYING; every finished state is not running", () => {
    expect(Object.values(FailoverState).filter(isRunningFailoverState)).toEqual(["PENDING", "APPLYING"]);
    expect(RUNNING_FAILOVER).toEqual({ state: { in: [...RUNNING_FAILOVER_STATES] } });
  });
});
