-- AlterTable
ALTER TABLE "CheckResult" ADD COLUMN     "stateChange" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" UUID NOT NULL,
    "serviceId" UUID,
    "instanceId" UUID,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MaintenanceWindow_serviceId_endsAt_idx" ON "MaintenanceWindow"("serviceId", "endsAt");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_instanceId_endsAt_idx" ON "MaintenanceWindow"("instanceId", "endsAt");

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: not expressible in schema.prisma
-- ---------------------------------------------------------------------------------------------

-- A window covers one service or one instance, and ends after it starts.
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_scope_check" CHECK (("serviceId" IS NULL) <> ("instanceId" IS NULL));
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_range_check" CHECK ("endsAt" > "startsAt");

-- Pruning keeps failures and state changes past the raw window: index exactly those.
CREATE INDEX "CheckResult_kept_at_idx" ON "CheckResult"("at") WHERE "ok" = false OR "stateChange" = true;
