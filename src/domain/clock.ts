/** Injectable time source: services never call Date.now() directly, so tests can fix "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

const copenhagenDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The business day (calendar day in Europe/Copenhagen) of an instant, as YYYY-MM-DD. */
export function businessDay(instant: Date): string {
  return copenhagenDay.format(instant);
}

export function today(clock: Clock): string {
  return businessDay(clock.now());
}
