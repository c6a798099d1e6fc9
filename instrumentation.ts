/** Runs once per server process, before any request (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  // Node-only work; never during `next build` (it would start a database to prerender).
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./lib/runtime/boot-server");
  await bootServer();
}
