-- https checks: a private CA to trust (PEM), editable like every other check field.
ALTER TABLE "Instance" ADD COLUMN "checkTlsCa" TEXT;
