-- Check defaults per service, inherited by its instances (issue 13).
ALTER TABLE "Service" ADD COLUMN "checkDefaults" JSONB;
ALTER TABLE "Instance" ADD COLUMN "checkOverrides" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- Existing instances keep the check they have: every field that differs from the built-in
-- default was set on purpose (by the API or an import), so it becomes the instance's own.
UPDATE "Instance" SET "checkOverrides" = array_remove(ARRAY[
  CASE WHEN "checkKind" <> 'HTTP' OR "checkScheme" <> 'http' THEN 'kind' END,
  CASE WHEN "checkMethod" <> 'GET' THEN 'method' END,
  CASE WHEN "checkPath" <> '/healthz' THEN 'path' END,
  CASE WHEN "checkHeaders" IS NOT NULL AND "checkHeaders" <> '{}'::jsonb THEN 'headers' END,
  CASE WHEN "checkExpectedStatuses" <> ARRAY[200] THEN 'expectedStatuses' END,
  CASE WHEN "checkBodyContains" IS NOT NULL THEN 'bodyContains' END,
  CASE WHEN "checkJsonPath" IS NOT NULL THEN 'jsonPath' END,
  CASE WHEN "checkJsonEquals" IS NOT NULL THEN 'jsonEquals' END,
  CASE WHEN "checkTimeoutMs" <> 2000 THEN 'timeoutMs' END,
  CASE WHEN "checkIntervalMs" <> 5000 THEN 'intervalMs' END,
  CASE WHEN "checkRise" <> 2 THEN 'rise' END,
  CASE WHEN "checkFall" <> 2 THEN 'fall' END,
  CASE WHEN "checkDegradedLatencyMs" IS NOT NULL THEN 'degradedLatencyMs' END,
  CASE WHEN "checkCertExpiryDays" IS NOT NULL THEN 'certExpiryDays' END
], NULL);
