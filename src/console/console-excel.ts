import { DomainError } from '../common/errors/domain-error';
import { messageFor } from './console-messages';

/** Where an Excel round-trip page sends its forms and links. */
export interface ExcelPageLinks {
  title: string;
  subtitle: string;
  templateHref: string;
  previewAction: string;
  commitAction: string;
  backHref: string;
}

/**
 * A refused workbook as the upload page shows it: the Indonesian sentence for the code and every problem by sheet,
 * row and column (the services' own messages). Null for errors that are not about the file.
 */
export function excelProblems(
  err: unknown,
): { summary: string; problems: { place: string; message: string }[] } | null {
  if (!(err instanceof DomainError) || !['invalid', 'conflict', 'state'].includes(err.kind)) return null;
  type Problem = { sheet?: string; row?: number | null; column?: string | null; message?: string; messages?: string[] };
  const problems = ((err.errors ?? []) as Problem[]).map((p) => ({
    place: [p.sheet, p.row ? `baris ${p.row}` : null, p.column ? `kolom ${p.column}` : null].filter(Boolean).join(', '),
    message: p.message ?? p.messages?.[0] ?? '',
  }));
  return { summary: messageFor(err.code), problems };
}
