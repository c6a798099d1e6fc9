import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { API_ROUTES } from "@/lib/http/api-route-table";
import { seedFaultHistory } from "@/dev/bench/seed-faults";
import { freshDatabase, withClient, type TestDatabase } from "../support/databases";
import { startNextServer, stopServer, waitUntilServing, type ServerRun } from "../support/next-server";

// Generated bad input against the built server (proxy, route handlers, PostgreSQL), every route of
// the route table with every method: no answer may be a 5xx, every error is in the documented
// { error: { code, message, field? } } shape. Ids are drawn from real rows too, so the bad values
// reach past "not found" into validation and the database.

const TOKEN = "flt_bad_input_test_bootstrap_token_000000001";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** Runs per (route, method): deep for what a route exports, shallow for what it answers 405 to. */
const RUNS_EXPORTED = 90;
const RUNS_OTHER = 8;

// Query keys the API's list and report routes read, and bodies' field names across the schemas.
const QUERY_KEYS = [
  "q",
  "actor",
  "target",
  "action",
  "result",
  "cursor",
  "limit",
  "from",
  "to",
  "since",
  "status",
  "severity",
  "type",
  "serviceId",
  "instanceId",
  "range",
  "bucket",
  "days",
  "format",
  "source",
  "kind",
  "open",
];
const BODY_KEYS = [
  "reason",
  "name",
  "email",
  "role",
  "password",
  "disabled",
  "weight",
  "adminState",
  "state",
  "status",
  "severity",
  "type",
  "cause",
  "title",
  "notes",
  "resolution",
  "rootCause",
  "category",
  "startsAt",
  "endsAt",
  "expiresAt",
  "targetPoolId",
  "force",
  "mode",
  "enabled",
  "policy",
  "drift",
  "runtimeApi",
  "serverStateFile",
  "serviceId",
  "instanceId",
  "confirm",
  "dryRun",
];

const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "%00",
  "%zz",
  "%E2%82",
  "0000-01-01T00:00:00Z",
  "99999-12-31T00:00:00Z",
  "99999999999999999999",
  "-1",
  "1e309",
  "NaN",
  "F-0",
  "F-99999999999999999999",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "=1+1",
  "\uD800",
  "🦄".repeat(50),
  "x".repeat(5000),
  " ",
  "",
  "null",
  "true",
  "[]",
  "{}",
  "ADMIN",
  "RESOLVED",
  "SEV1",
);
const aString = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));
const aValue: fc.Arbitrary<unknown> = fc.oneof(
  aString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(aString, { maxLength: 3 }),
  fc.dictionary(aString, aString, { maxKeys: 2 }),
);

// Bodies: JSON of any shape, objects with the real field names and bad values, and broken JSON.
const body = fc.oneof(
  fc.record({ kind: fc.constant("json" as const), value: fc.dictionary(fc.constantFrom(...BODY_KEYS), aValue, { maxKeys: 6 }) }),
  fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({
    kind: fc.constant("text" as const),
    value: fc.oneof(fc.constantFrom("{", '{"reason":', "\u0000", "[1,2", "not json", '{"a":1}}'), fc.string({ maxLength: 60 })),
  }),
  fc.constant({ kind: "none" as const, value: null }),
);
const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), aString), aString, { maxKeys: 4 });
const auth = fc.constantFrom("admin", "admin", "admin", "none", "bad");

/** Raw path segment (percent-encoded as a client would send it, or deliberately broken). */
function encodeSegment(s: string): string {
  if (/^%(zz|E2%82)$/.test(s)) return s;
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80"; // a lone surrogate: invalid UTF-8 once decoded
  }
}

