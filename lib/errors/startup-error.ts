/**
 * A startup failure an operator can fix. Its message is one line that says what is wrong and,
 * where known, how to fix it; the entry points print it without a stack trace and exit 1.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
