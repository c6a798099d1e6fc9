import { AppError } from "@/lib/errors/app-error";

import type { AdminState } from "@/lib/status/vocabulary";

/** HAProxy proxy/server names: letters, digits and `-_.:` — nothing that could end a command. */
export const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,128}$/;

function ref(backend: string, server: string): string {
  for (const [field, v] of [
    ["backend", backend],
    ["server", server],
  ] as const) {
    if (!HAPROXY_NAME.test(v)) throw new AppError("VALIDATION", `${field} name "${v}" has characters HAProxy names cannot have`, field);
  }
  return `${backend}/${server}`;
}

export const MAX_WEIGHT = 256;

/** The Runtime API commands Faultline sends, built from validated names only. */
export const commands = {
  showStat: () => "show stat -1 4 -1",
  showServersState: () => "show servers state",
  setWeight(backend: string, server: string, weight: number): string {
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) throw new AppError("VALIDATION", `weight must be an integer 0–${MAX_WEIGHT}`, "weight");
    return `set server ${ref(backend, server)} weight ${weight}`;
  },
  setState: (backend: string, server: string, state: AdminState) => `set server ${ref(backend, server)} state ${state.toLowerCase()}`,
};
