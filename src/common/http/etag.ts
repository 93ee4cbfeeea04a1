import { createHash } from 'node:crypto';

/** A strong ETag for a response body: the first 27 characters of its sha256 in base64url, quoted. */
export const strongEtag = (body: string | Buffer): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
