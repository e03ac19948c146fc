/**
 * Helpers of the Borgerbooking tests: offers with slots and caseworkers, deadlines and summons
 * inserted directly (so tests need not go through the planning API).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { testPrisma } from '../helpers/db';

export interface SagsbehandlerSpec {
  eksterntId?: string;
  fornavne?: string;
  efternavn?: string;
  telefonnummer?: string | null;
}

export interface MoedetidSpec {
  /** Start of the slot (a Date or an ISO string). */
  start: Date | string;
  /** Seats (default 1). */
  pladser?: number;
  samtaleformer?: number[];
  ombookingMulig?: boolean;
  aflysningMulig?: boolean;
  aktiv?: boolean;
  /** Indexes into the offer's caseworkers (default: all of them). */
  sagsbehandlere?: number[];
}

export interface MoedetilbudSpec {
  /** A fixed id (default: a fresh one). */
  id?: string;
  kommunekode?: string;
  samtaleType?: number;
  moedeGruppeType?: number;
  samtaleformer?: number[];
  moedeVarighed?: number;
  foersteMoedetid?: Date | string | null;
  sidsteMoedetid?: Date | string | null;
  selvbookingTilladt?: boolean;
  borgerKanVaelgeSagsbehandler?: boolean;
  straksbooking?: boolean;
  moedetitel?: string;
  moedebeskrivelse?: string | null;
  /** Minutes before the start; null = not possible. Defaults: 60 and 60. */
  ombookingFristMinutter?: number | null;
  aflysningFristMinutter?: number | null;
  aktiv?: boolean;
  /** An address (default: one, so personal attendance is allowed). null: none. */
  adresse?: { vejnavn: string; husnummer: string; postnummer: string; bynavn: string } | null;
  /** Caseworkers (default: two). */
  sagsbehandlere?: SagsbehandlerSpec[];
  moedetider?: MoedetidSpec[];
}

export interface OprettetMoedetilbud {
  moedetilbudId: string;
  moedetidIder: string[];
  /** The caseworkers: integer id and eksterntId, in the order given. */
  sagsbehandlere: { id: number; eksterntId: string }[];
}

const asDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));

/** A caseworker with a unique eksterntId (unless given). */
export async function opretSagsbehandler(s: SagsbehandlerSpec = {}, kommunekode = '101'): Promise<{ id: number; eksterntId: string }> {
  const eksterntId = s.eksterntId ?? `CVR-RID-${randomUUID()}`;
  const row = await testPrisma().bookingSagsbehandler.create({
    data: {
      eksterntId,
      fornavne: s.fornavne ?? 'Sanne',
      efternavn: s.efternavn ?? `Sagsbehandler${randomInt(1000, 9999)}`,
      telefonnummer: s.telefonnummer === undefined ? '+4570123456' : s.telefonnummer,
      kommunekode,
    },
  });
  return { id: row.id, eksterntId: row.eksterntId };
}

/**
 * Inserts an offer (Jobsamtale, individual, personal attendance and phone, active, self-bookable,
 * the citizen may choose the caseworker, 30 minutes, open range) with its caseworkers and slots.
 */
