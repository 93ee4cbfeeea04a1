/**
 * What users type in console forms, turned into what the API's DTOs accept. Pure; no framework imports.
 */

/**
 * An Indonesian-style number as typed ("1.250", "12,5", "1.250,75") → the API's decimal text ("1250", "12.5",
 * "1250.75"). "." groups thousands and "," separates decimals; a lone "." not followed by exactly three digits
 * ("12.5", "0.75") is read as a decimal point, since that is what the user meant. Blank → null. Anything else is
 * returned trimmed and unchanged, so the DTO's validation reports it next to the field.
 */
export function parseDecimalInput(raw: string | undefined | null): string | null {
  const text = (raw ?? '').trim().replace(/\s/g, '');
  if (text === '') return null;
  // A leading 0 never starts a thousands group: "0.381" is a decimal, not 381.
  if (/^-?[1-9]\d{0,2}(\.\d{3})*(,\d+)?$/.test(text) || /^-?\d+,\d+$/.test(text))
    return text.replace(/\./g, '').replace(',', '.');
  return text;
}

/** The API's decimal text → what the form shows ("1250.5" → "1250,5"), no thousands grouping so it parses back. */
export const decimalForInput = (value: string | null | undefined): string => (value ? value.replace('.', ',') : '');

/** A text field: trimmed; blank → null. */
export const textOrNull = (raw: string | undefined | null): string | null => {
  const text = (raw ?? '').trim();
  return text === '' ? null : text;
};

/**
 * A local date-time input ("2026-04-15T23:59") passed on as typed: the service reads it in the region's own zone
 * (WIB, WITA or WIT). Anything else → null.
 */
export function localDateTimeInput(raw: string | undefined | null): string | null {
  const text = (raw ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? text : null;
}
