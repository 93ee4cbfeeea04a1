import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { contentDisposition } from '../../evidence/domain/evidence-file';

/** A file to download: its meaningful name and its bytes. */
export interface DownloadFile {
  fileName: string;
  content: Buffer;
}

export const PDF_MIME = 'application/pdf';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Headers of an attachment; the length only when the whole file is at hand (a streamed workbook has none). */
export const attachmentHeaders = (mime: string, fileName: string, length?: number): Record<string, string> => ({
  'Content-Type': mime,
  ...(length === undefined ? {} : { 'Content-Length': String(length) }),
  'Content-Disposition': contentDisposition(fileName),
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
});

/** A download from an API route (`@Res({ passthrough: true })`): attachment, RFC 5987 file name, no caching. */
export function fileDownload(res: Response, mime: string, file: DownloadFile): StreamableFile {
  res.set(attachmentHeaders(mime, file.fileName, file.content.length));
  return new StreamableFile(file.content);
}

/** The same download written straight to the response (handlers that own `@Res()`, such as the console's). */
export function sendFile(res: Response, mime: string, file: DownloadFile): void {
  res.set(attachmentHeaders(mime, file.fileName, file.content.length));
  res.end(file.content);
}
