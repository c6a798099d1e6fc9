import fs from "node:fs";
import { test as setup } from "@playwright/test";
import { signInOverApi } from "./support/api";
import { adminStorageStateFile, E2E_ADMIN } from "./support/e2e-env";

// Written 0600: it holds a live session cookie (of a throwaway server, but still).
setup("sign the admin in over the API and keep the session for the specs", async ({ playwright }) => {
  const state = await signInOverApi(playwright, E2E_ADMIN);
  fs.writeFileSync(adminStorageStateFile(), JSON.stringify(state, null, 2), { mode: 0o600 });
});
