import Decimal from 'decimal.js';
import { toFixedHalfUp } from '../../common/decimal/exact';

/**
 * Formats an exact decimal the Indonesian way for messages users read: "." groups thousands, "," separates
 * decimals ("1.234,5", "83,33"). With `places` the value is rounded half-up to that many decimals first;
 * without it every significant digit is kept (no exponent notation). Display only, never parsed back.
 */
export function formatIndonesian(value: Decimal, places?: number): string {
  const text = places === undefined ? value.toFixed() : toFixedHalfUp(value, places);
  const negative = text.startsWith('-');
  const [integer, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = negative && /[1-9]/.test(text) ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}
