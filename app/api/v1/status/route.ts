import { ok, route } from "@/lib/http/respond";
import { statusReport } from "@/lib/runtime/status";

export const GET = route(async () => {
  const report = await statusReport();
  return ok(report, report.ok ? 200 : 503);
});
