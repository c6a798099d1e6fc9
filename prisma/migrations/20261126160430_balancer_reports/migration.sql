-- CreateEnum
CREATE TYPE "FailoverKind" AS ENUM ('FAILOVER', 'FAILBACK');

-- AlterTable
ALTER TABLE "Failover" ADD COLUMN     "kind" "FailoverKind" NOT NULL DEFAULT 'FAILOVER';

-- AlterTable
ALTER TABLE "Fault" ADD COLUMN     "actionItems" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "impactSummary" TEXT,
ADD COLUMN     "postmortemAt" TIMESTAMPTZ(3),
ADD COLUMN     "rootCauseCategory" TEXT;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "autoDrainedAt" TIMESTAMPTZ(3),
ADD COLUMN     "drift" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "driftDetail" TEXT,
ADD COLUMN     "driftSince" TIMESTAMPTZ(3),
ADD COLUMN     "haproxyCheck" TEXT,
ADD COLUMN     "haproxySeenAt" TIMESTAMPTZ(3),
ADD COLUMN     "haproxyStatus" TEXT;

-- CreateTable
CREATE TABLE "TrafficRollup" (
    "instanceId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors5xx" INTEGER NOT NULL,
    "sessionsMax" INTEGER NOT NULL,
    "weight" INTEGER,

    CONSTRAINT "TrafficRollup_pkey" PRIMARY KEY ("instanceId","at")
);

-- CreateTable
CREATE TABLE "RootCauseCategory" (
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RootCauseCategory_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "TrafficRollup_at_idx" ON "TrafficRollup"("at");

-- CreateIndex
CREATE INDEX "Fault_postmortemAt_idx" ON "Fault"("postmortemAt");

-- AddForeignKey
ALTER TABLE "TrafficRollup" ADD CONSTRAINT "TrafficRollup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written
-- At most one failover in flight per service, across every replica (a second one → 409).
CREATE UNIQUE INDEX "Failover_one_running_per_service" ON "Failover"("serviceId") WHERE "state" IN ('PENDING', 'APPLYING');

-- The starting list of root-cause categories (editable by admins).
INSERT INTO "RootCauseCategory" ("name", "label", "position") VALUES
  ('deploy', 'Deploy', 1),
  ('dependency', 'Dependency', 2),
  ('capacity', 'Capacity', 3),
  ('network', 'Network', 4),
  ('config', 'Config', 5),
  ('hardware', 'Hardware', 6),
  ('unknown', 'Unknown', 7);
