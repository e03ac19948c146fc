import { ageOn, birthDate, birthYear, CPR_PATTERN, isValidCpr, UNKNOWN_CPR } from '../../src/domain/cpr';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';

/**
 * The 7th digit gives the century (CPR-kontoret):
 *   0-3: 1900-1999; 4 and 9: 2000-2036 for YY 00-36, else 1937-1999;
 *   5-8: 2000-2057 for YY 00-57, else 1858-1899.
 */
describe('isValidCpr: pattern', () => {
  it.each([
    ['0101901234', 'a plain CPR'],
    ['3112991234', '31 December'],
    ['3001901234', '30 January'],
    ['3004901234', '30 April'],
    [UNKNOWN_CPR, 'the unknown CPR 0000000000'],
  ])('accepts %s (%s)', (cpr) => {
    expect(isValidCpr(cpr)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['010190123', '9 digits'],
    ['01019012345', '11 digits'],
    ['010190-1234', 'with a dash'],
    [' 0101901234', 'leading space'],
    ['0101901234 ', 'trailing space'],
    ['01019O1234', 'a letter O'],
    ['0001901234', 'day 00'],
    ['3201901234', 'day 32'],
    ['0100901234', 'month 00'],
    ['0113901234', 'month 13'],
    ['3104901234', '31 April'],
    ['3106901234', '31 June'],
    ['3109901234', '31 September'],
    ['3111901234', '31 November'],
    ['3002901234', '30 February'],
    ['0000000001', 'zeros but not the unknown CPR'],
    ['1111111111\n', 'trailing newline'],
  ])('rejects %j (%s)', (cpr) => {
    expect(isValidCpr(cpr)).toBe(false);
  });

  it.each([[undefined], [null], [101901234], [['0101901234']], [{}]])('rejects the non-string %j', (value) => {
    expect(isValidCpr(value)).toBe(false);
  });

  it('uses the same pattern as the OpenAPI header (anchored)', () => {
    expect(CPR_PATTERN.startsWith('^')).toBe(true);
    expect(CPR_PATTERN.endsWith('$')).toBe(true);
    expect(new RegExp(CPR_PATTERN).test('x0101901234')).toBe(false);
  });
});

describe('isValidCpr: 29 February in the century the 7th digit implies', () => {
  it.each([
    ['2902961234', 1996, 'digit 1, 1996 is a leap year'],
    ['2902004000', 2000, 'digit 4, YY 00 is 2000 (leap: divisible by 400)'],
    ['2902009000', 2000, 'digit 9, YY 00 is 2000'],
    ['2902005000', 2000, 'digit 5, YY 00 is 2000'],
    ['2902244000', 2024, 'digit 4, 2024'],
    ['2902884000', 1988, 'digit 4, YY 88 is 1988'],
    ['2902565000', 2056, 'digit 5, YY 56 is 2056'],
    ['2902605000', 1860, 'digit 5, YY 60 is 1860'],
    ['2902968000', 1896, 'digit 8, YY 96 is 1896'],
  ])('accepts %s (%s: %s)', (cpr, year) => {
    expect(birthYear(cpr)).toBe(year);
    expect(isValidCpr(cpr)).toBe(true);
  });

  it.each([
    ['2902000000', 1900, 'digit 0, 1900 is not a leap year'],
    ['2902003999', 1900, 'digit 3, 1900'],
    ['2902971234', 1997, 'digit 1, 1997'],
    ['2902894000', 1989, 'digit 4, YY 89 is 1989'],
    ['2902254000', 2025, 'digit 4, 2025'],
    ['2902625000', 1862, 'digit 5, YY 62 is 1862'],
    ['2902579000', 1957, 'digit 9, YY 57 is 1957 (4 and 9 stop at 36)'],
  ])('rejects %s (%s: %s)', (cpr, year) => {
    expect(birthYear(cpr)).toBe(year);
    expect(isValidCpr(cpr)).toBe(false);
  });
});

describe('birthYear / birthDate: century boundaries of the 7th digit', () => {
  it.each([
    ['0101000000', '1900-01-01'],
    ['0101993999', '1999-01-01'],
    ['0101364000', '2036-01-01'],
    ['0101374000', '1937-01-01'],
    ['0101369000', '2036-01-01'],
    ['0101379000', '1937-01-01'],
    ['0101575000', '2057-01-01'],
    ['0101585000', '1858-01-01'],
    ['0101578999', '2057-01-01'],
    ['0101588999', '1858-01-01'],
    ['0101901234', '1990-01-01'],
    ['2512104321', '2010-12-25'],
  ])('%s is born %s', (cpr, date) => {
    expect(birthDate(cpr)).toBe(date);
  });

  it('the unknown CPR has no birth date', () => {
    expect(birthDate(UNKNOWN_CPR)).toBeUndefined();
  });
});

describe('ageOn', () => {
  const cpr = '1506901234'; // born 1990-06-15
  it.each([
    ['2026-06-14', 35, 'the day before the birthday'],
    ['2026-06-15', 36, 'on the birthday'],
    ['2026-06-16', 36, 'the day after'],
    ['2026-05-31', 35, 'an earlier month'],
    ['2026-07-01', 36, 'a later month'],
    ['1990-06-15', 0, 'the day of birth'],
  ])('on %s is %i (%s)', (day, age) => {
    expect(ageOn(cpr, day)).toBe(age);
  });

  it('counts a leap-day birthday (2000-02-29) as passed on 1 March of a common year', () => {
    const leap = '2902004000';
    expect(ageOn(leap, '2001-02-28')).toBe(0);
    expect(ageOn(leap, '2001-03-01')).toBe(1);
    expect(ageOn(leap, '2004-02-29')).toBe(4);
  });

  it('uses the century of the 7th digit', () => {
    expect(ageOn('0101104000', '2026-01-01')).toBe(16); // 2010
    expect(ageOn('0101101000', '2026-01-01')).toBe(116); // 1910
  });

  it('is undefined for the unknown CPR', () => {
    expect(ageOn(UNKNOWN_CPR, '2026-01-01')).toBeUndefined();
  });
});

describe('demo citizens', () => {
  it.each(Object.entries(DEMO_CITIZENS))('%s has a CPR the API accepts', (_key, citizen) => {
    expect(isValidCpr(citizen.cpr)).toBe(true);
  });

  it('erik is born on the leap day 29 February 2000, as documented', () => {
    expect(birthDate(DEMO_CITIZENS.erik.cpr)).toBe('2000-02-29');
  });
});
