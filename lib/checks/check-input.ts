/**
 * A health check as the API, the console editor and (later) the fleet file speak it: every field
 * the poller supports, validated with errors naming the field. Browser-safe.
 */
import { z } from "zod";
import { CHECK_ENV_PREFIX } from "@/lib/probes/types";

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be an HTTP header name");

/**
 * A header value, or `{ env: FAULTLINE_CHECK_… }`: read from the Faultline server's environment at
 * check time, so a token never sits in the database, the fleet file or the audit log.
 */
const HeaderValue = z.union(
  [
    z.string().max(2000),
    z.strictObject({
      env: z.string().regex(/^FAULTLINE_CHECK_[A-Z0-9_]{1,100}$/, `must be an environment variable named ${CHECK_ENV_PREFIX}… (upper case)`),
    }),
  ],
  { error: `must be a string or { env: ${CHECK_ENV_PREFIX}… }` },
);

/**
 * A health check: every field the poller supports. Omitted fields keep their current value on an
 * edit (or the default on a create).
 */
export const CheckInput = z.strictObject({
  kind: z.enum(["HTTP", "HTTPS", "TCP"], { error: "must be HTTP, HTTPS or TCP" }),
  method: z.enum(["GET", "HEAD", "POST", "OPTIONS"], { error: "must be GET, HEAD, POST or OPTIONS" }).optional(),
  path: z.string().trim().startsWith("/", "must start with /").max(2000).optional(),
  headers: z
    .record(HeaderName, HeaderValue)
    .refine((h) => Object.keys(h).length <= 20, "at most 20 headers")
    .optional(),
  expectedStatuses: z.array(z.int().min(100, "must be 100–599").max(599, "must be 100–599")).max(20).optional(),
  bodyContains: z.string().max(1000).nullable().optional(),
  jsonPath: z.string().trim().max(200).nullable().optional(),
  jsonEquals: z.string().max(1000).nullable().optional(),
  timeoutMs: z.int().min(100, "must be 100–60000 ms").max(60_000, "must be 100–60000 ms").optional(),
  intervalMs: z.int().min(1000, "must be at least 1000 ms").max(3_600_000, "must be at most 1 hour").optional(),
  rise: z.int().min(1, "must be 1–10").max(10, "must be 1–10").optional(),
  fall: z.int().min(1, "must be 1–10").max(10, "must be 1–10").optional(),
  degradedLatencyMs: z.int().min(1).max(60_000).nullable().optional(),
  certExpiryDays: z.int().min(1).max(365).nullable().optional(),
  /** https: a private CA to trust (PEM certificates), besides the system ones. */
  tlsCa: z
    .string()
    .trim()
    .max(20_000, "must be at most 20,000 characters")
    .refine(
      (pem) => pem === "" || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem),
      "must be PEM certificates (-----BEGIN CERTIFICATE----- …)",
    )
    .nullable()
    .optional(),
});
export type CheckInput = z.infer<typeof CheckInput>;

/** A partial check: a service's defaults, or an instance's own fields (omitted = inherited). */
export const CheckFields = CheckInput.partial();
export type CheckFields = z.infer<typeof CheckFields>;
