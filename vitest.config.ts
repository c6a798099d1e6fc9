import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file starts real PostgreSQL / HAProxy / simulators; keep them off each other's toes.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/integration/global-setup.ts"],
          // A fixed key for sealed channel secrets (never a key file in the working tree).
          env: { LOG_LEVEL: "warn", FAULTLINE_SECRET_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
        },
      },
    ],
  },
});
