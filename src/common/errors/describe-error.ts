/**
 * What the log may say about an unexpected error: its type, a database driver's error code, and the message of
 * errors that are not the database's (a driver message can quote row values). Never a stack trace, SQL or values.
 */
export function describeError(err: unknown): { type: string; code?: string; message?: string } {
  if (!(err instanceof Error)) return { type: typeof err };
  const driver = (err as { driverError?: { code?: string } }).driverError;
  if (driver) return { type: err.name, code: driver.code };
  return { type: err.name, message: err.message.slice(0, 300) };
}
