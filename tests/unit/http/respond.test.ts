import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { AppError } from "@/lib/errors/app-error";
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
