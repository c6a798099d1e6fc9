/** Error codes the API answers with, and their HTTP status. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The password was right but the account is disabled. */
  ACCOUNT_DISABLED: 403,
  /** Signed in with a password an admin gave: change it (POST /api/v1/me/password) before anything else. */
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  /** The path exists but not with this method (the Allow header lists the ones it has). */
  METHOD_NOT_ALLOWED: 405,
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
    /** How long the caller should wait before trying again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** 429: try again in `retryAfterSeconds` (when known). */
export const rateLimited = (message: string, retryAfterSeconds?: number) => new AppError("RATE_LIMITED", message, undefined, retryAfterSeconds);
