/** Calendar-day arithmetic on YYYY-MM-DD strings (business days are Copenhagen calendar days, clock.ts). */

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000);
}

/** A `date` column (a UTC-midnight Date from pg/Prisma) as YYYY-MM-DD. */
export function dayOf(value: Date): string {
  return value.toISOString().slice(0, 10);
}
