import { z } from "zod";

const EPOCH = Date.UTC(1970, 0, 1);
const A_YEAR_MS = 366 * 86_400_000;

/**
 * An ISO-8601 instant with an offset, from 1970 to a year from now. zod's datetime accepts years
 * 0000–9999, which PostgreSQL's timestamptz and JavaScript's Date disagree about (year 0000 was a
 * 500): every time the API takes — a filter bound, a fault's start, a maintenance window's end —
 * means a moment of a running fleet, so anything outside is a 400 naming the field.
 */
export const IsoTime = z.iso
  .datetime({ offset: true })
  .refine((v) => Date.parse(v) >= EPOCH && Date.parse(v) <= Date.now() + A_YEAR_MS, "must be between 1970-01-01 and a year from now");

/** PostgreSQL's integer ranges: a cursor past them cannot have come from this API. */
export const INT4_MAX = 2_147_483_647n;
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** A numeric cursor this API returned: decimal digits within the key column's range. */
export const numericCursor = (max: bigint) =>
  // One check, not regex + refine: zod runs every check, and BigInt("1e3") would throw.
  z.string().refine((v) => /^\d{1,19}$/.test(v) && BigInt(v) <= max, "not a cursor this API returned");
