/**
 * The summons and slot rules (src/modules/borgerbooking/planner-regler.ts) as pure functions of the
 * input and an injected "now": "before today" is the Copenhagen calendar day, not the instant.
 */
import { indkaldelsesRegler, moedetidRegler, moedetilbudRegler, type IndkaldelseTider } from '../../src/modules/borgerbooking/planner-regler';

const koder = (v: { kode: number }[]) => v.map((x) => x.kode);
/** 23:30 UTC on 3 March 2030 is already 4 March in Copenhagen (UTC+1). */
const NOW = new Date('2030-03-03T23:30:00Z');

const gyldig: IndkaldelseTider = {
  moedeStarttidspunkt: '2030-03-05T09:00:00+01:00',
  moedeVarighed: 30,
  samtaleType: 1,
  ombookingMulig: true,
  ombookingFrist: '2030-03-04T12:00:00+01:00',
  aflysningMulig: false,
  kraeverAdresse: false,
  harAdresse: false,
  borgerSkalRinge: false,
  harTelefonnummer: false,
};

describe('CreateIndkaldelse rules (indkaldelsesRegler)', () => {
  it('a valid summons breaks none', () => {
    expect(indkaldelsesRegler(gyldig, NOW)).toEqual([]);
  });

  it('"before today" is the Copenhagen day: a start at 00:10 Copenhagen time today is allowed, yesterday 23:50 is 4783', () => {
    const ok = { ...gyldig, moedeStarttidspunkt: '2030-03-04T00:10:00+01:00', ombookingFrist: '2030-03-04T00:05:00+01:00' };
    expect(koder(indkaldelsesRegler(ok, NOW))).toEqual([]);
    const igaar = { ...ok, moedeStarttidspunkt: '2030-03-03T23:50:00+01:00', ombookingFrist: '2030-03-03T23:40:00+01:00' };
    expect(koder(indkaldelsesRegler(igaar, NOW))).toEqual([4783, 8132]);
  });

  it('deadlines: 8126 missing rebooking deadline, 8127/8128 cancellation deadline, 8134/8136 after the start', () => {
    expect(koder(indkaldelsesRegler({ ...gyldig, ombookingFrist: undefined }, NOW))).toEqual([8126]);
    expect(koder(indkaldelsesRegler({ ...gyldig, aflysningFrist: '2030-03-04T12:00:00+01:00' }, NOW))).toEqual([8127]);
    expect(koder(indkaldelsesRegler({ ...gyldig, aflysningMulig: true }, NOW))).toEqual([8128]);
    expect(koder(indkaldelsesRegler({ ...gyldig, ombookingFrist: '2030-03-05T09:00:01+01:00' }, NOW))).toEqual([8134]);
    expect(koder(indkaldelsesRegler({ ...gyldig, aflysningMulig: true, aflysningFrist: '2030-03-06T00:00:00+01:00' }, NOW))).toEqual([8136]);
    // A deadline exactly at the start is allowed.
    expect(koder(indkaldelsesRegler({ ...gyldig, ombookingFrist: gyldig.moedeStarttidspunkt }, NOW))).toEqual([]);
  });

  it('8129 address, 8130 end or duration, 8131 phone, 8135 a day at most, 4792 end before start, 8270 types 17 and 18', () => {
    expect(koder(indkaldelsesRegler({ ...gyldig, kraeverAdresse: true }, NOW))).toEqual([8129]);
    expect(koder(indkaldelsesRegler({ ...gyldig, moedeVarighed: undefined }, NOW))).toEqual([8130]);
    expect(koder(indkaldelsesRegler({ ...gyldig, borgerSkalRinge: true }, NOW))).toEqual([8131]);
    expect(koder(indkaldelsesRegler({ ...gyldig, moedeVarighed: 1440 }, NOW))).toEqual([]);
    expect(koder(indkaldelsesRegler({ ...gyldig, moedeVarighed: 1441 }, NOW))).toEqual([8135]);
    expect(koder(indkaldelsesRegler({ ...gyldig, moedeSluttidspunkt: '2030-03-05T08:59:00+01:00' }, NOW))).toEqual([4792]);
    expect(koder(indkaldelsesRegler({ ...gyldig, samtaleType: 17 }, NOW))).toEqual([8270]);
    expect(koder(indkaldelsesRegler({ ...gyldig, samtaleType: 18, ombookingMulig: false, ombookingFrist: undefined }, NOW))).toEqual([]);
  });
});

describe('offer and slot rules', () => {
  it('moedetilbudRegler: 8135 over a day, 4792 last before first', () => {
    expect(koder(moedetilbudRegler({ moedeVarighed: 1441 }))).toEqual([8135]);
    expect(koder(moedetilbudRegler({ moedeVarighed: 30, foersteMoedetid: '2030-03-05T09:00:00Z', sidsteMoedetid: '2030-03-05T08:00:00Z' }))).toEqual([4792]);
    expect(koder(moedetilbudRegler({ moedeVarighed: 30, foersteMoedetid: '2030-03-05T09:00:00Z', sidsteMoedetid: '2030-03-05T09:00:00Z' }))).toEqual([]);
  });

  it('moedetidRegler: 4783 before today (Copenhagen), 8109 outside the range; open ends are open', () => {
    const ramme = { foersteMoedetid: new Date('2030-03-05T00:00:00Z'), sidsteMoedetid: new Date('2030-03-10T00:00:00Z') };
    expect(koder(moedetidRegler('2030-03-06T09:00:00Z', ramme, NOW, '/x'))).toEqual([]);
    expect(koder(moedetidRegler('2030-03-03T22:59:00Z', {}, NOW, '/x'))).toEqual([4783]);
    expect(koder(moedetidRegler('2030-03-03T23:00:00Z', {}, NOW, '/x'))).toEqual([]);
    expect(koder(moedetidRegler('2030-03-11T09:00:00Z', ramme, NOW, '/x'))).toEqual([8109]);
    expect(koder(moedetidRegler('2031-01-01T09:00:00Z', { foersteMoedetid: ramme.foersteMoedetid }, NOW, '/x'))).toEqual([]);
  });
});