export async function opretMoedetilbud(spec: MoedetilbudSpec = {}): Promise<OprettetMoedetilbud> {
  const p = testPrisma();
  const kommunekode = spec.kommunekode ?? '101';
  const moedetilbudId = spec.id ?? randomUUID();
  const gruppe = spec.moedeGruppeType ?? 1;
  const samtaleformer = spec.samtaleformer ?? [1, 2];
  const adresse = spec.adresse === undefined ? { vejnavn: 'Jobcentervej', husnummer: '1', postnummer: '1000', bynavn: 'København K' } : spec.adresse;
  const sagsbehandlere: { id: number; eksterntId: string }[] = [];
  for (const s of spec.sagsbehandlere ?? [{}, {}]) sagsbehandlere.push(await opretSagsbehandler(s, kommunekode));
  const ombookingFristMinutter = spec.ombookingFristMinutter === undefined ? ([17, 18].includes(spec.samtaleType ?? 1) ? null : 60) : spec.ombookingFristMinutter;
  await p.moedetilbud.create({
    data: {
      id: moedetilbudId,
      kommunekode,
      samtaleType: spec.samtaleType ?? 1,
      moedeGruppeType: gruppe,
      samtaleformer,
      ...(adresse ?? {}),
      moedeVarighed: spec.moedeVarighed ?? 30,
      foersteMoedetid: spec.foersteMoedetid ? asDate(spec.foersteMoedetid) : null,
      sidsteMoedetid: spec.sidsteMoedetid ? asDate(spec.sidsteMoedetid) : null,
      selvbookingTilladt: spec.selvbookingTilladt ?? true,
      borgerKanVaelgeSagsbehandler: spec.borgerKanVaelgeSagsbehandler ?? gruppe === 1,
      straksbooking: spec.straksbooking ?? false,
      moedetitel: spec.moedetitel ?? 'Jobsamtale',
      moedebeskrivelse: spec.moedebeskrivelse === undefined ? 'Samtale om dine jobmuligheder' : spec.moedebeskrivelse,
      ombookingFristMinutter,
      aflysningFristMinutter: spec.aflysningFristMinutter === undefined ? 60 : spec.aflysningFristMinutter,
      aktiv: spec.aktiv ?? true,
      sagsbehandlere: { create: sagsbehandlere.map((s) => ({ sagsbehandlerId: s.id })) },
    },
  });
  const moedetidIder: string[] = [];
  for (const m of spec.moedetider ?? []) {
    const id = randomUUID();
    const valgte = (m.sagsbehandlere ?? sagsbehandlere.map((_, i) => i)).map((i) => sagsbehandlere[i]);
    await p.moedetid.create({
      data: {
        id,
        moedetilbudId,
        starttidspunkt: asDate(m.start),
        pladser: m.pladser ?? 1,
        samtaleformer: m.samtaleformer ?? samtaleformer,
        ombookingMulig: m.ombookingMulig ?? ombookingFristMinutter !== null,
        aflysningMulig: m.aflysningMulig ?? true,
        aktiv: m.aktiv ?? true,
      },
    });
    await p.moedetidSagsbehandler.createMany({ data: valgte.map((s) => ({ moedetidId: id, moedetilbudId, sagsbehandlerId: s.id })) });
    moedetidIder.push(id);
  }
  return { moedetilbudId, moedetidIder, sagsbehandlere };
}

/** A deadline (frist) for the citizen (replaces one of the same samtaleType). */
export async function opretFrist(
  cpr: string,
  f: { samtaleType?: number; fristdato: string; sidsteAfholdelsesdato: string; straksbooking?: boolean; friststatusType?: number },
): Promise<string> {
  const id = randomUUID();
  const samtaleType = f.samtaleType ?? 1;
  await testPrisma().bookingFrist.deleteMany({ where: { cpr, samtaleType } });
  await testPrisma().bookingFrist.create({
    data: {
      id,
      cpr,
      samtaleType,
      friststatusType: f.friststatusType ?? 1,
      fristdato: new Date(`${f.fristdato}T00:00:00.000Z`),
      sidsteAfholdelsesdato: new Date(`${f.sidsteAfholdelsesdato}T00:00:00.000Z`),
      straksbooking: f.straksbooking ?? false,
    },
  });
  return id;
}

/**
 * A summons (indkaldelse) from the job centre, not tied to a slot: the citizen must accept it,
 * rebooking and cancelling possible until one hour before the start (unless told otherwise).
 */
export async function opretIndkaldelse(
  cpr: string,
  i: {
    /** A fixed id (default: a fresh one). */
    id?: string;
    start: Date | string;
    samtaleType?: number;
    sagsbehandlerId: number;
    moedetilbudId?: string | null;
    moedetidId?: string | null;
    ombookingMulig?: boolean;
    aflysningMulig?: boolean;
    straksbooking?: boolean;
    borgerSkalAcceptere?: boolean;
  },
): Promise<string> {
  const id = i.id ?? randomUUID();
  const start = asDate(i.start);
  const frist = new Date(start.getTime() - 3_600_000);
  const ombookingMulig = i.ombookingMulig ?? true;
  const aflysningMulig = i.aflysningMulig ?? true;
  const straks = i.straksbooking ?? false;
  await testPrisma().indkaldelse.create({
    data: {
      id,
      cpr,
      moedetilbudId: i.moedetilbudId ?? null,
      moedetidId: i.moedetidId ?? null,
      oprindelse: straks ? 'Straksbooket' : 'Indkaldt',
      selvbooket: straks,
      straksbooking: straks,
      organisationKode: 101,
      organisationType: 1,
      borgerSkalAcceptere: i.borgerSkalAcceptere ?? true,
      ombookingMulig,
      ombookingFrist: ombookingMulig ? frist : null,
      aflysningMulig,
      aflysningFrist: aflysningMulig ? frist : null,
      obligatoriskFremmoede: true,
      starttidspunkt: start,
      sluttidspunkt: new Date(start.getTime() + 30 * 60_000),
      samtaleType: i.samtaleType ?? 1,
      moedeGruppeType: 1,
      samtaleform: 1,
      moedetitel: 'Indkaldelse til jobsamtale',
      sagsbehandlerId: i.sagsbehandlerId,
      vejnavn: 'Jobcentervej',
      husnummer: '1',
      postnummer: '1000',
      bynavn: 'København K',
    },
  });
  return id;
}

