import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/lib/http/api-route-table";
import { allowedMethods, gateApiRequest, matchApiRoute } from "@/lib/http/api-gate";
import { apiRouteTableSource } from "@/scripts/api-route-table";
import fs from "node:fs";

describe("API route table", () => {
  it("is current with the route.ts files under app/api (run `npm run gen:routes` when this fails)", async () => {
    expect(fs.readFileSync("lib/http/api-route-table.ts", "utf8")).toBe(await apiRouteTableSource());
  });

  it("matches like Next: static beats dynamic beats catch-all", () => {
    expect(matchApiRoute(API_ROUTES, "/api/v1/faults/export")?.template).toBe("/api/v1/faults/export");
    expect(matchApiRoute(API_ROUTES, "/api/v1/faults/F-1001")?.template).toBe("/api/v1/faults/[id]");
    expect(matchApiRoute(API_ROUTES, "/api/v1/no-such-thing")?.template).toBe("/api/[...path]");
    expect(matchApiRoute(API_ROUTES, "/api/auth/sign-in/email")?.template).toBe("/api/auth/[...all]");
    expect(matchApiRoute(API_ROUTES, "/api/v1/faults/")?.template).toBe("/api/v1/faults");
  });
});

describe("gateApiRequest", () => {
  it("answers a method the route does not export with a JSON 405 and an Allow header", async () => {
    const res = gateApiRequest(API_ROUTES, "DELETE", "/api/v1/faults")!;
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await res.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: expect.stringContaining("DELETE is not allowed on /api/v1/faults") } });
  });

  it("lets exported methods, HEAD of a GET route and OPTIONS through", () => {
    expect(gateApiRequest(API_ROUTES, "GET", "/api/v1/faults")).toBeNull();
    expect(gateApiRequest(API_ROUTES, "HEAD", "/api/v1/faults/F-1")).toBeNull();
    expect(gateApiRequest(API_ROUTES, "OPTIONS", "/api/v1/instances/x")).toBeNull();
    expect(gateApiRequest(API_ROUTES, "patch", "/api/v1/instances/x")).toBeNull();
  });

  it("leaves unknown paths to the catch-all route (its JSON 404), whatever the method", () => {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) expect(gateApiRequest(API_ROUTES, m, "/api/v1/nope/deeper")).toBeNull();
  });

  it("answers malformed percent-encoding in a path segment with a 400 naming the path", async () => {
    const res = gateApiRequest(API_ROUTES, "GET", "/api/v1/faults/%zz")!;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: "VALIDATION", field: "path" });
    expect(gateApiRequest(API_ROUTES, "GET", "/api/v1/faults/%E2%82")!.status).toBe(400);
    expect(gateApiRequest(API_ROUTES, "GET", "/api/v1/faults/F%2D1")).toBeNull();
  });

  it("derives HEAD and OPTIONS", () => {
    expect(allowedMethods({ template: "/x", methods: ["GET"] })).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods({ template: "/x", methods: ["POST"] })).toEqual(["POST", "OPTIONS"]);
  });
});
