/**
 * Writes lib/http/api-route-table.ts: every route.ts under app/api with the HTTP methods it exports.
 * The proxy answers wrong methods and malformed paths from it in the API's JSON contract; a unit
 * test fails when the table is stale. Usage: `npm run gen:routes` after adding or changing a route.
 */
import fs from "node:fs";
import { apiRouteTableSource } from "./api-route-table";

const out = "lib/http/api-route-table.ts";
fs.writeFileSync(out, await apiRouteTableSource());
console.log(`wrote ${out}`);
