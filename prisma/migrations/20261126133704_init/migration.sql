-- CreateEnum
CREATE TYPE "PoolRole" AS ENUM ('ACTIVE', 'STANDBY');

-- CreateEnum
CREATE TYPE "CheckKind" AS ENUM ('HTTP', 'TCP');

-- CreateEnum
CREATE TYPE "AdminState" AS ENUM ('READY', 'DRAIN', 'MAINT');

-- CreateEnum
CREATE TYPE "HealthState" AS ENUM ('UNKNOWN', 'UP', 'DEGRADED', 'DOWN');

-- CreateEnum
CREATE TYPE "FaultType" AS ENUM ('TIMEOUT', 'CONNECTION_REFUSED', 'DNS', 'TLS', 'CERT_EXPIRY', 'HTTP_STATUS', 'BODY_MISMATCH', 'SLOW_RESPONSE', 'BALANCER_REPORTED', 'SERVICE_DOWN', 'MANUAL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "FaultStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');

-- CreateEnum
CREATE TYPE "FaultSource" AS ENUM ('POLLER', 'BALANCER', 'OPERATOR', 'API');

-- CreateEnum
CREATE TYPE "FaultEventKind" AS ENUM ('OPENED', 'ACKNOWLEDGED', 'RESOLVED', 'REOPENED', 'FLAP', 'GROUPED', 'CAUSE_EDITED', 'RESOLUTION_EDITED', 'SEVERITY_CHANGED', 'NOTE', 'BALANCER', 'FAILOVER', 'POLICY');

-- CreateEnum
CREATE TYPE "BalancerKind" AS ENUM ('HAPROXY');

-- CreateEnum
CREATE TYPE "BalancerStatus" AS ENUM ('UNKNOWN', 'CONNECTED', 'UNREACHABLE', 'ERROR');

-- CreateEnum
CREATE TYPE "DriftPolicy" AS ENUM ('REAPPLY', 'ADOPT');

-- CreateEnum
CREATE TYPE "FailoverTrigger" AS ENUM ('MANUAL', 'AUTOMATIC');

-- CreateEnum
CREATE TYPE "FailoverState" AS ENUM ('PENDING', 'APPLYING', 'VERIFIED', 'FAILED', 'ROLLED_BACK');

-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('OK', 'FAILED');

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sloTargetPct" DOUBLE PRECISION NOT NULL DEFAULT 99.9,
    "autoFailover" BOOLEAN NOT NULL DEFAULT false,
    "autoFailoverAfterSec" INTEGER NOT NULL DEFAULT 30,
    "failoverCooldownSec" INTEGER NOT NULL DEFAULT 300,
    "autoDrain" BOOLEAN NOT NULL DEFAULT false,
    "maxAutoDrainPct" INTEGER NOT NULL DEFAULT 34,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pool" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "PoolRole" NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Pool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" UUID NOT NULL,
    "poolId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "checkKind" "CheckKind" NOT NULL DEFAULT 'HTTP',
    "checkMethod" TEXT NOT NULL DEFAULT 'GET',
    "checkPath" TEXT NOT NULL DEFAULT '/healthz',
    "checkHeaders" JSONB,
    "checkExpectedStatuses" INTEGER[] DEFAULT ARRAY[200]::INTEGER[],
    "checkBodyContains" TEXT,
    "checkJsonPath" TEXT,
    "checkJsonEquals" TEXT,
    "checkTimeoutMs" INTEGER NOT NULL DEFAULT 2000,
    "checkIntervalMs" INTEGER NOT NULL DEFAULT 5000,
    "checkRise" INTEGER NOT NULL DEFAULT 2,
    "checkFall" INTEGER NOT NULL DEFAULT 2,
    "checkDegradedLatencyMs" INTEGER,
    "checkCertExpiryDays" INTEGER,
    "desiredWeight" INTEGER NOT NULL DEFAULT 100,
    "desiredAdminState" "AdminState" NOT NULL DEFAULT 'READY',
    "observedHealth" "HealthState" NOT NULL DEFAULT 'UNKNOWN',
    "observedHealthAt" TIMESTAMPTZ(3),
    "observedWeight" INTEGER,
    "observedAdminState" "AdminState",
    "lastCheckAt" TIMESTAMPTZ(3),
    "balancerId" UUID,
    "haproxyBackend" TEXT,
    "haproxyServer" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" BIGSERIAL NOT NULL,
    "instanceId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "latencyMs" INTEGER,
    "statusCode" INTEGER,
    "errorClass" "FaultType",
    "message" TEXT,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckRollup" (
    "instanceId" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "p50Ms" INTEGER,
    "p95Ms" INTEGER,
    "maxMs" INTEGER,

    CONSTRAINT "CheckRollup_pkey" PRIMARY KEY ("instanceId","minute")
);

