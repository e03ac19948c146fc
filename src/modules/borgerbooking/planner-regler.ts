/**
 * The rules of a summons (CreateIndkaldelse) and of the planning API's times, as pure functions of the
 * input and "now" (the injected clock), so they are unit-tested without a database. The codes are the
 * BorgerBooking specification's (CreateBooking/CreateOmbooking tables): 8126-8136 and 8270 appear there
 * only as error texts; docs/borgerbooking-planner.md maps each to its check.
 */
import { RuleViolation } from '../../domain/errors';
import { businessDay } from '../../domain/clock';

/** One day in minutes: a meeting may last at most this long (8135). */
export const MAKS_VARIGHED_MINUTTER = 24 * 60;

/** The interview types whose bookings can never be rebooked (8270: "interviewtype Id 17 and Id 18"). */
export const SAMTALETYPER_UDEN_OMBOOKING: readonly number[] = [17, 18];

/** What the summons rules read of the input; the schema has already checked each field's form. */
export interface IndkaldelseTider {
  moedeStarttidspunkt: string;
  moedeSluttidspunkt?: string;
  moedeVarighed?: number;
  samtaleType: number;
  ombookingMulig: boolean;
  ombookingFrist?: string;
  aflysningMulig: boolean;
  aflysningFrist?: string;
  /** The chosen samtaleform needs an address (personal attendance). */
  kraeverAdresse: boolean;
  harAdresse: boolean;
  borgerSkalRinge: boolean;
  harTelefonnummer: boolean;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * Every broken rule of a summons, in the order of the specification's table; none: the summons is valid.
 * "Before today" compares calendar days in Copenhagen (business today, design.md section 2).
 */
export function indkaldelsesRegler(i: IndkaldelseTider, now: Date): RuleViolation[] {
  const v: RuleViolation[] = [];
  const idag = businessDay(now);
  const start = ms(i.moedeStarttidspunkt);
  if (businessDay(new Date(start)) < idag) v.push(new RuleViolation(4783, { felt: '/moedeStarttidspunkt' }));
  if (i.moedeSluttidspunkt !== undefined && ms(i.moedeSluttidspunkt) < start) v.push(new RuleViolation(4792, { felt: '/moedeSluttidspunkt' }));
  if (i.ombookingMulig && i.ombookingFrist === undefined) v.push(new RuleViolation(8126, { felt: '/ombookingFrist' }));
  if (!i.aflysningMulig && i.aflysningFrist !== undefined) v.push(new RuleViolation(8127, { felt: '/aflysningFrist' }));
  if (i.aflysningMulig && i.aflysningFrist === undefined) v.push(new RuleViolation(8128, { felt: '/aflysningFrist' }));
  if (i.kraeverAdresse && !i.harAdresse) v.push(new RuleViolation(8129, { felt: '/moedeLokation/adresse' }));
  if (i.moedeSluttidspunkt === undefined && i.moedeVarighed === undefined) v.push(new RuleViolation(8130, { felt: '/moedeSluttidspunkt' }));
  if (i.borgerSkalRinge && !i.harTelefonnummer) v.push(new RuleViolation(8131, { felt: '/kontaktDetaljer/telefonnummer' }));
  if (i.ombookingFrist !== undefined && businessDay(new Date(ms(i.ombookingFrist))) < idag) v.push(new RuleViolation(8132, { felt: '/ombookingFrist' }));
  if (i.aflysningFrist !== undefined && businessDay(new Date(ms(i.aflysningFrist))) < idag) v.push(new RuleViolation(8133, { felt: '/aflysningFrist' }));
  if (i.ombookingFrist !== undefined && ms(i.ombookingFrist) > start) v.push(new RuleViolation(8134, { felt: '/ombookingFrist' }));
  const slut = i.moedeSluttidspunkt !== undefined ? ms(i.moedeSluttidspunkt) : i.moedeVarighed !== undefined ? start + i.moedeVarighed * 60_000 : undefined;
  if (slut !== undefined && slut - start > MAKS_VARIGHED_MINUTTER * 60_000) v.push(new RuleViolation(8135, { felt: i.moedeSluttidspunkt !== undefined ? '/moedeSluttidspunkt' : '/moedeVarighed' }));
  if (i.aflysningFrist !== undefined && ms(i.aflysningFrist) > start) v.push(new RuleViolation(8136, { felt: '/aflysningFrist' }));
  if (i.ombookingMulig && SAMTALETYPER_UDEN_OMBOOKING.includes(i.samtaleType)) v.push(new RuleViolation(8270, { felt: '/ombookingMulig' }));
  return v;
}

/** The end of a summons: the given end time, else start + duration. */
export function indkaldelseSlut(i: Pick<IndkaldelseTider, 'moedeStarttidspunkt' | 'moedeSluttidspunkt' | 'moedeVarighed'>): Date {
  if (i.moedeSluttidspunkt !== undefined) return new Date(i.moedeSluttidspunkt);
  return new Date(ms(i.moedeStarttidspunkt) + (i.moedeVarighed ?? 0) * 60_000);
}

/** The offer's own fields: duration at most a day (8135), last not before first (4792). */
export function moedetilbudRegler(t: { moedeVarighed: number; foersteMoedetid?: string; sidsteMoedetid?: string }): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (t.moedeVarighed > MAKS_VARIGHED_MINUTTER) v.push(new RuleViolation(8135, { felt: '/moedeVarighed' }));
  if (t.foersteMoedetid !== undefined && t.sidsteMoedetid !== undefined && ms(t.sidsteMoedetid) < ms(t.foersteMoedetid)) {
    v.push(new RuleViolation(4792, { felt: '/sidsteMoedetid' }));
  }
  return v;
}

/**
 * A new timeslot's start: not on a day before today (4783), and inside the offer's first and last
 * timeslot when they are set (8109). `felt` points at the slot in the request.
 */
export function moedetidRegler(start: string, tilbud: { foersteMoedetid?: Date | null; sidsteMoedetid?: Date | null }, now: Date, felt: string): RuleViolation[] {
  const v: RuleViolation[] = [];
  const t = ms(start);
  if (businessDay(new Date(t)) < businessDay(now)) v.push(new RuleViolation(4783, { felt }));
  if ((tilbud.foersteMoedetid && t < tilbud.foersteMoedetid.getTime()) || (tilbud.sidsteMoedetid && t > tilbud.sidsteMoedetid.getTime())) {
    v.push(new RuleViolation(8109, { felt }));
  }
  return v;
}
