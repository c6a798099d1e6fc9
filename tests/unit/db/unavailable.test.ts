import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { databaseUnavailableReason, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { Prisma } from "@/lib/generated/prisma/client";

// The shapes Prisma 7.10 + @prisma/adapter-pg threw here when the embedded PostgreSQL was stopped
// (pg_ctl stop -m fast) or its postmaster killed (kill -9) under queries.
const prismaError = (code: string, cause?: ConstructorParameters<typeof DriverAdapterError>[0]) =>
  new Prisma.PrismaClientKnownRequestError("\nInvalid `prisma.service.findMany()` invocation:\n\nsomething", {
    code,
    clientVersion: "7.10.0",
    meta: cause ? { modelName: "Service", driverAdapterError: new DriverAdapterError(cause) } : { modelName: "Service" },
  });
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "model query, server down (P1001 / DatabaseNotReachable)",
      prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }),
      "P1001 DatabaseNotReachable",
    ],
    [
      "raw query, server down (P2010 / DatabaseNotReachable)",
      prismaError("P2010", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }),
      "DatabaseNotReachable",
    ],
    [
      "raw query, fast shutdown (P2010 / postgres 57P01)",
      prismaError("P2010", {
        kind: "postgres",
        code: "57P01",
        severity: "FATAL",
        message: "terminating connection due to administrator command",
        column: undefined,
        detail: undefined,
        hint: undefined,
        originalCode: "57P01",
        originalMessage: "terminating connection due to administrator command",
      }),
      "57P01",
    ],
    [
      "starting up / recovering (postgres 57P03)",
      prismaError("P2010", {
        kind: "postgres",
        code: "57P03",
        severity: "FATAL",
        message: "the database system is starting up",
        column: undefined,
        detail: undefined,
        hint: undefined,
        originalCode: "57P03",
        originalMessage: "the database system is starting up",
      }),
      "57P03",
    ],
    ["connection closed (P1017)", prismaError("P1017", { kind: "ConnectionClosed" }), "P1017 ConnectionClosed"],
    ["timed out reaching the server (P1002)", prismaError("P1002"), "P1002"],
    ["socket timeout (P1008)", prismaError("P1008", { kind: "SocketTimeout" }), "P1008 SocketTimeout"],
    ["pg: in flight during kill -9", pgError("Connection terminated unexpectedly"), "Connection terminated unexpectedly"],
    [
      "pg: a client that lost its connection",
      pgError("Client has encountered a connection error and is not queryable"),
      "Client has encountered a connection error and is not queryable",
    ],
    ["pg: FATAL admin_shutdown", pgError("terminating connection due to administrator command", "57P01"), "57P01"],
    ["pg: crash_shutdown", pgError("terminating connection because of crash of another server process", "57P02"), "57P02"],
    ["pg: connect refused", pgError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), "ECONNREFUSED"],
    ["pg: connection exception class 08", pgError("connection failure", "08006"), "08006"],
    ["wrapped in a cause", new Error("loading the page failed", { cause: pgError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED") }), "ECONNREFUSED"],
  ])("%s → unavailable", (_name, err, reason) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(databaseUnavailableReason(err)).toBe(reason);
  });

  it.each([
    ["unique violation (P2002)", prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["name"] } })],
    ["missing table (P2021)", prismaError("P2021", { kind: "TableDoesNotExist", table: "public.Service" })],
    ["not found (P2025)", prismaError("P2025")],
    ["a SQL error (42P01)", pgError('relation "x" does not exist', "42P01")],
    ["an English message without a code", pgError("Can't reach database server at 127.0.0.1:5432")],
    ["pg's text inside a longer message", pgError("Connection terminated unexpectedly while doing X")],
    ["pg's text, but with another code", pgError("Connection terminated unexpectedly", "E_OTHER")],
    ["not an error", "P1001"],
    ["nothing", undefined],
  ])("%s → not unavailable", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it("survives a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
