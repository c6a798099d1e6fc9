#!/usr/bin/env node
// `npx faultline …`: runs the TypeScript CLI (scripts/faultline.ts) with tsx, as every script here.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("./faultline.ts", import.meta.url));
const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
