import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// dev/ (demo, fleet simulator, benchmarks, schema-diff tooling) is for scripts/ and tests/ only.
// Product code must not import it, so it never reaches the Next.js bundle.
const DEV_ONLY = "dev/ is dev-only (demo, simulator, benchmarks, schema-diff): product code must not import it.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**", "lib/**", "components/**", "instrumentation.ts", "proxy.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/dev", "@/dev/**", "**/dev", "**/dev/**"], message: DEV_ONLY }] }],
      // no-restricted-imports does not see `await import(...)` (instrumentation.ts loads lazily).
      "no-restricted-syntax": ["error", { selector: "ImportExpression[source.value=/^(@\\/|(\\.\\.?\\/)+)dev(\\/|$)/]", message: DEV_ONLY }],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
