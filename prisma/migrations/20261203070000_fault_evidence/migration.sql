-- One evidence model for instance DOWN faults (issue 11): which observers see the instance DOWN
-- now, and since when none does (a flapping fault kept open).
ALTER TYPE "FaultType" ADD VALUE 'SERVICE_DEGRADED';

ALTER TABLE "Fault" ADD COLUMN "downSources" "FaultSource"[] NOT NULL DEFAULT ARRAY[]::"FaultSource"[],
ADD COLUMN "quietSince" TIMESTAMPTZ(3);

-- Open instance DOWN faults written before this migration: their opener still sees them DOWN.
UPDATE "Fault" SET "downSources" = ARRAY["source"]
WHERE "status" <> 'RESOLVED' AND "instanceId" IS NOT NULL AND "fingerprint" LIKE '%:down' AND "source" IN ('POLLER', 'BALANCER');
