import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { AppError } from "@/lib/errors/app-error";
import { FleetFile } from "./schema";

type Path = ReadonlyArray<PropertyKey>;

/** `services[0].pools[1].name` — how the error names a field. */
export function formatPath(path: Path): string {
  return path.reduce<string>((out, k) => (typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k)), "");
}

/** Where `path` sits in the file (the key of an unknown field, else the value; its parent when it is missing). */
function position(doc: Document, lc: LineCounter, path: Path, key?: string): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) continue;
    if (key && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lc.linePos(range[0]);
    }
    return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/**
 * Parse and validate a fleet file (YAML, or JSON — YAML's subset). Errors name the file, line,
 * column and the field's path (`faultline.yaml:12:9 services[0].pools[0].instances[1].address:
 * must be host:port …`), with `field` set to the path; the first one found, so a fix-and-retry
 * loop reads like a compiler's.
 */
export function parseFleetFile(text: string, filename = "faultline.yaml"): FleetFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = syntax.linePos?.[0] ?? { line: 1, col: 1 };
    throw new AppError("VALIDATION", `${filename}:${at.line}:${at.col} ${syntax.message.split("\n")[0]}`, "file");
  }
  const parsed = FleetFile.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const path = key ? [...issue.path, key] : issue.path;
  const at = position(doc, lc, issue.path, key);
  const message = key ? `unknown field ${key}` : issue.message;
  throw new AppError("VALIDATION", `${filename}:${at.line}:${at.col} ${formatPath(path) || "(file)"}: ${message}`, formatPath(path) || "file");
}

/**
 * An error found after parsing (a balancer the file names that does not exist), pointing at the
 * same `file:line:column field` as a schema error would.
 */
export function locatedError(text: string, filename: string | undefined, path: Path, message: string): AppError {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = position(doc, lc, path);
  return new AppError("VALIDATION", `${filename ?? "faultline.yaml"}:${at.line}:${at.col} ${formatPath(path)}: ${message}`, formatPath(path));
}
