-- Bring your own fleet (issue 13): services and instances with history are archived, not deleted.
ALTER TABLE "Service" ADD COLUMN "archivedAt" TIMESTAMPTZ(3);
ALTER TABLE "Instance" ADD COLUMN "archivedAt" TIMESTAMPTZ(3);
