/** Turns a startup failure into one readable line without stack, SQL or credentials. */
export function describeStartupError(err: unknown): string {
  const e = err as { code?: string; message?: string; address?: string; port?: number; errno?: number };
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ETIMEDOUT' || e?.code === 'ENOTFOUND' || e?.code === 'EHOSTUNREACH')
    return `cannot connect to the database (${e.code}${e.address ? ` at ${e.address}:${e.port}` : ''}); check DB_URL and that the server is running`;
  if (e?.code === 'ER_ACCESS_DENIED_ERROR')
    return 'the database refused the credentials in DB_URL (ER_ACCESS_DENIED_ERROR)';
  if (e?.code === 'ER_BAD_DB_ERROR') return 'the database named in DB_URL does not exist (ER_BAD_DB_ERROR)';
  if (e?.code === 'EADDRINUSE') return `port ${e.port ?? ''} is already in use; set PORT to a free port`;
  if (e?.code === 'EACCES')
    return `permission denied (${e.address ?? ''}${e.port ? `:${e.port}` : ''}); check PORT, SQLITE_PATH and STORAGE_DIR`;
  const message = (e?.message ?? String(err)).split('\n')[0].replace(/mysql:\/\/[^@\s]*@/g, 'mysql://***@');
  return `startup failed: ${message}`;
}
