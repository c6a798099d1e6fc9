/** Error codes the API answers with, and their HTTP status. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  /** The database cannot be reached (down, restarting, or refusing connections): retry shortly. */
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
  /** The balancer answered with an error, or could not be reached. */
  BAD_GATEWAY: 502,
  /** The balancer did not answer within the command timeout. */
  GATEWAY_TIMEOUT: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A failure with a code the API boundary turns into `{ error: { code, message, field? } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
