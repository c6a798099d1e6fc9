import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditMark, auditSince, call, startAuthWorld, type AuthWorld } from "../auth/harness";

/** The fleet as code through the API: plan, apply, export, prune, errors that point at the line. */
describe("fleet file: plan / apply / export", () => {
  let w: AuthWorld;
  let op: string;
  let admin: string;
  const plan = (file: string, o: { prune?: boolean } = {}) => call("/api/v1/config/plan", { method: "POST", bearer: op, body: { file, ...o } });
  const apply = (file: string, o: { prune?: boolean; expectedVersion?: string; bearer?: string } = {}) =>
    call("/api/v1/config/apply", {
      method: "POST",
      bearer: o.bearer ?? op,
      body: { file, reason: "fleet file", prune: o.prune, expectedVersion: o.expectedVersion },
    });

  const FILE = `# yaml-language-server: $schema=./faultline.schema.json
version: 1
services:
  - name: cart
    owner: team-cart
    sloTargetPct: 99.5
    pools:
      - name: cart-a
        role: ACTIVE
        instances:
          - name: cart-a-1
            address: 127.0.0.1:41001
            check: { kind: HTTP, path: /health, intervalMs: 1000, fall: 2 }
          - name: cart-a-2
            address: "[::1]:41002"
      - name: cart-b
        role: STANDBY
        instances:
          - name: cart-b-1
            address: 127.0.0.1:41003
  - name: search
    pools:
      - name: search-a
        role: ACTIVE
        instances:
          - { name: search-a-1, address: "127.0.0.1:41011", check: { kind: TCP } }
  - name: users
    description: accounts and sessions
    pools: []
`;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "fleet_file");
    op = w.tokens.OPERATOR.secret;
    admin = w.tokens.ADMIN.secret;
  });
  afterAll(async () => {
    await w?.close();
  });

  it("plans, applies all of it in one audited change, then plans no changes; export round-trips", async () => {
    const p = await plan(FILE);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.summary).toContain("+ create instance cart-a-1 (cart/cart-a)");
    expect(p.body.changes).toHaveLength(3 + 3 + 4);
    const mark = await auditMark(w.prisma);
    const a = await apply(FILE, { expectedVersion: p.body.version });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const audit = await auditSince(w.prisma, mark);
    expect(audit.map((e) => e.action)).toEqual(["config.apply"]);
    expect(audit[0]!.after).toMatchObject({ changes: expect.arrayContaining(["+ create service cart"]) });
    const i = await w.prisma.instance.findUniqueOrThrow({ where: { name: "cart-a-1" } });
    expect(i).toMatchObject({ checkPath: "/health", checkIntervalMs: 1000, checkFall: 2, address: "127.0.0.1:41001" });

    expect((await plan(FILE)).body.summary).toEqual([]);
    const exported = await call("/api/v1/config/export", { bearer: w.tokens.VIEWER.secret });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/yaml/);
    expect((await plan(exported.body as string)).body.summary).toEqual([]);

    // A per-field diff for a change.
    const changed = FILE.replace("path: /health", "path: /ready").replace("owner: team-cart", "owner: team-checkout");
    expect((await plan(changed)).body.summary).toEqual([
      '~ update service cart: owner: "team-cart" → "team-checkout"',
      '~ update instance cart-a-1 (cart/cart-a): check.path: "/health" → "/ready"',
    ]);
  });

  it.each([
    [
      "a wrong type",
      FILE.replace("sloTargetPct: 99.5", "sloTargetPct: high"),
      /^faultline\.yaml:6:19 services\[0\]\.sloTargetPct: /,
      "services[0].sloTargetPct",
    ],
    [
      "an unknown key",
      FILE.replace("    owner: team-cart", "    owner: team-cart\n    colour: red"),
      /^faultline\.yaml:6:5 services\[0\]\.colour: unknown field colour$/,
      "services[0].colour",
    ],
    [
      "a duplicate name",
      FILE.replace("name: cart-b-1", "name: cart-a-1"),
      /^faultline\.yaml:19:19 services\[0\]\.pools\[1\]\.instances\[0\]\.name: duplicate instance name cart-a-1/,
      "services[0].pools[1].instances[0].name",
    ],
    [
      "a bad address",
      FILE.replace("127.0.0.1:41003", "127.0.0.1"),
      /^faultline\.yaml:20:22 services\[0\]\.pools\[1\]\.instances\[0\]\.address: must be host:port/,
      "services[0].pools[1].instances[0].address",
    ],
    ["a YAML syntax error", FILE.replace("    pools: []", "    pools: [\n"), /^faultline\.yaml:\d+:\d+ /, "file"],
  ])("refuses %s with file:line:column and the field, changing nothing", async (_what, bad, message, field) => {
    const before = (await plan(FILE)).body.version;
    for (const res of [await plan(bad), await apply(bad)]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION");
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.field).toBe(field);
    }
    expect((await plan(FILE)).body.version).toBe(before);
  });

  it("two applies of one plan: one wins, the other gets 409 and changes nothing", async () => {
    const { version } = (await plan(FILE)).body;
    const one = FILE.replace("owner: team-cart", "owner: team-one");
    const two = FILE.replace("owner: team-cart", "owner: team-two");
    const results = await Promise.all([apply(one, { expectedVersion: version }), apply(two, { expectedVersion: version })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });
    const owner = (await w.prisma.service.findUniqueOrThrow({ where: { name: "cart" } })).owner;
    expect(["team-one", "team-two"]).toContain(owner);
    expect(await apply(FILE)).toMatchObject({ status: 200 });
  });

  it("prune archives what has history and deletes what has none; admins only; all or nothing", async () => {
    const withFault = await w.prisma.instance.findUniqueOrThrow({ where: { name: "cart-b-1" }, include: { pool: true } });
    await w.prisma.fault.create({
      data: {
        type: "MANUAL",
        serviceId: withFault.pool.serviceId,
        instanceId: withFault.id,
        startedAt: new Date(),
        detectedAt: new Date(),
        cause: "x",
        source: "OPERATOR",
        fingerprint: `manual:${withFault.id}`,
        status: "RESOLVED",
        resolvedAt: new Date(),
      },
    });
    const smaller = FILE.replace(/ {10}- name: cart-b-1\n {12}address: 127\.0\.0\.1:41003\n/, "").replace(
      / {2}- name: search\n[\s\S]*?(?= {2}- name: users)/,
      "",
    );
    const p = (await plan(smaller, { prune: true })).body;
    expect(p.summary, JSON.stringify(p)).toBeDefined();
    expect(p.summary).toEqual(expect.arrayContaining(["- archive instance cart-b-1", "- delete service search", "- delete instance search-a-1"]));
    expect((await apply(smaller, { prune: true })).status).toBe(403);
    expect((await apply(smaller, { prune: true, bearer: admin })).status).toBe(200);
    expect(await w.prisma.instance.findUniqueOrThrow({ where: { name: "cart-b-1" } })).toMatchObject({ archivedAt: expect.any(Date), enabled: false });
    expect(await w.prisma.service.count({ where: { name: "search" } })).toBe(0);
    // A failing change rolls back the whole apply: the new pool is created, then a name taken by an archived instance.
    const mark = await auditMark(w.prisma);
    const clash = smaller.replace(
      "pools: []",
      "pools:\n      - name: users-a\n        role: ACTIVE\n        instances:\n          - { name: cart-b-1, address: '127.0.0.1:1' }",
    );
    const refused = await apply(clash);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.message).toMatch(/cart-b-1 exists \(archived\)/);
    expect(await w.prisma.pool.count({ where: { name: "users-a" } })).toBe(0); // nothing of that apply landed
    expect((await auditSince(w.prisma, mark)).map((e) => `${e.action} ${e.result}`)).toEqual(["config.apply FAILED"]);
  });

  it("check defaults on a service are inherited; an instance's check lists only its own fields; export keeps the split", async () => {
    const file = (interval: number) => `version: 1
services:
  - name: billing
    checkDefaults: { kind: HTTP, path: /health, intervalMs: ${interval}, fall: 3 }
    pools:
      - name: billing-a
        role: ACTIVE
        instances:
          - { name: billing-a-1, address: "127.0.0.1:41101" }
          - { name: billing-a-2, address: "127.0.0.1:41102", check: { fall: 5 } }
`;
    expect((await apply(file(1000))).status).toBe(200);
    const rows = async () => Object.fromEntries((await w.prisma.instance.findMany({ where: { name: { startsWith: "billing-a-" } } })).map((i) => [i.name, i]));
    let r = await rows();
    expect(r["billing-a-1"]).toMatchObject({ checkPath: "/health", checkIntervalMs: 1000, checkFall: 3, checkOverrides: [] });
    expect(r["billing-a-2"]).toMatchObject({ checkPath: "/health", checkIntervalMs: 1000, checkFall: 5, checkOverrides: ["fall"] });
    expect((await plan(file(1000))).body.summary).toEqual([]);

    // One line in the file moves every instance that inherits.
    expect((await plan(file(2000))).body.summary).toEqual(["~ update service billing: checkDefaults.intervalMs: 1000 → 2000"]);
    expect((await apply(file(2000))).status).toBe(200);
    r = await rows();
    expect([r["billing-a-1"]!.checkIntervalMs, r["billing-a-2"]!.checkIntervalMs, r["billing-a-2"]!.checkFall]).toEqual([2000, 2000, 5]);

    // The file is the whole truth: dropping an instance's own field hands it back to the service.
    const inheritAll = file(2000).replace(", check: { fall: 5 }", "");
    expect((await plan(inheritAll)).body.summary).toEqual(["~ update instance billing-a-2 (billing/billing-a): check.fall: 5 → (inherited)"]);
    expect((await apply(inheritAll)).status).toBe(200);
    expect((await rows())["billing-a-2"]).toMatchObject({ checkFall: 3, checkOverrides: [] });

    const exported = (await call("/api/v1/config/export", { bearer: op })).body as string;
    expect(exported).toMatch(/name: billing\n(.*\n)*? {4}checkDefaults:\n {6}kind: HTTP/);
    expect((await plan(exported)).body.summary.filter((l: string) => l.includes("billing"))).toEqual([]);
  });

  it("balancer links and the automatic policy live in the file too; a link to an unknown balancer points at its line", async () => {
    const file = (balancer: string, policy = "") => `version: 1
services:
  - name: ledger${policy}
    pools:
      - name: ledger-a
        role: ACTIVE
        instances:
          - name: ledger-a-1
            address: 127.0.0.1:41201
            haproxy: { balancer: ${balancer}, backend: ledger, server: ledger-a-1 }
`;
    const unknown = await plan(file("lb-nope"));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION", field: "services[0].pools[0].instances[0].haproxy.balancer" });
    expect(unknown.body.error.message).toMatch(
      /^faultline\.yaml:10:34 services\[0\]\.pools\[0\]\.instances\[0\]\.haproxy\.balancer: no balancer named lb-nope/,
    );
    expect(await w.prisma.service.count({ where: { name: "ledger" } })).toBe(0);

    const lb = await w.prisma.balancer.create({ data: { name: "lb-file", runtimeApi: "unix:/tmp/faultline-none.sock" } });
    expect((await apply(file("lb-file"))).status).toBe(200);
    expect(await w.prisma.instance.findUniqueOrThrow({ where: { name: "ledger-a-1" } })).toMatchObject({
      balancerId: lb.id,
      haproxyBackend: "ledger",
      haproxyServer: "ledger-a-1",
    });

    const withPolicy = file("lb-file", "\n    policy: { autoFailover: true, autoFailoverAfterSec: 20 }");
    expect((await plan(withPolicy)).body.summary).toEqual(["~ update service ledger: policy.autoFailover: false → true, policy.autoFailoverAfterSec: 30 → 20"]);
    expect((await apply(withPolicy)).status).toBe(200);
    expect(await w.prisma.service.findUniqueOrThrow({ where: { name: "ledger" } })).toMatchObject({ autoFailover: true, autoFailoverAfterSec: 20 });

    const exported = (await call("/api/v1/config/export", { bearer: op })).body as string;
    expect(exported).toContain("balancer: lb-file");
    expect(exported).toContain("autoFailoverAfterSec: 20");
    expect((await plan(exported)).body.summary.filter((l: string) => l.includes("ledger"))).toEqual([]);

    // A file that does not list ledger-a-1 cannot hand its server to another instance.
    const thief = `version: 1
services:
  - name: ledger2
    pools:
      - name: ledger2-a
        role: ACTIVE
        instances:
          - { name: ledger2-a-1, address: "127.0.0.1:41202", haproxy: { balancer: lb-file, backend: ledger, server: ledger-a-1 } }
`;
    const stolen = await plan(thief);
    expect(stolen.body.error).toMatchObject({ code: "VALIDATION", field: "services[0].pools[0].instances[0].haproxy.server" });
    expect(stolen.body.error.message).toContain("is already ledger-a-1's (not in this file)");

    // Leaving the link out unlinks it (the file is the whole truth); a weight left out stays as it is.
    await w.prisma.instance.update({ where: { name: "ledger-a-1" }, data: { desiredWeight: 42 } });
    const unlinked = withPolicy.replace(/\n\s+haproxy: .*\n/, "\n");
    expect((await plan(unlinked)).body.summary).toEqual([
      '~ update instance ledger-a-1 (ledger/ledger-a): haproxy: {"balancer":"lb-file","backend":"ledger","server":"ledger-a-1"} → null',
    ]);
    expect((await apply(unlinked)).status).toBe(200);
    expect(await w.prisma.instance.findUniqueOrThrow({ where: { name: "ledger-a-1" } })).toMatchObject({
      balancerId: null,
      haproxyServer: null,
      desiredWeight: 42,
    });
  });
});
