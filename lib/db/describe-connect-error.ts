/** Where a URL points, without its password — safe to print. */
export function redactedTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}${u.username ? ` as ${decodeURIComponent(u.username)}` : ""}`;
  } catch {
    return "(unparseable URL)";
  }
}

/** The driver's own words, first line only, with the URL's password blanked out wherever it appears. */
function driverWords(message: unknown, url: string): string {
  let text = String(message ?? "").split("\n")[0] ?? "";
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) text = text.split(password).join("***");
  } catch {
    // unparseable URL: nothing to blank out
  }
  return text;
}

/** One line saying why a PostgreSQL connection failed, by error code (never by message text). */
export function describeConnectError(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string };
  const where = redactedTarget(url);
  switch (e?.code) {
    case "ECONNREFUSED":
      return `cannot reach PostgreSQL at ${where}: connection refused (is it running? check DATABASE_URL)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot reach PostgreSQL at ${where}: host name not found (check DATABASE_URL)`;
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
      return `cannot reach PostgreSQL at ${where}: timed out (check DATABASE_URL and firewalls)`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the credentials in DATABASE_URL (${driverWords(e.message, url)})`;
    case "3D000":
      return `PostgreSQL at ${where}: the database does not exist (create it, or fix DATABASE_URL)`;
    default:
      return `cannot use PostgreSQL at ${where}: ${driverWords(e?.message ?? err, url)}`;
  }
}
