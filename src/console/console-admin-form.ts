import type { Response } from 'express';
import { type FieldMessages, serviceErrors, validateForm } from './console-forms';
import type { ConsoleRequest } from './console-session';

/** A posted console form, as the browser sent it. */
export type Form = Record<string, string | undefined>;

/** What a POST handler hands to its page after an error: the typed values, the messages, the sentence on top. */
export interface FormState {
  form: string;
  values: Form;
  errors: FieldMessages;
  summary: string;
}

/** Re-renders the page a form was posted from, with `state` and an HTTP status. */
export type FormPage = (state: FormState, status: number) => Promise<void>;

/**
 * Runs a form through the API's DTO and the service (the same rules as the REST route); on an error re-renders the
 * page with what was typed (400 for a field the DTO refuses, 422 for a service rule), else redirects to `done` (303).
 */
export async function submitForm<T extends object>(
  res: Response,
  spec: { form: string; values: Form; dto: new () => T; plain: object; page: FormPage; done: string },
  run: (dto: T) => Promise<unknown>,
): Promise<void> {
  const checked = await validateForm(spec.dto, spec.plain);
  if (!checked.ok)
    return spec.page(
      { form: spec.form, values: spec.values, errors: checked.errors, summary: 'Periksa kembali isian yang ditandai.' },
      400,
    );
  try {
    await run(checked.dto);
  } catch (err) {
    const shown = serviceErrors(err);
    if (!shown) throw err;
    return spec.page({ form: spec.form, values: spec.values, errors: shown.errors, summary: shown.summary }, 422);
  }
  res.redirect(303, spec.done);
}

/** Runs an action without fields (approve, open); a service rule re-renders the page with its sentence on top. */
export async function runAction(
  res: Response,
  spec: { form: string; page: FormPage; done: string },
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (err) {
    const shown = serviceErrors(err);
    if (!shown) throw err;
    return spec.page({ form: spec.form, values: {}, errors: shown.errors, summary: shown.summary }, 422);
  }
  res.redirect(303, spec.done);
}

/** The form's typed values and messages for the template (only for the form that was sent), and the notices. */
export function formModel(req: ConsoleRequest, state: FormState | null, notice = 'Perubahan disimpan.') {
  return {
    forms: state ? { [state.form]: { values: state.values, errors: state.errors } } : {},
    summary: state?.summary,
    notice: !state && req.query.ok === '1' ? notice : undefined,
  };
}
