/**
 * Unit tests of the date and age rules with an injected clock: no database, a register built from
 * literal code-list data.
 */
import { fixedClock, today } from '../../src/domain/clock';
import { ageOn } from '../../src/domain/cpr';
import { KodelisteRegister, type KodelisteData } from '../../src/domain/kodeliste-register';
import type { PersonFakta } from '../../src/domain/person-fakta';
import { KUN_I_DAG, OP_TIL_TI_DAGE_TILBAGE, tilmeldingsdatoFejl } from '../../src/domain/tilmeldingsdato';
import { afmeldingsRegler, tilstandsRegler, type TilstandsKontekst } from '../../src/modules/tilmelding/regler';

const kategori = (kode: number, over: Partial<KodelisteData['klientkategorier'][number]> = {}) => ({
  kode,
  navn: `Kategori ${kode}`,
  kunIntern: false,
  kanTilmeldes: true,
  kraeverStillingsbetegnelse: false,
  kontanthjaelpskategori: false,
  udenYdelse: false,
  kraeverAkasse: false,
  kontaktgruppe: 1,
  tilladteLedighedsgrader: [1, 2],
  ...over,
});
const REGISTER = new KodelisteRegister({
  kontaktgrupper: [
    { kode: 1, navn: 'Voksne', kunIntern: false, minAlder: 18, maxAlder: 66, akasseMaaRegistrereCvStatus: true },
    { kode: 8, navn: 'Uden ydelse', kunIntern: false, minAlder: 16, maxAlder: null, akasseMaaRegistrereCvStatus: true },
  ],
  klientkategorier: [kategori(1, { kraeverAkasse: true }), kategori(3, { udenYdelse: true, kontaktgruppe: 8, tilladteLedighedsgrader: [1, 2, 3] })],
  ledighedsgrader: [
    { kode: 1, navn: 'Fuldt ledig', kunIntern: false, ikkeLedig: false },
    { kode: 3, navn: 'Ikke ledig', kunIntern: false, ikkeLedig: true },
  ],
  afmeldingsaarsager: [
    { kode: 1, navn: 'Arbejde', kunIntern: false, maxDageFrem: 30, kunAkasse: false, ikkeAkasse: false },
    { kode: 10, navn: 'Mindre intensiv indsats', kunIntern: false, maxDageFrem: 60, kunAkasse: false, ikkeAkasse: false },
  ],
  forsikringskategorier: [{ kode: 1, navn: 'Heltidsforsikret', kunIntern: false }],
  stillingsbetegnelser: [],
});

const FAKTA: PersonFakta = {
  cpr: '',
  doed: false,
  kontaktgruppe: null,
  cvNummer: '12345678',
  udlandet: false,
  midlertidigUdenlandskAdresse: false,
  fravaer: [],
  akasseRegistreret: true,
  akasseMedlemskab: { akasseNummer: '1001', forsikringskategori: 1 },
};

function kontekst(clockIso: string, cpr: string, over: Partial<TilstandsKontekst['input']> = {}, kilde: TilstandsKontekst['kilde'] = 'Jobnet'): TilstandsKontekst {
  const idag = today(fixedClock(clockIso));
  return {
    cpr,
    idag,
    kilde,
    input: { klientKategori: 1, ledighedsgrad: 1, tilmeldingsdato: idag, ...over },
    register: REGISTER,
    fakta: { ...FAKTA, cpr },
    cvNummerKendt: true,
    overlap: false,
  };
}
const koder = (k: TilstandsKontekst) => tilstandsRegler(k).map((v) => v.kode);

