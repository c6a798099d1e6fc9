import { fetchJson } from "./fetch-json";

/** Send a JSON mutation to the API (same-origin: the browser adds the Origin the server checks). */
export function sendJson<T>(method: "POST" | "PATCH" | "DELETE", url: string, body: unknown): Promise<T> {
  return fetchJson<T>(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
}
