export type JsonLookup = { found: true; value: unknown } | { found: false };

/**
 * Follows a dot path (`status`, `checks.db.ok`, `items.0.name`) into parsed JSON. Array steps
 * must be indexes; object steps match own keys only. The empty path is the document itself.
 */
export function lookupJsonPath(root: unknown, path: string): JsonLookup {
  let value = root;
  for (const step of path === "" ? [] : path.split(".")) {
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(step) || Number(step) >= value.length) return { found: false };
      value = value[Number(step)];
    } else if (value !== null && typeof value === "object" && Object.hasOwn(value, step)) {
      value = (value as Record<string, unknown>)[step];
    } else {
      return { found: false };
    }
  }
  return { found: true, value };
}

/** A JSON value as `jsonEquals` compares it: strings as they are, anything else as JSON text. */
export function jsonStringForm(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
