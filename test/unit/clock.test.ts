import { businessDay, fixedClock, systemClock, today } from '../../src/domain/clock';

/** The business day is the calendar day in Europe/Copenhagen (CET +01:00, CEST +02:00). */
describe('businessDay', () => {
  it.each([
    // Winter (CET, UTC+1): the day turns at 23:00 UTC.
    ['2026-11-22T22:59:59.999Z', '2026-11-22'],
    ['2026-11-22T23:00:00.000Z', '2026-11-23'],
    ['2026-11-23T00:30:00.000Z', '2026-11-23'],
    // Summer (CEST, UTC+2): the day turns at 22:00 UTC.
    ['2026-06-30T21:59:59.999Z', '2026-06-30'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01'],
    // New year in Copenhagen is still the old year in UTC.
    ['2026-12-31T22:59:59.999Z', '2026-12-31'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
    // A leap day.
    ['2028-02-28T23:00:00.000Z', '2028-02-29'],
    ['2028-02-29T22:59:59.999Z', '2028-02-29'],
    ['2028-02-29T23:00:00.000Z', '2028-03-01'],
  ])('%s is %s', (instant, day) => {
    expect(businessDay(new Date(instant))).toBe(day);
  });

  describe('around the change to summer time (29 March 2026, 01:00 UTC)', () => {
    it.each([
      ['2026-03-28T22:59:59.999Z', '2026-03-28'], // 23:59:59 CET
      ['2026-03-28T23:00:00.000Z', '2026-03-29'], // 00:00 CET
      ['2026-03-29T00:59:59.999Z', '2026-03-29'], // 01:59:59 CET
      ['2026-03-29T01:00:00.000Z', '2026-03-29'], // 03:00 CEST
      ['2026-03-29T21:59:59.999Z', '2026-03-29'], // 23:59:59 CEST
      ['2026-03-29T22:00:00.000Z', '2026-03-30'], // 00:00 CEST: the day now turns at 22:00 UTC
    ])('%s is %s', (instant, day) => {
      expect(businessDay(new Date(instant))).toBe(day);
    });
  });

  describe('around the change to winter time (25 October 2026, 01:00 UTC)', () => {
    it.each([
      ['2026-10-24T21:59:59.999Z', '2026-10-24'], // 23:59:59 CEST
      ['2026-10-24T22:00:00.000Z', '2026-10-25'], // 00:00 CEST
      ['2026-10-25T00:59:59.999Z', '2026-10-25'], // 02:59:59 CEST
      ['2026-10-25T01:00:00.000Z', '2026-10-25'], // 02:00 CET (the hour repeats)
      ['2026-10-25T22:59:59.999Z', '2026-10-25'], // 23:59:59 CET: a 25-hour day
      ['2026-10-25T23:00:00.000Z', '2026-10-26'], // 00:00 CET
    ])('%s is %s', (instant, day) => {
      expect(businessDay(new Date(instant))).toBe(day);
    });
  });

  it('does not depend on the process time zone (TZ)', () => {
    // Intl with an explicit timeZone ignores TZ; this guards against a refactor to getDate().
    const instant = new Date('2026-11-22T23:30:00.000Z');
    expect(businessDay(instant)).toBe('2026-11-23');
    expect(instant.getUTCDate()).toBe(22);
  });

  it('always answers YYYY-MM-DD', () => {
    expect(businessDay(new Date('2026-01-05T12:00:00.000Z'))).toBe('2026-01-05');
  });
});

describe('fixedClock', () => {
  it('always answers the fixed instant', () => {
    const clock = fixedClock('2026-11-23T09:15:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-23T09:15:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-23T09:15:00.000Z');
  });

  it('hands out copies, so a caller cannot move it', () => {
    const clock = fixedClock('2026-11-23T09:15:00.000Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:15:00.000Z');
  });

  it('accepts an offset and gives the Copenhagen day through today()', () => {
    expect(today(fixedClock('2026-11-23T00:10:00+01:00'))).toBe('2026-11-23');
    expect(today(fixedClock('2026-11-22T23:10:00.000Z'))).toBe('2026-11-23');
    expect(today(fixedClock('2026-07-01T23:59:00+02:00'))).toBe('2026-07-01');
  });
});

describe('systemClock', () => {
  it('follows real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - before).toBeLessThan(1000);
  });
});
