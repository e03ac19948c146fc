/**
 * CPR numbers (personnummer): DDMMYY + 4 digits, or 0000000000 for "required but unknown".
 * The 7th digit tells the century (CPR-kontoret's table), so "a real date" means a real
 * date in that century: 29 February only in a leap year of that century.
 */
export const CPR_PATTERN =
  '^(((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})|0000000000)$';

export const UNKNOWN_CPR = '0000000000';

const cprRegex = new RegExp(CPR_PATTERN);

/** The four-digit birth year the CPR implies, from YY and the 7th digit. */
export function birthYear(cpr: string): number {
  const yy = Number(cpr.slice(4, 6));
  const d7 = Number(cpr[6]);
  if (d7 <= 3) return 1900 + yy;
  if (d7 === 4 || d7 === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

/** Birth date as YYYY-MM-DD, or undefined for the unknown CPR. Assumes a well-formed CPR. */
export function birthDate(cpr: string): string | undefined {
  if (cpr === UNKNOWN_CPR) return undefined;
  return `${birthYear(cpr)}-${cpr.slice(2, 4)}-${cpr.slice(0, 2)}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** True for 0000000000 and for a CPR whose first six digits are a real date in its century. */
export function isValidCpr(value: unknown): value is string {
  if (typeof value !== 'string' || !cprRegex.test(value)) return false;
  if (value === UNKNOWN_CPR) return true;
  return isRealDate(birthYear(value), Number(value.slice(2, 4)), Number(value.slice(0, 2)));
}

/** Completed years of age on the given calendar day (YYYY-MM-DD). */
export function ageOn(cpr: string, day: string): number | undefined {
  const born = birthDate(cpr);
  if (!born) return undefined;
  const [by, bm, bd] = born.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
