-- AlterTable
ALTER TABLE "Failover" ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3);
