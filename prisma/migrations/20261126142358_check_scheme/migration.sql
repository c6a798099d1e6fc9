-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "checkScheme" TEXT NOT NULL DEFAULT 'http';

-- ---------------------------------------------------------------------------------------------
-- Hand-written: not expressible in schema.prisma
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_checkScheme_check" CHECK ("checkScheme" IN ('http', 'https'));