describe("generated bad input across the route table (built server)", () => {
  let server: ServerRun;
  let database: TestDatabase;
  const realIds: Record<string, string[]> = {};

  beforeAll(async () => {
    database = await freshDatabase(inject("pg18AdminUrl"), "bad_input");
    server = await startNextServer({ DATABASE_URL: database.url, FAULTLINE_BOOTSTRAP_TOKEN: TOKEN, FAULTLINE_POLLER: "off" });
    await waitUntilServing(server);
    await seedFaultHistory(database.url, { services: 3, instancesPerPool: 2, faults: 60, days: 3 });
    await withClient(database.url, async (c) => {
      const ids = async (sql: string) => (await c.query(sql)).rows.map((r: { id: string }) => String(r.id));
      realIds.service = await ids(`SELECT id FROM "Service" LIMIT 3`);
      realIds.instance = await ids(`SELECT id FROM "Instance" LIMIT 3`);
      realIds.fault = await ids(`SELECT 'F-' || number AS id FROM "Fault" ORDER BY number LIMIT 3`);
      realIds.maintenance = await ids(`SELECT id FROM "MaintenanceWindow" LIMIT 2`);
      // Users and tokens: never the bootstrap token's own row (a generated revoke would end the run).
      realIds.user = await ids(`SELECT id FROM "User" LIMIT 2`);
    });
  }, 120_000);
  afterAll(async () => {
    if (server) await stopServer(server);
    await database?.drop();
  });

  /** A value for the template's `[param]`: a real id of that kind, or generated junk. */
  const paramFor = (template: string, name: string) => {
    const kind = /services/.test(template)
      ? "service"
      : /instances/.test(template)
        ? "instance"
        : /faults/.test(template)
          ? "fault"
          : /maintenance/.test(template)
            ? "maintenance"
            : /users/.test(template)
              ? "user"
              : "";
    const real = name === "id" ? (realIds[kind] ?? []) : [];
    return real.length ? fc.oneof(fc.constantFrom(...real), aString) : aString;
  };

  /** The path of a template with generated params (a catch-all gets 1–3 segments). */
  const pathFor = (template: string) =>
    fc
      .tuple(
        ...template.split("/").map((seg) => {
          if (/^\[\.\.\.\w+\]$/.test(seg)) return fc.array(aString, { minLength: 1, maxLength: 3 }).map((xs) => xs.map(encodeSegment).join("/"));
          const dyn = seg.match(/^\[(\w+)\]$/);
          return dyn ? paramFor(template, dyn[1]!).map(encodeSegment) : fc.constant(seg);
        }),
      )
      .map((parts) => parts.join("/"));

  it("answers no 5xx and only documented error bodies to ≥ 5,000 generated requests", async () => {
    let cases = 0;
    const failures: string[] = [];
    for (const route of API_ROUTES) {
      for (const method of METHODS) {
        const numRuns = route.methods.includes(method) ? RUNS_EXPORTED : RUNS_OTHER;
        await fc.assert(
          fc.asyncProperty(pathFor(route.template), query, body, auth, async (path, q, b, who) => {
            cases++;
            const search = new URLSearchParams(q).toString();
            const headers: Record<string, string> = { origin: server.base };
            if (who === "admin") headers.authorization = `Bearer ${TOKEN}`;
            if (who === "bad") headers.authorization = "Bearer flt_not_a_real_token\u00e9";
            let payload: string | undefined;
            if (method !== "GET" && b.kind !== "none") {
              payload = b.kind === "json" ? JSON.stringify(b.value) : (b.value as string);
              headers["content-type"] = "application/json";
            }
            // Never let a generated body point the balancer test at anything beyond loopback.
            if (route.template.includes("balancers") && payload?.includes(":")) payload = "{}";
            const res = await fetch(`${server.base}${path}${search ? `?${search}` : ""}`, { method, headers, body: payload, redirect: "manual" }).catch(
              (err: Error) => {
                // undici refuses some header values itself: that is the client's refusal, not ours.
                if (/header|ByteString/i.test(err.message)) return null;
                throw err;
              },
            );
            if (!res) return;
            const text = await res.text();
            const where = `${method} ${path}${search ? `?${search}` : ""} → ${res.status} ${text.slice(0, 200)}`;
            if (res.status >= 500) failures.push(where);
            else if (res.status >= 400 && !isErrorBody(text)) failures.push(`undocumented error body: ${where}`);
          }),
          { numRuns, seed: 20261202, endOnFailure: true },
        );
      }
    }
    expect(failures.slice(0, 20), `${failures.length} bad answers`).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(5000);
  }, 600_000);
});

function isErrorBody(text: string): boolean {
  try {
    const b = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof b.error?.code === "string" && typeof b.error.message === "string";
  } catch {
    return false;
  }
}
