import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuses a caller's `x-request-id` when it is a safe token, otherwise makes one; echoed as a response header. */
export function assignCorrelationId(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader('x-request-id', id);
  return id;
}

export const correlationIdOf = (req: { id?: unknown }): string => (typeof req.id === 'string' ? req.id : 'unknown');
