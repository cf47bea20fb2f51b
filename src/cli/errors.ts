// Errors meant for the user: printed as one clear message, never a stack trace.

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
