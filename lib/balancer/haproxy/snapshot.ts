import { parse } from "csv-parse/sync";
import type { AdminState } from "@/lib/status/vocabulary";

/** One server as HAProxy sees it, merged from `show stat` and `show servers state`. */
export interface ServerSnapshot {
  backend: string;
  server: string;
  address: string;
  backup: boolean;
  /** `show stat` status as HAProxy words it: UP, DOWN, DRAIN, MAINT, NOLB, "UP 1/2", "no check"… */
  status: string;
  /** Operator-set weight (uweight), 0–256. */
  weight: number;
  adminState: AdminState;
  /** Serving new requests: up (or not checked), not drained/in maintenance, weight > 0. */
  serving: boolean;
  /** `L4CON`, `L7STS`, `L7OK`, `HANA`… */
  checkStatus: string;
  checkCode: string;
  /** last_chk: `Connection refused`, `HTTP status check returned code <3C>503<3E>`… */
  checkDetail: string;
  sessions: number;
  /** Cumulative times the server was picked by the balancer (one per request in HTTP mode). */
  selectedTotal: number;
  responses5xx: number;
  /** Seconds since the last UP/DOWN change. */
  lastChangeSec: number;
}

/**
 * Parse `show stat` CSV by header names (columns differ between HAProxy versions). Fields can be
 * quoted and contain commas (`last_chk` after `observe layer7`: "Detected 10 consecutive errors,
 * last one was: …"), so a real CSV parser reads it.
 */
function parseStatCsv(text: string): Array<Record<string, string>> {
  const start = text.indexOf("# ");
  if (start < 0) throw new Error("show stat: no CSV header in the answer");
  return parse(text.slice(start + 2), { columns: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as Array<Record<string, string>>;
}

export interface ServerStateRow {
  backend: string;
  server: string;
  /** 0 stopped, 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** Bit field: 0x01/0x02/0x04/0x20/0x40 maintenance of some kind, 0x08/0x10 drain. */
  adminBits: number;
  userWeight: number;
}

/** Parse `show servers state` (space-separated, version line then a `#` header). */
export function parseServersState(text: string): ServerStateRow[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const headerLine = lines.find((l) => l.startsWith("# "));
  if (!headerLine) throw new Error("show servers state: no header in the answer");
  const header = headerLine.slice(2).trim().split(/\s+/);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`show servers state: no ${name} column`);
    return i;
  };
  const [be, srv, op, admin, uw] = [col("be_name"), col("srv_name"), col("srv_op_state"), col("srv_admin_state"), col("srv_uweight")];
  return lines
    .slice(lines.indexOf(headerLine) + 1)
    .map((l) => l.trim().split(/\s+/))
    .filter((cells) => cells.length > uw)
    .map((c) => ({ backend: c[be]!, server: c[srv]!, opState: Number(c[op]), adminBits: Number(c[admin]), userWeight: Number(c[uw]) }));
}

const MAINT_BITS = 0x01 | 0x02 | 0x04 | 0x20 | 0x40;
const DRAIN_BITS = 0x08 | 0x10;

export function adminStateOf(bits: number): AdminState {
  if (bits & MAINT_BITS) return "MAINT";
  if (bits & DRAIN_BITS) return "DRAIN";
  return "READY";
}

const int = (v: string | undefined) => (v ? Number.parseInt(v, 10) || 0 : 0);

/** Merge both answers into one snapshot per server (`show stat` rows without a state row are skipped). */
export function mergeSnapshot(statCsv: string, serversState: string): ServerSnapshot[] {
  const states = new Map(parseServersState(serversState).map((s) => [`${s.backend}/${s.server}`, s]));
  const out: ServerSnapshot[] = [];
  for (const r of parseStatCsv(statCsv)) {
    if (r.svname === "FRONTEND" || r.svname === "BACKEND" || r.type !== "2") continue;
    const st = states.get(`${r.pxname}/${r.svname}`);
    if (!st) continue;
    const adminState = adminStateOf(st.adminBits);
    const up = r.status!.startsWith("UP") || r.status === "no check" || r.status === "DRAIN";
    out.push({
      backend: r.pxname!,
      server: r.svname!,
      address: r.addr ?? "",
      backup: r.bck === "1",
      status: r.status!,
      weight: st.userWeight,
      adminState,
      serving: up && adminState === "READY" && st.userWeight > 0,
      checkStatus: r.check_status ?? "",
      checkCode: r.check_code ?? "",
      checkDetail: r.last_chk ?? "",
      sessions: int(r.scur),
      selectedTotal: int(r.lbtot),
      responses5xx: int(r.hrsp_5xx),
      lastChangeSec: int(r.lastchg),
    });
  }
  return out;
}

/** HAProxy's own words for why a server is down: `L4CON Connection refused`, `L7STS 503`. */
export function haproxyCause(s: Pick<ServerSnapshot, "checkStatus" | "checkCode" | "checkDetail">): string {
  const detail = s.checkStatus.startsWith("L7STS") ? s.checkCode : s.checkDetail.replace(/<3C>|<3E>/g, "");
  return [s.checkStatus, detail].filter(Boolean).join(" ").trim() || "no check result";
}

/** A server HAProxy has marked down (its checks or `observe layer7`), not one an operator stopped. */
export const isMarkedDown = (s: Pick<ServerSnapshot, "status" | "adminState">) => s.adminState !== "MAINT" && s.status.startsWith("DOWN");
