-- Audit targets are `<kind>:<id>`; the name at the time of writing goes alongside.
-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "targetName" TEXT;

-- CreateIndex
CREATE INDEX "AuditEntry_targetName_at_idx" ON "AuditEntry"("targetName", "at");
