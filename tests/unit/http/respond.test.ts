import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
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
    expect((await answer(errorResponse(Object.assign(new Error("x"), { code: "P1001" })))).status).toBe(500);
    expect((await answer(errorResponse({ code: 2002 }))).status).toBe(500);
    expect((await answer(errorResponse(undefined))).status).toBe(500);
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
