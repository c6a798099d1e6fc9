-- Changes reported as failed (HAProxy did not answer) that HAProxy may still execute when it resumes.
CREATE TABLE "UnconfirmedChange" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "weight" INTEGER NOT NULL,
    "adminState" "AdminState" NOT NULL,
    "error" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnconfirmedChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "UnconfirmedChange_instanceId_createdAt_idx" ON "UnconfirmedChange"("instanceId", "createdAt");

ALTER TABLE "UnconfirmedChange" ADD CONSTRAINT "UnconfirmedChange_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
