import { applyDecorators, HttpCode, StreamableFile, type Type, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Response } from 'express';
import { attachmentHeaders, type DownloadFile, fileDownload, sendFile } from '../http/file-download';
import { XLSX_MIME } from './read-xlsx';

/** A workbook to download: its meaningful file name and bytes. */
export type XlsxFile = DownloadFile;

/** Headers of an xlsx attachment; the length only when the whole file is at hand (a streamed workbook has none). */
export const xlsxHeaders = (fileName: string, length?: number): Record<string, string> =>
  attachmentHeaders(XLSX_MIME, fileName, length);

/** An xlsx download from an API route (`@Res({ passthrough: true })`). */
export const xlsxDownload = (res: Response, file: XlsxFile): StreamableFile => fileDownload(res, XLSX_MIME, file);

/** The same download written straight to the response (handlers that own `@Res()`, such as the console's). */
export const sendXlsx = (res: Response, file: XlsxFile): void => sendFile(res, XLSX_MIME, file);

/** A route taking one spreadsheet in the multipart field "file" (answers 200: a preview or a commit result). */
export const XlsxUploadRoute = (form: Type<unknown>) =>
  applyDecorators(
    HttpCode(200),
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: form }),
  );
