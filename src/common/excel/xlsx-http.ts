import { applyDecorators, HttpCode, StreamableFile, type Type, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Response } from 'express';
import { contentDisposition } from '../../evidence/domain/evidence-file';
import { XLSX_MIME } from './read-xlsx';

/** A workbook to download: its meaningful file name and bytes. */
export interface XlsxFile {
  fileName: string;
  content: Buffer;
}

/** Headers of an xlsx attachment; the length only when the whole file is at hand (a streamed workbook has none). */
export const xlsxHeaders = (fileName: string, length?: number): Record<string, string> => ({
  'Content-Type': XLSX_MIME,
  ...(length === undefined ? {} : { 'Content-Length': String(length) }),
  'Content-Disposition': contentDisposition(fileName),
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
});

const headersOf = (file: XlsxFile) => xlsxHeaders(file.fileName, file.content.length);

/** An xlsx download from an API route (`@Res({ passthrough: true })`): attachment, RFC 5987 file name, no caching. */
export function xlsxDownload(res: Response, file: XlsxFile): StreamableFile {
  res.set(headersOf(file));
  return new StreamableFile(file.content);
}

/** The same download written straight to the response (handlers that own `@Res()`, such as the console's). */
export function sendXlsx(res: Response, file: XlsxFile): void {
  res.set(headersOf(file));
  res.end(file.content);
}

/** A route taking one spreadsheet in the multipart field "file" (answers 200: a preview or a commit result). */
export const XlsxUploadRoute = (form: Type<unknown>) =>
  applyDecorators(
    HttpCode(200),
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: form }),
  );
