/**
 * The fleet as code, from a terminal: `faultline plan|apply|export|schema`. Talks to a running
 * Faultline's REST API (FAULTLINE_URL, token in FAULTLINE_TOKEN), so the console, the API and the
 * CLI share one validation and one audit trail. Run `npx faultline --help`.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { FleetFile } from "@/lib/fleet-file/schema";

const HELP = `Usage: faultline <command> [options]

Commands:
  plan   -f FILE [--prune]              what applying FILE would create, change, archive
  apply  -f FILE [--prune] --reason TEXT
                                         apply FILE (all or nothing, audited); refuses if the
                                         fleet changed between its plan and the apply
  export                                 print the fleet as a fleet file (YAML)
  schema                                 print the fleet file's JSON Schema (for editors:
                                         faultline schema > faultline.schema.json)
Options:
  -f, --file FILE    the fleet file (YAML or JSON)
  --prune            also remove what the file does not list (archived when it has faults;
                     admins only)
  --reason TEXT      why (recorded in the audit log; apply needs it)
  -h, --help         show this help

The file: services → pools → instances; a service's checkDefaults (inherited), an instance's
own check fields, haproxy: { balancer, backend, server } links, a service's policy. Secrets are
named, never written: headers: { Authorization: { env: FAULTLINE_CHECK_… } }. On the server,
FAULTLINE_CONFIG_FILE=FILE applies a file at startup and on every change (GitOps).

Environment:
  FAULTLINE_URL      the console's address (default http://127.0.0.1:3000)
  FAULTLINE_TOKEN    an API token (Settings → API tokens): operator for plan/apply,
                     admin with --prune, viewer for export`;

class CliError extends Error {}

async function api(method: "GET" | "POST", path: string, body?: unknown): Promise<{ text: string; json: unknown }> {
  const url = (process.env.FAULTLINE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "") + path;
  const token = process.env.FAULTLINE_TOKEN;
  if (!token) throw new CliError("FAULTLINE_TOKEN is not set (create an API token in Settings → API tokens)");
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((err: Error) => {
    throw new CliError(`cannot reach ${url}: ${err.message}`);
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // export answers YAML
  }
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string } } | null)?.error;
    throw new CliError(e ? `${e.code}: ${e.message}` : `HTTP ${res.status}`);
  }
  return { text, json };
}

interface Plan {
  version: string;
  summary: string[];
}

function printPlan(p: Plan, verb: string): void {
  if (p.summary.length === 0) console.log("No changes. The fleet matches the file.");
  else {
    for (const line of p.summary) console.log(line);
    console.log(`\n${p.summary.length} change${p.summary.length === 1 ? "" : "s"} ${verb}.`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: "string", short: "f" },
      prune: { type: "boolean", default: false },
      reason: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return;
  }
  const fileText = async () => {
    if (!values.file) throw new CliError(`${command} needs -f FILE`);
    return readFile(values.file, "utf8").catch((err: Error) => {
      throw new CliError(`cannot read ${values.file}: ${err.message}`);
    });
  };
  switch (command) {
    case "plan": {
      const { json } = await api("POST", "/api/v1/config/plan", { file: await fileText(), filename: basename(values.file!), prune: values.prune });
      printPlan(json as Plan, "planned");
      return;
    }
    case "apply": {
      if (!values.reason) throw new CliError("apply needs --reason TEXT (it goes to the audit log)");
      const file = await fileText();
      const plan = (await api("POST", "/api/v1/config/plan", { file, filename: basename(values.file!), prune: values.prune })).json as Plan;
      if (plan.summary.length === 0) return printPlan(plan, "applied");
      const { json } = await api("POST", "/api/v1/config/apply", {
        file,
        filename: basename(values.file!),
        prune: values.prune,
        expectedVersion: plan.version,
        reason: values.reason,
      });
      printPlan(json as Plan, "applied");
      return;
    }
    case "export":
      process.stdout.write((await api("GET", "/api/v1/config/export")).text);
      return;
    case "schema":
      console.log(JSON.stringify(z.toJSONSchema(FleetFile, { io: "input", unrepresentable: "any" }), null, 2));
      return;
    default:
      throw new CliError(`unknown command ${command} (faultline --help lists them)`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // One line, nonzero exit: a script's caller reads the reason, not a stack trace.
  console.error(`faultline: ${err instanceof CliError || err instanceof TypeError ? err.message : (err as Error).message}`);
  process.exit(1);
});
