/**
 * Read the health checks HAProxy itself runs from its configuration (read-only, backend sections
 * and their `defaults`), so an import can give each instance the same check instead of a bare TCP
 * connect. Understands `option httpchk [<method>] [<uri>]`, `http-check send meth … uri …`,
 * `http-check expect status <code>` and `http-check expect string <text>`; anything else keeps
 * HAProxy's default expectation (2xx/3xx, which Faultline reads as 200).
 */
import type { CheckInput } from "@/lib/checks/check-input";

const METHODS = new Set(["GET", "HEAD", "POST", "OPTIONS"]);

interface Section {
  httpchk: boolean;
  method?: string;
  path?: string;
  status?: number;
  contains?: string;
}

function apply(section: Section, words: string[]): void {
  const [a, b, ...rest] = words;
  if (a === "option" && b === "httpchk") {
    section.httpchk = true;
    const args = rest.filter((w) => !/^HTTP\/\d/.test(w));
    if (args.length >= 2 && METHODS.has(args[0]!.toUpperCase())) [section.method, section.path] = [args[0]!.toUpperCase(), args[1]];
    else if (args.length === 1) section.path = args[0];
  } else if (a === "no" && b === "option" && rest[0] === "httpchk") {
    section.httpchk = false;
  } else if (a === "http-check" && b === "send") {
    for (let i = 0; i < rest.length - 1; i++) {
      if (rest[i] === "meth" && METHODS.has(rest[i + 1]!.toUpperCase())) section.method = rest[i + 1]!.toUpperCase();
      if (rest[i] === "uri") section.path = rest[i + 1];
    }
  } else if (a === "http-check" && b === "expect") {
    const [kind, value] = rest[0] === "!" ? [] : rest;
    if (kind === "status" && value && /^\d{3}$/.test(value)) section.status = Number(value);
    if (kind === "string" && value) section.contains = value;
  }
}

function toCheck(s: Section): CheckInput | null {
  if (!s.httpchk) return null;
  return {
    kind: "HTTP",
    method: (s.method ?? "GET") as CheckInput["method"],
    path: s.path && s.path.startsWith("/") ? s.path : "/",
    expectedStatuses: [s.status ?? 200],
    ...(s.contains ? { bodyContains: s.contains } : {}),
  };
}

/** Backend name → the HTTP check HAProxy runs for its servers (backends without `option httpchk` are absent). */
export function httpChecksOf(config: string): Map<string, CheckInput> {
  const out = new Map<string, CheckInput>();
  let defaults: Section = { httpchk: false };
  let current: { name: string; section: Section } | null = null;
  let inDefaults = false;
  const close = () => {
    if (!current) return;
    const check = toCheck(current.section);
    if (check) out.set(current.name, check);
    current = null;
  };
  for (const raw of config.split(/\r?\n/)) {
    const words = raw
      .replace(/(^|\s)#.*$/, "")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0) continue;
    const head = words[0]!;
    if (
      ["global", "defaults", "frontend", "listen", "backend", "resolvers", "peers", "userlist", "program", "http-errors", "ring", "cache", "mailers"].includes(
        head,
      )
    ) {
      close();
      inDefaults = head === "defaults";
      if (inDefaults) defaults = { httpchk: false };
      if (head === "backend" || head === "listen") current = { name: words[1] ?? "", section: { ...defaults } };
      continue;
    }
    if (current) apply(current.section, words);
    else if (inDefaults) apply(defaults, words);
  }
  close();
  return out;
}