/**
 * Per slot: its seats, its counter, and what the counter must equal (active holds + meetings holding a
 * seat). The seat invariant of every concurrency test: optagne === faktisk <= pladser.
 */
export async function seatState(moedetidIder: string[]) {
  return testPrisma().$queryRaw<{ id: string; pladser: number; optagne: number; faktisk: number }[]>`
    SELECT m.id::text, m.pladser, m."optagnePladser" AS optagne,
      ((SELECT count(*) FROM indkaldelse i WHERE i."moedetidId" = m.id AND i.status IN ('Aktiv', 'Afholdt'))
       + (SELECT count(*) FROM moedetid_hold h WHERE h."moedetidId" = m.id AND h.status = 'Aktiv'))::int AS faktisk
    FROM moedetid m WHERE m.id = ANY(${moedetidIder}::uuid[])`;
}

/**
 * A valid body for the planning API's CreateMoedetilbud: Jobsamtale, individual, in person and by phone,
 * in Aarhus, `om(1)` to `om(20)`, two new caseworkers, two slots on day 2 (override with `over`).
 */
export function planTilbud(om: (days: number, hours?: number) => string, over: Record<string, unknown> = {}) {
  const eid = () => `CVR:29189803-RID:${randomUUID().slice(0, 8)}`;
  return {
    samtaleType: 1,
    moedeGruppeType: 1,
    samtaleformer: [1, 2],
    moedeLokation: { lokationsuddybning: 'Indgang B', adresse: { vejnavn: 'Værkmestergade', husnummer: '2', postnummer: '8000', bynavn: 'Aarhus C' } },
    moedeVarighed: 30,
    foersteMoedetid: om(1),
    sidsteMoedetid: om(20),
    borgerKanVaelgeSagsbehandler: true,
    moedetitel: 'Jobsamtale',
    selvbookingMulig: true,
    ombookingMulig: true,
    ombookingFristMinutter: 1440,
    aflysningMulig: true,
    aflysningFristMinutter: 120,
    sagsbehandlere: [
      { fornavne: 'Mette', efternavn: 'Madsen', eksterntId: eid(), telefonnummer: '+4587131000' },
      { fornavne: 'Søren', efternavn: 'Sørensen', eksterntId: eid() },
    ],
    moedetider: [
      { starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 2 },
      { starttidspunkt: om(2, 2), maksimaltMoededeltagerantal: 1, samtaleformer: [2] },
    ],
    ...over,
  };
}

/**
 * A valid body for the planning API's CreateIndkaldelse: an individual Opfoelgningssamtale by phone on
 * `om(3, 2)`, rebooking and cancelling until `om(2)`, with a new caseworker (override with `over`).
 */
export function planIndkaldelse(om: (days: number, hours?: number) => string, over: Record<string, unknown> = {}) {
  return {
    borgerSkalAcceptere: true,
    ombookingMulig: true,
    ombookingFrist: om(2),
    aflysningMulig: true,
    aflysningFrist: om(2),
    obligatoriskFremmoede: true,
    moedeStarttidspunkt: om(3, 2),
    moedeVarighed: 45,
    samtaleType: 2,
    moedeGruppeType: 1,
    samtaleformType: 2,
    moedetitel: 'Opfølgningssamtale',
    sagsbehandler: { fornavne: 'Mette', efternavn: 'Madsen', eksterntId: `CVR:29189803-RID:${randomUUID().slice(0, 8)}` },
    kontaktDetaljer: { telefonnummer: '+4587131000', borgerSkalRinge: true },
    ...over,
  };
}
