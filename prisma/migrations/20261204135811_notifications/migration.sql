-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('WEBHOOK', 'SLACK', 'EMAIL', 'PAGERDUTY');

-- CreateEnum
CREATE TYPE "NotifyEvent" AS ENUM ('FAULT_OPENED', 'FAULT_ACKNOWLEDGED', 'FAULT_RESOLVED', 'FAULT_REOPENED', 'FAULT_FLAPPING', 'FAILOVER_STARTED', 'FAILOVER_VERIFIED', 'FAILOVER_FAILED', 'FAILOVER_ROLLED_BACK', 'DRIFT_PERSISTS', 'BALANCER_UNREACHABLE', 'ESCALATION', 'DIGEST', 'TEST');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'DELIVERED', 'DEAD', 'SUPPRESSED');

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "ratePerMinute" INTEGER NOT NULL DEFAULT 20,
    "timeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationRoute" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" UUID NOT NULL,
    "serviceId" UUID,
    "minSeverity" "Severity" NOT NULL DEFAULT 'SEV4',
    "faultTypes" "FaultType"[] DEFAULT ARRAY[]::"FaultType"[],
    "events" "NotifyEvent"[],
    "escalateAfterSeconds" INTEGER,
    "escalateChannelId" UUID,
    "repeatEverySeconds" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event" "NotifyEvent" NOT NULL,
    "faultId" UUID,
    "faultEventId" BIGINT,
    "failoverId" UUID,
    "balancerId" UUID,
    "instanceId" UUID,
    "dedupKey" TEXT,
    "routedAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" BIGSERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channelId" UUID NOT NULL,
    "routeId" UUID,
    "eventId" BIGINT,
    "event" "NotifyEvent" NOT NULL,
    "faultId" UUID,
    "failoverId" UUID,
    "balancerId" UUID,
    "instanceId" UUID,
    "serviceId" UUID,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "digestId" BIGINT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),
    "admittedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "by" TEXT NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRoute_name_key" ON "NotificationRoute"("name");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationEvent_dedupKey_key" ON "NotificationEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "NotificationEvent_faultId_idx" ON "NotificationEvent"("faultId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_idempotencyKey_key" ON "NotificationDelivery"("idempotencyKey");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_faultId_id_idx" ON "NotificationDelivery"("faultId", "id");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channelId_id_idx" ON "NotificationDelivery"("channelId", "id");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channelId_admittedAt_idx" ON "NotificationDelivery"("channelId", "admittedAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_digestId_idx" ON "NotificationDelivery"("digestId");

-- CreateIndex
CREATE INDEX "NotificationAttempt_deliveryId_at_idx" ON "NotificationAttempt"("deliveryId", "at");

-- AddForeignKey
ALTER TABLE "NotificationRoute" ADD CONSTRAINT "NotificationRoute_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRoute" ADD CONSTRAINT "NotificationRoute_escalateChannelId_fkey" FOREIGN KEY ("escalateChannelId") REFERENCES "NotificationChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRoute" ADD CONSTRAINT "NotificationRoute_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "NotificationDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the outbox is filled by the database in the same transaction as the change that
-- causes the notification, so no writer (poller, observer, operator, failover runner) can forget
-- one and a rolled-back change leaves none behind. The dispatcher (lib/notifications) does the
-- routing; these only record that something happened.
CREATE FUNCTION "NotificationEvent_from_fault_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NotificationEvent" ("at", "event", "faultId", "faultEventId")
  VALUES (NEW."at",
          (CASE NEW."kind"
             WHEN 'OPENED' THEN 'FAULT_OPENED'
             WHEN 'ACKNOWLEDGED' THEN 'FAULT_ACKNOWLEDGED'
             WHEN 'RESOLVED' THEN 'FAULT_RESOLVED'
             WHEN 'REOPENED' THEN 'FAULT_REOPENED'
             ELSE 'FAULT_FLAPPING' END)::"NotifyEvent",
          NEW."faultId", NEW."id");
  RETURN NULL;
END $$;
CREATE TRIGGER "FaultEvent_notify" AFTER INSERT ON "FaultEvent"
  FOR EACH ROW WHEN (NEW."kind" IN ('OPENED', 'ACKNOWLEDGED', 'RESOLVED', 'REOPENED', 'FLAP'))
  EXECUTE FUNCTION "NotificationEvent_from_fault_event"();

CREATE FUNCTION "NotificationEvent_from_failover"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."state" = NEW."state" THEN RETURN NULL; END IF;
  IF NEW."state" NOT IN ('APPLYING', 'VERIFIED', 'FAILED', 'ROLLED_BACK') THEN RETURN NULL; END IF;
  INSERT INTO "NotificationEvent" ("event", "failoverId", "faultId")
  VALUES ((CASE NEW."state"
             WHEN 'APPLYING' THEN 'FAILOVER_STARTED'
             WHEN 'VERIFIED' THEN 'FAILOVER_VERIFIED'
             WHEN 'FAILED' THEN 'FAILOVER_FAILED'
             ELSE 'FAILOVER_ROLLED_BACK' END)::"NotifyEvent",
          NEW."id", NEW."faultId");
  RETURN NULL;
END $$;
CREATE TRIGGER "Failover_notify" AFTER INSERT OR UPDATE OF "state" ON "Failover"
  FOR EACH ROW EXECUTE FUNCTION "NotificationEvent_from_failover"();

CREATE FUNCTION "NotificationEvent_from_balancer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "NotificationEvent" ("event", "balancerId") VALUES ('BALANCER_UNREACHABLE', NEW."id");
  RETURN NULL;
END $$;
CREATE TRIGGER "Balancer_notify" AFTER UPDATE OF "status" ON "Balancer"
  FOR EACH ROW WHEN (NEW."status" = 'UNREACHABLE' AND OLD."status" IS DISTINCT FROM 'UNREACHABLE')
  EXECUTE FUNCTION "NotificationEvent_from_balancer"();

-- The dispatcher's two scans: events not yet routed, deliveries due.
CREATE INDEX "NotificationEvent_unrouted_idx" ON "NotificationEvent" ("id") WHERE "routedAt" IS NULL;
CREATE INDEX "NotificationDelivery_due_idx" ON "NotificationDelivery" ("nextAttemptAt") WHERE "status" IN ('PENDING', 'SENDING');
