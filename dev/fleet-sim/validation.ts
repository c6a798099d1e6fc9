import { z } from "zod";
import { FleetSimError, type FleetSimErrorCode } from "./errors";

/**
 * Short, lower-case messages ("must be ≤ 65535") so that `field: message` reads as one line
 * in a terminal or an API answer; zod's defaults ("Too big: expected number to be <=65535")
 * are longer and repeat the type. Returning undefined keeps zod's message for rare cases.
 */
const shortMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${article(issue.expected === "int" ? "integer" : issue.expected)}`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "string"
        ? `must have at most ${issue.maximum} ${unit(issue.origin)}`
        : `must be ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "string"
        ? `must have at least ${issue.minimum} ${unit(issue.origin)}`
        : `must be ${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
    case "invalid_value":
      if (issue.input === undefined) return "is required";
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return "unknown field";
    default:
      return undefined;
  }
};

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function unit(origin: string): string {
  return origin === "array" ? "item(s)" : "character(s)";
}

/** Renders an issue path the way people write it: `services[0].pools[1].port`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The field an issue is about; an unknown key is reported at the key itself, not its parent. */
function issueField(issue: z.core.$ZodIssue): string {
  const path = issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  return formatPath(path);
}

/**
 * Parses `data` with `schema`, or throws a FleetSimError whose message is the first issue as
 * one line (`field: message`) and whose `field` names the offending path. Only the first issue
 * is reported: one clear line beats a wall of consequential errors.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, code: FleetSimErrorCode): z.output<S> {
  const result = schema.safeParse(data, { error: shortMessages });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new FleetSimError(code, "invalid input");
  const field = issueField(issue);
  throw new FleetSimError(code, `${field || "(root)"}: ${issue.message}`, { field: field || undefined });
}