-- CreateTable
CREATE TABLE "Fault" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "type" "FaultType" NOT NULL,
    "status" "FaultStatus" NOT NULL DEFAULT 'OPEN',
    "severity" "Severity" NOT NULL DEFAULT 'SEV3',
    "serviceId" UUID NOT NULL,
    "instanceId" UUID,
    "parentId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" TEXT,
    "cause" TEXT NOT NULL,
    "resolution" TEXT,
    "source" "FaultSource" NOT NULL,
    "flapping" BOOLEAN NOT NULL DEFAULT false,
    "flapCount" INTEGER NOT NULL DEFAULT 0,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Fault_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaultEvent" (
    "id" BIGSERIAL NOT NULL,
    "faultId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "FaultEventKind" NOT NULL,
    "actor" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "FaultEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Balancer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BalancerKind" NOT NULL DEFAULT 'HAPROXY',
    "runtimeApi" TEXT NOT NULL,
    "driftPolicy" "DriftPolicy" NOT NULL DEFAULT 'REAPPLY',
    "serverStateFile" TEXT,
    "status" "BalancerStatus" NOT NULL DEFAULT 'UNKNOWN',
    "statusMessage" TEXT,
    "lastSyncAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Balancer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Failover" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "fromPoolId" UUID NOT NULL,
    "toPoolId" UUID NOT NULL,
    "trigger" "FailoverTrigger" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "state" "FailoverState" NOT NULL DEFAULT 'PENDING',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "faultId" UUID,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Failover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "result" "AuditResult" NOT NULL,
    "error" TEXT,
    "requestId" TEXT,
    "clientIp" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_name_key" ON "Service"("name");

