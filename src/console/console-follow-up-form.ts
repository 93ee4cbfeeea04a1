import type { ClassConstructor } from 'class-transformer';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import { labelOf } from './console-labels';

export type Form = Record<string, string | undefined>;

/** A follow-up form that was refused: its recommendation, what was typed, and the message at each field. */
export interface FailedFollowUp {
  id: string;
  values: { followUp: string; status: string };
  errors: FieldMessages;
}

/**
 * A recommendation as a row with its follow-up form (evaluation recommendations and pembinaan recommendations alike):
 * its status label, the follow-up text (what was typed, after a refusal) and the statuses the caller may choose.
 */
export function followUpRow<R extends { id: string; status: string; followUp: string | null }>(
  r: R,
  statuses: readonly string[],
  failed?: FailedFollowUp | null,
) {
  const mine = failed?.id === r.id ? failed : null;
  const current = mine ? mine.values.status : r.status;
  return {
    ...r,
    statusLabel: labelOf('recommendation', r.status),
    followUpValue: mine ? mine.values.followUp : (r.followUp ?? ''),
    statuses: statuses.map((s) => ({ value: s, label: labelOf('recommendation', s), selected: s === current })),
    errors: mine?.errors ?? {},
  };
}

/**
 * A posted follow-up form: validated as `dto` (version, followUp, and status unless left blank), then `save`d. Invalid
 * input re-renders the page with 400, a refusal of the service with 422, each with the row's values and messages.
 * True when saved (the caller redirects).
 */
export async function submitFollowUp<D extends object>(
  id: string,
  form: Form,
  dto: ClassConstructor<D>,
  save: (dto: D) => Promise<unknown>,
  rerender: (failed: FailedFollowUp, summary: string, status: number) => Promise<void>,
): Promise<boolean> {
  const values = { followUp: (form.followUp ?? '').trim(), status: form.status ?? '' };
  const checked = await validateForm(dto, {
    version: Number(form.version),
    followUp: values.followUp,
    ...(values.status ? { status: values.status } : {}),
  });
  if (!checked.ok) {
    await rerender({ id, values, errors: checked.errors }, 'Periksa kembali isian yang ditandai.', 400);
    return false;
  }
  try {
    await save(checked.dto);
    return true;
  } catch (err) {
    const shown = serviceErrors(err);
    if (!shown) throw err;
    await rerender({ id, values, errors: shown.errors }, shown.summary, 422);
    return false;
  }
}
