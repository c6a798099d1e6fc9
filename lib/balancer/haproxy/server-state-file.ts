import fs from "node:fs/promises";
import path from "node:path";
import { commands } from "./commands";
import type { RuntimeClient } from "./runtime-client";

/**
 * Write HAProxy's `show servers state` to its server-state file, atomically (temp + rename), so a
 * reload with `load-server-state-from-file global` keeps every runtime weight and admin state.
 */
export async function saveServerState(client: RuntimeClient, file: string): Promise<void> {
  const state = await client.show(commands.showServersState());
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, state.endsWith("\n") ? state : state + "\n");
  await fs.rename(tmp, file);
}