describe('the enrollment date (4749 / 4338) on the Copenhagen calendar day of the clock', () => {
  test('today is the Copenhagen day: 23:30 UTC on 28 November is 29 November in Copenhagen', () => {
    expect(today(fixedClock('2026-11-28T23:30:00Z'))).toBe('2026-11-29');
    expect(today(fixedClock('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // summer time: UTC+2
  });
  test('4749: only today', () => {
    expect(tilmeldingsdatoFejl('2026-11-29', '2026-11-29', KUN_I_DAG)).toBeNull();
    expect(tilmeldingsdatoFejl('2026-11-28', '2026-11-29', KUN_I_DAG)).toBe(4749);
    expect(tilmeldingsdatoFejl('2026-11-30', '2026-11-29', KUN_I_DAG)).toBe(4749);
  });
  test('4338: today or up to 10 days back, across a month and a year boundary', () => {
    expect(tilmeldingsdatoFejl('2026-12-22', '2027-01-01', OP_TIL_TI_DAGE_TILBAGE)).toBeNull();
    expect(tilmeldingsdatoFejl('2026-12-21', '2027-01-01', OP_TIL_TI_DAGE_TILBAGE)).toBe(4338);
    expect(tilmeldingsdatoFejl('2027-01-02', '2027-01-01', OP_TIL_TI_DAGE_TILBAGE)).toBe(4338);
    expect(tilmeldingsdatoFejl('2024-02-19', '2024-02-29', OP_TIL_TI_DAGE_TILBAGE)).toBeNull(); // leap year
  });
  test('the rules pick the window by the CV number: without it 4749, with it 4338', () => {
    const clock = '2026-11-28T23:30:00Z'; // Copenhagen: 29 November
    expect(koder(kontekst(clock, '0101801234', { tilmeldingsdato: '2026-11-28' }))).toEqual([4749]);
    expect(koder(kontekst(clock, '0101801234', { tilmeldingsdato: '2026-11-29' }))).toEqual([]);
    expect(koder(kontekst(clock, '0101801234', { tilmeldingsdato: '2026-11-19', cvNummer: '12345678' }))).toEqual([]);
    expect(koder(kontekst(clock, '0101801234', { tilmeldingsdato: '2026-11-18', cvNummer: '12345678' }))).toEqual([4338]);
  });
});

describe('age rules (6033, 4763): age from the CPR on the enrollment day', () => {
  test('ages come from the CPR and the 7th digit', () => {
    expect(ageOn('2911611234', '2026-11-28')).toBe(64); // born 29 Nov 1961
    expect(ageOn('2911611234', '2026-11-29')).toBe(65);
    expect(ageOn('0101104234', '2026-11-29')).toBe(16); // 7th digit 4, YY 10: 2010
  });
  test('4763: 65 on the day (Copenhagen) from Jobnet, not the day before; not for the job centre', () => {
    const cpr = '2911611234';
    expect(koder(kontekst('2026-11-28T22:59:00Z', cpr))).toEqual([]); // 23:59 on 28 Nov in Copenhagen: 64
    expect(koder(kontekst('2026-11-28T23:00:00Z', cpr))).toEqual([4763]); // 00:00 on 29 Nov: 65
    expect(koder(kontekst('2026-11-28T23:00:00Z', cpr, {}, 'Jobcenter'))).toEqual([]);
    expect(koder(kontekst('2026-11-28T23:00:00Z', cpr, { klientKategori: 3 }))).toEqual([]); // uden ydelse
  });
  test('6033: the contact group bounds, inclusive (18-66)', () => {
    expect(koder(kontekst('2026-11-29T10:00:00Z', '2911084234', {}, 'Jobcenter'))).toEqual([]); // exactly 18
    expect(koder(kontekst('2026-11-29T10:00:00Z', '3011084234', {}, 'Jobcenter'))).toEqual([6033]); // 17, 18 tomorrow
    expect(koder(kontekst('2026-11-29T10:00:00Z', '3011591234', {}, 'Jobcenter'))).toEqual([]); // 66
    expect(koder(kontekst('2026-11-29T10:00:00Z', '2911591234', {}, 'Jobcenter'))).toEqual([6033]); // 67
  });
});

describe('Afmelding (4322): today .. the cause maxDageFrem', () => {
  const opts = { intern: false, akasse: false };
  test('30 days for an ordinary cause, 60 for a less intensive effort; never before today', () => {
    const idag = today(fixedClock('2026-11-28T23:30:00Z'));
    const k = (dato: string, aarsag: number) => afmeldingsRegler({ afmeldingsdato: dato, afmeldingsaarsag: aarsag }, REGISTER, idag, opts).map((v) => v.kode);
    expect(k('2026-11-29', 1)).toEqual([]);
    expect(k('2026-11-28', 1)).toEqual([4322]);
    expect(k('2026-12-29', 1)).toEqual([]);
    expect(k('2026-12-30', 1)).toEqual([4322]);
    expect(k('2027-01-28', 10)).toEqual([]);
    expect(k('2027-01-29', 10)).toEqual([4322]);
    expect(k('2026-11-29', 99)).toEqual([4340]);
  });
});
