import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { currentOutage, noteDatabaseReachable } from "@/lib/db/outage";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import { parseBody, parseQuery } from "@/lib/http/parse";
import { errorResponse, ok, route } from "@/lib/http/respond";
import { log } from "@/lib/log";

async function answer(res: Response): Promise<{ status: number; body: unknown; cacheControl: string | null }> {
  return { status: res.status, body: await res.json(), cacheControl: res.headers.get("cache-control") };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("errorResponse", () => {
  it("answers an AppError with its code's status and its message", async () => {
    expect(await answer(errorResponse(new AppError("NOT_FOUND", "service checkout not found")))).toEqual({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "service checkout not found" } },
      cacheControl: "no-store",
    });
    const forbidden = await answer(errorResponse(new AppError("FORBIDDEN", "operators only")));
    expect(forbidden.status).toBe(403);
    const conflict = await answer(errorResponse(new AppError("CONFLICT", "name taken", "name")));
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: "CONFLICT", message: "name taken", field: "name" } } });
  });

  it("answers a ZodError with 400 VALIDATION naming the field", async () => {
    const schema = z.object({ limit: z.coerce.number().int().min(1) });
    const err = schema.safeParse({ limit: "abc" }).error!;
    const res = await answer(errorResponse(err));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "VALIDATION", field: "limit", message: expect.stringMatching(/^limit: /) } });
  });

  it("names a nested field by its path", async () => {
    const schema = z.object({ check: z.object({ rise: z.number().min(1) }) });
    const res = await answer(errorResponse(schema.safeParse({ check: { rise: 0 } }).error!));
    expect(res.body).toMatchObject({ error: { code: "VALIDATION", field: "check.rise" } });
  });

  it("leaves the field out when the whole input is wrong", async () => {
    const res = await answer(errorResponse(z.string().safeParse(42).error!));
    expect(res.status).toBe(400);
    expect((res.body as { error: object }).error).not.toHaveProperty("field");
  });

  it("maps Prisma errors by their code: P2002/P2003 → 409, P2025 → 404", async () => {
    const prisma = (code: string) => Object.assign(new Error(`Invalid \`prisma.service.create()\` invocation: secret detail`), { code });
    expect(await answer(errorResponse(prisma("P2002")))).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect(await answer(errorResponse(prisma("P2003")))).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect(await answer(errorResponse(prisma("P2025")))).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(JSON.stringify((await answer(errorResponse(prisma("P2002")))).body)).not.toContain("secret detail");
  });

  it("answers anything else with 500 and no details, and logs what happened", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const res = await answer(errorResponse(new Error("connection to 10.0.0.5 failed: password=hunter2")));
    expect(res).toEqual({ status: 500, body: { error: { code: "INTERNAL", message: "internal error" } }, cacheControl: "no-store" });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logged.mock.calls[0])).toContain("hunter2");

    // An unmapped P-code, or a code that is not a string, is not a Prisma answer either.
    expect((await answer(errorResponse(Object.assign(new Error("x"), { code: "P2021" })))).status).toBe(500);
    expect((await answer(errorResponse({ code: 2002 }))).status).toBe(500);
    expect((await answer(errorResponse(undefined))).status).toBe(500);
  });
});

describe("errorResponse while the database is unavailable", () => {
  // What Prisma 7 + adapter-pg throws for a model query while PostgreSQL is down.
  const down = () =>
    new Prisma.PrismaClientKnownRequestError(
      "\nInvalid `db().service.findMany()` invocation in\n/app/x.ts:3:1\n\nCan't reach database server at 127.0.0.1:5432",
      {
        code: "P1001",
        clientVersion: "7.10.0",
        meta: { modelName: "Service", driverAdapterError: new DriverAdapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }) },
      },
    );
  const killed = () => new Error("Connection terminated unexpectedly");

  afterEach(() => {
    vi.spyOn(log, "info").mockImplementation(() => undefined);
    noteDatabaseReachable(); // end any outage a test left open
  });

  it("answers 503 DATABASE_UNAVAILABLE with Retry-After, without the driver's words", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => undefined);
    vi.spyOn(log, "info").mockImplementation(() => undefined);
    for (const err of [down(), killed(), Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })]) {
      const res = errorResponse(err);
      expect(await answer(res)).toEqual({
        status: 503,
        body: { error: { code: "DATABASE_UNAVAILABLE", message: "database unavailable, retrying" } },
        cacheControl: "no-store",
      });
      expect(res.headers.get("retry-after")).toBe("5");
    }
  });

  it("logs one line when an outage starts and one when it ends, never a stack trace per request", () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const info = vi.spyOn(log, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    for (let i = 0; i < 50; i++) errorResponse(i % 2 ? down() : killed());
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual([{ reason: "Connection terminated unexpectedly" }, "database unavailable: answering 503 until it is back"]);
    expect(currentOutage()).toMatchObject({ failures: 50 });

    noteDatabaseReachable(Date.now() + 12_000);
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]![0]).toMatchObject({ failedRequests: 50, downSec: expect.any(Number) });
    expect((info.mock.calls[0]![0] as { downSec: number }).downSec).toBeGreaterThanOrEqual(12);
    expect(currentOutage()).toBeUndefined();
    noteDatabaseReachable(); // no outage: nothing to say
    expect(info).toHaveBeenCalledTimes(1);

    errorResponse(down()); // the next outage is logged again
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]![0]).toEqual({ reason: "P1001 DatabaseNotReachable" });
  });
});