-- CreateIndex
CREATE INDEX "Pool_serviceId_role_idx" ON "Pool"("serviceId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Pool_serviceId_name_key" ON "Pool"("serviceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_name_key" ON "Instance"("name");

-- CreateIndex
CREATE INDEX "Instance_poolId_idx" ON "Instance"("poolId");

-- CreateIndex
CREATE INDEX "Instance_balancerId_haproxyBackend_haproxyServer_idx" ON "Instance"("balancerId", "haproxyBackend", "haproxyServer");

-- CreateIndex
CREATE INDEX "CheckResult_instanceId_at_idx" ON "CheckResult"("instanceId", "at");

-- CreateIndex
CREATE INDEX "CheckResult_at_idx" ON "CheckResult"("at");

-- CreateIndex
CREATE INDEX "CheckRollup_minute_idx" ON "CheckRollup"("minute");

-- CreateIndex
CREATE UNIQUE INDEX "Fault_number_key" ON "Fault"("number");

-- CreateIndex
CREATE INDEX "Fault_startedAt_idx" ON "Fault"("startedAt");

-- CreateIndex
CREATE INDEX "Fault_status_startedAt_idx" ON "Fault"("status", "startedAt");

-- CreateIndex
CREATE INDEX "Fault_serviceId_startedAt_idx" ON "Fault"("serviceId", "startedAt");

-- CreateIndex
CREATE INDEX "Fault_instanceId_startedAt_idx" ON "Fault"("instanceId", "startedAt");

-- CreateIndex
CREATE INDEX "Fault_parentId_idx" ON "Fault"("parentId");

-- CreateIndex
CREATE INDEX "Fault_fingerprint_idx" ON "Fault"("fingerprint");

-- CreateIndex
CREATE INDEX "FaultEvent_faultId_at_idx" ON "FaultEvent"("faultId", "at");

-- CreateIndex
CREATE INDEX "FaultEvent_at_idx" ON "FaultEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Balancer_name_key" ON "Balancer"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Failover_idempotencyKey_key" ON "Failover"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Failover_serviceId_createdAt_idx" ON "Failover"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "Failover_state_idx" ON "Failover"("state");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_actor_at_idx" ON "AuditEntry"("actor", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_target_at_idx" ON "AuditEntry"("target", "at");

-- AddForeignKey
ALTER TABLE "Pool" ADD CONSTRAINT "Pool_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_balancerId_fkey" FOREIGN KEY ("balancerId") REFERENCES "Balancer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRollup" ADD CONSTRAINT "CheckRollup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fault" ADD CONSTRAINT "Fault_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fault" ADD CONSTRAINT "Fault_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fault" ADD CONSTRAINT "Fault_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Fault"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FaultEvent" ADD CONSTRAINT "FaultEvent_faultId_fkey" FOREIGN KEY ("faultId") REFERENCES "Fault"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Failover" ADD CONSTRAINT "Failover_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Failover" ADD CONSTRAINT "Failover_fromPoolId_fkey" FOREIGN KEY ("fromPoolId") REFERENCES "Pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Failover" ADD CONSTRAINT "Failover_toPoolId_fkey" FOREIGN KEY ("toPoolId") REFERENCES "Pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Failover" ADD CONSTRAINT "Failover_faultId_fkey" FOREIGN KEY ("faultId") REFERENCES "Fault"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: not expressible in schema.prisma
-- (reviewed against the tables above; `npm run db:diff` must keep reporting no changes after it)
-- ---------------------------------------------------------------------------------------------

-- Human fault keys start at F-1001 ("number" is SERIAL, so its sequence is "Fault_number_seq").
ALTER SEQUENCE "Fault_number_seq" RESTART WITH 1001;

-- At most one unresolved fault per fingerprint (dedup key); resolved faults may repeat it.
CREATE UNIQUE INDEX "Fault_open_fingerprint_key" ON "Fault"("fingerprint") WHERE "status" <> 'RESOLVED';

-- The audit log is append-only: rows can be inserted, never changed or removed.
CREATE FUNCTION "AuditEntry_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEntry is append-only' USING HINT = TG_OP || ' is not allowed on "AuditEntry"';
END;
$$;

CREATE TRIGGER "AuditEntry_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "AuditEntry_reject_change"();

CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntry_reject_change"();

-- Value ranges the balancer and the poller rely on (HAProxy weights are 0-256).
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_desiredWeight_check" CHECK ("desiredWeight" BETWEEN 0 AND 256);
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_observedWeight_check" CHECK ("observedWeight" IS NULL OR "observedWeight" BETWEEN 0 AND 256);
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_checkIntervalMs_check" CHECK ("checkIntervalMs" >= 1000);
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_checkTimeoutMs_check" CHECK ("checkTimeoutMs" > 0);
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_checkRise_check" CHECK ("checkRise" >= 1);
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_checkFall_check" CHECK ("checkFall" >= 1);
ALTER TABLE "Service" ADD CONSTRAINT "Service_sloTargetPct_check" CHECK ("sloTargetPct" > 0 AND "sloTargetPct" <= 100);
ALTER TABLE "CheckRollup" ADD CONSTRAINT "CheckRollup_count_failures_check" CHECK ("count" >= "failures" AND "failures" >= 0);
