import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// dev/ (demo, fleet simulator, benchmarks, schema-diff tooling) is for scripts/ and tests/ only.
// Product code must not import it, so it never reaches the Next.js bundle.
const DEV_ONLY = "dev/ is dev-only (demo, simulator, benchmarks, schema-diff): product code must not import it.";
// no-restricted-imports does not see `await import(...)` (instrumentation.ts loads lazily).
const NO_DEV_IMPORT = { selector: "ImportExpression[source.value=/^(@\\/|(\\.\\.?\\/)+)dev(\\/|$)/]", message: DEV_ONLY };
// One writer per record kind: audit rows go through lib/audit/write-audit.ts (typed catalogue).
const ONE_AUDIT_WRITER = {
  selector: "CallExpression > MemberExpression.callee[object.property.name='auditEntry'][property.name=/^create/]",
  message: "write audit entries with writeAudit() from lib/audit/write-audit.ts (or audited()), not auditEntry.create",
};

// One writer per record kind: fault rows and their timeline are written only in lib/faults (others
// add evidence through it: noteOnOpenFaults, recordDown/recordUp, addEvidence).
const ONE_FAULT_WRITER = {
  selector: "CallExpression > MemberExpression.callee[object.property.name=/^(fault|faultEvent)$/][property.name=/^(create|update|upsert|delete)/]",
  message: "write faults and fault events through lib/faults (recordDown/recordUp, addEvidence, noteOnOpenFaults, …), not prisma.fault/faultEvent writes",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**", "lib/**", "components/**", "instrumentation.ts", "proxy.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/dev", "@/dev/**", "**/dev", "**/dev/**"], message: DEV_ONLY }] }],
      "no-restricted-syntax": ["error", NO_DEV_IMPORT, ONE_AUDIT_WRITER, ONE_FAULT_WRITER],
    },
  },
  { files: ["dev/**", "scripts/**"], rules: { "no-restricted-syntax": ["error", ONE_AUDIT_WRITER, ONE_FAULT_WRITER] } },
  { files: ["lib/audit/write-audit.ts"], rules: { "no-restricted-syntax": ["error", NO_DEV_IMPORT, ONE_FAULT_WRITER] } },
  { files: ["lib/faults/**"], rules: { "no-restricted-syntax": ["error", NO_DEV_IMPORT, ONE_AUDIT_WRITER] } },
  globalIgnores([".next/**", "node_modules/**", "data/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
