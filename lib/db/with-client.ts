import pg from "pg";

/** Run `fn` on a one-off pg.Client connected to `url`, always closing it (admin/DDL work). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined); // a server going away mid-call surfaces on the query instead
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