describe("route", () => {
  it("passes a handler's response through", async () => {
    const handler = route(async () => ok({ items: [] }, 201));
    expect(await answer(await handler(new Request("http://x/"), {}))).toEqual({ status: 201, body: { items: [] }, cacheControl: "no-store" });
  });

  it("turns a thrown error into its error response", async () => {
    const handler = route(async () => {
      throw new AppError("UNAVAILABLE", "database unavailable");
    });
    expect(await answer(await handler(new Request("http://x/"), {}))).toMatchObject({ status: 503, body: { error: { code: "UNAVAILABLE" } } });
  });
});

describe("cursor", () => {
  it("round-trips a sort key, including characters base64 would pad or escape", () => {
    for (const key of ["accounts", "a", "ab", "svc/with?odd+chars=", "zürich-☃", "x".repeat(300)]) {
      const cursor = encodeCursor(key);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, "cursor")).toBe(key);
    }
  });

  it("rejects a cursor the API did not hand out with a VALIDATION error naming the field", () => {
    for (const garbage of ["", "!!!", "not*a*cursor", `${encodeCursor("accounts")}=`, "a"]) {
      let thrown: unknown;
      try {
        decodeCursor(garbage, "after");
      } catch (err) {
        thrown = err;
      }
      expect(thrown, `cursor ${JSON.stringify(garbage)}`).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ code: "VALIDATION", field: "after", status: 400 });
      expect((thrown as Error).message).toMatch(/^after: /);
    }
  });
});

describe("NUL characters never reach PostgreSQL", () => {
  const schema = z.object({ q: z.string().optional(), name: z.string().optional(), tags: z.array(z.string()).optional() });
  const fieldOf = async (p: Promise<unknown>) => {
    const res = errorResponse(
      await p.then(
        () => new Error("parsed"),
        (e: unknown) => e,
      ),
    );
    return { status: res.status, body: (await res.json()) as { error: { code: string; field?: string } } };
  };

  it("refuses a NUL in a query value with 400 naming the parameter", async () => {
    const out = await fieldOf(Promise.resolve().then(() => parseQuery(schema, new Request("http://x/api/v1/faults?q=a%00b"))));
    expect(out).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", field: "q" } } });
  });

  it("refuses a NUL anywhere in a JSON body, naming the nested field", async () => {
    const req = (body: unknown) => new Request("http://x/", { method: "POST", body: JSON.stringify(body) });
    expect((await fieldOf(parseBody(schema, req({ name: "a\u0000" })))).body.error.field).toBe("name");
    expect((await fieldOf(parseBody(schema, req({ tags: ["ok", "b\u0000"] })))).body.error.field).toBe("tags.1");
    expect((await fieldOf(parseBody(z.unknown(), req({ a: { b: "\u0000" } })))).body.error.field).toBe("a.b");
    expect((await fieldOf(parseBody(z.unknown(), req({ "k\u0000": 1 })))).status).toBe(400);
    await expect(parseBody(schema, req({ name: "fine" }))).resolves.toEqual({ name: "fine" });
  });

  it("refuses a NUL in a route parameter before the handler runs", async () => {
    let ran = false;
    const handler = route<{ params: Promise<{ id: string }> }>(async () => {
      ran = true;
      return ok({});
    });
    const res = await handler(new Request("http://x/"), { params: Promise.resolve({ id: "abc\u0000" }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION", field: "id" } });
    expect(ran).toBe(false);
  });

  it("refuses a cursor that decodes to NUL bytes", () => {
    expect(() => decodeCursor(encodeCursor("a\u0000b"), "cursor")).toThrow(AppError);
  });
});
