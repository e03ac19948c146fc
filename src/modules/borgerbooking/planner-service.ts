/**
 * The planning side of Borgerbooking (/v1/Borgerbooking/Planlaegning): what a job centre's planning
 * system (role jobcenter, its municipality code in the token's `org`) or a system integration (role
 * system) does so that the citizen side has something to show: offers with slots, seats and
 * caseworkers; deadlines; summons; and what it reads back (bookings per offer and slot, error reports).
 * docs/borgerbooking-planner.md has the decisions (who sees what, the rule mapping).
 *
 * Seats: a slot's `optagnePladser` counts its active bookings and holds, and every change of it runs
 * under the slot's row lock (docs/borgerbooking.md). The planner side changes it in two places, both
 * in one transaction that first locks the slot (`SELECT ... FOR UPDATE`): a summons on a slot takes a
 * seat (4819 when none is free), and a change of the number of seats is refused below the seats taken
 * (9942). The CHECK `optagnePladser <= pladser` is the last line of defence behind both.
 *
 * Lock order, the one for every transaction on either side: the offer row first (when a transaction
 * locks it at all; `eget(..., { laas: true })`), then slots in id order (`laasMoedetider`, or the
 * citizen side's lock statement), then other rows. A statement that writes several slots
 * (`UPDATE moedetid ... WHERE "moedetilbudId" = ...`) runs only after they are locked in id order.
 * The offer is locked FOR NO KEY UPDATE: a booking's INSERT INTO indkaldelse checks its foreign key
 * to the offer with FOR KEY SHARE after its slot lock, which FOR UPDATE would block (a deadlock with
 * a planner waiting for that slot).
 */
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { Clock } from '../../domain/clock';
import { today } from '../../domain/clock';
import type { Principal } from '../../domain/access';
import { RuleViolation } from '../../domain/errors';
import { throwViolations } from '../../domain/rule-violations';
import { readBorgerStatus, requireKnown, requireLiving } from '../../services/borger';
import {
  FAELLES,
  FRISTSTATUS_KODER,
  MOEDEGRUPPETYPE_KODER,
  ORGANISATIONSTYPE_JOBCENTER,
  PERSONLIGT_FREMMOEDE,
  SAMTALEFORM_KODER,
  SAMTALETYPE_KODER,
  UDEN_OMBOOKING,
} from './koder';
import { alleredeBooket } from './db-planner';
import { indkaldelsesRegler, moedetidRegler, moedetilbudRegler } from './planner-regler';
import type {
  FejlmeldingQueryT,
  FristInput,
  IndkaldelseInput,
  MoedetiderInput,
  MoedetidOpdatering,
  MoedetilbudInput,
  MoedetilbudOpdatering,
  PlanBookingT,
  PlanFejlmeldingT,
  PlanFristT,
  PlanMoedetid,
  PlanMoedetidInput,
  PlanMoedetilbud,
  PlanSagsbehandler,
} from './planner-schemas';

type Tx = Prisma.TransactionClient;

/** Interactive transactions wait for a pooled connection and run longer than Prisma's defaults (2 s / 5 s) allow under load. */
const TX = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Whose data a caller sees: a job centre only its own municipality's (the token's `org`, three digits;
 * without one: 403/4575), a system integration everything (kommunekode undefined).
 */
export function planlaegger(p: Principal): { kommunekode?: string } {
  if (p.role === 'system') return {};
  if (p.role === 'jobcenter' && p.organisation && /^[0-9]{3}$/.test(p.organisation)) return { kommunekode: p.organisation };
  throw new RuleViolation(4575, { detail: 'The planning API needs a job centre token with its municipality code (org) or a system token' });
}

/** The municipality an offer is created for: the job centre's own; a system integration names it (1014 without). */
function kommuneForNyt(p: Principal, angivet: string | undefined): string {
  const { kommunekode } = planlaegger(p);
  if (kommunekode) {
    if (angivet !== undefined && angivet !== kommunekode) throw new RuleViolation(4575, { felt: '/kommunekode', detail: 'A job centre creates offers for its own municipality only' });
    return kommunekode;
  }
  if (angivet === undefined) throw new RuleViolation(1014, { felt: '/kommunekode', detail: 'A system integration must name the municipality (kommunekode) of the offer' });
  return angivet;
}

const iso = (d: Date) => d.toISOString();

const erSamtaleType = (k: number) => (SAMTALETYPE_KODER as readonly number[]).includes(k);

/** Code-list checks of an offer or a summons: 4709 samtaleType, 4805 moedeGruppeType, 4708 samtaleform. */
function kodeRegler(k: { samtaleType: number; moedeGruppeType: number; samtaleformer: number[] }, felter = { samtaleformer: '/samtaleformer' }): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (!(SAMTALETYPE_KODER as readonly number[]).includes(k.samtaleType)) v.push(new RuleViolation(4709, { felt: '/samtaleType' }));
  if (!(MOEDEGRUPPETYPE_KODER as readonly number[]).includes(k.moedeGruppeType)) v.push(new RuleViolation(4805, { felt: '/moedeGruppeType' }));
  k.samtaleformer.forEach((f, i) => {
    if (!(SAMTALEFORM_KODER as readonly number[]).includes(f)) v.push(new RuleViolation(4708, { felt: `${felter.samtaleformer}/${i}` }));
  });
  return v;
}

/** The offer's own rules (the same for CreateMoedetilbud and UpdateMoedetilbud). */
function tilbudsRegler(t: MoedetilbudOpdatering): RuleViolation[] {
  const v = [...kodeRegler(t), ...moedetilbudRegler(t)];
  if (t.moedeGruppeType === FAELLES && t.borgerKanVaelgeSagsbehandler) {
    v.push(new RuleViolation(1014, { felt: '/borgerKanVaelgeSagsbehandler', detail: 'For group meetings (moedeGruppeType 2) the citizen never chooses the caseworker' }));
  }
  if (t.moedeGruppeType === FAELLES && t.sidsteMoedetid === undefined) {
    v.push(new RuleViolation(1014, { felt: '/sidsteMoedetid', detail: 'A group meeting (moedeGruppeType 2) always has a last timeslot' }));
  }
  if (t.ombookingMulig && t.ombookingFristMinutter === undefined) v.push(new RuleViolation(8126, { felt: '/ombookingFristMinutter' }));
  if (!t.ombookingMulig && t.ombookingFristMinutter !== undefined) {
    v.push(new RuleViolation(1014, { felt: '/ombookingFristMinutter', detail: 'A rebooking deadline cannot be given when rebooking is not possible' }));
  }
  if (!t.aflysningMulig && t.aflysningFristMinutter !== undefined) v.push(new RuleViolation(8127, { felt: '/aflysningFristMinutter' }));
  if (t.aflysningMulig && t.aflysningFristMinutter === undefined) v.push(new RuleViolation(8128, { felt: '/aflysningFristMinutter' }));
  if (t.samtaleformer.includes(PERSONLIGT_FREMMOEDE) && !t.moedeLokation?.adresse) v.push(new RuleViolation(8129, { felt: '/moedeLokation/adresse' }));
  if (t.ombookingMulig && (UDEN_OMBOOKING as readonly number[]).includes(t.samtaleType)) v.push(new RuleViolation(8270, { felt: '/ombookingMulig' }));
  const seen = new Set<string>();
  t.sagsbehandlere.forEach((s, i) => {
    if (seen.has(s.eksterntId)) v.push(new RuleViolation(1014, { felt: `/sagsbehandlere/${i}/eksterntId`, detail: 'Each caseworker once (eksterntId is unique)' }));
    seen.add(s.eksterntId);
  });
  return v;
}

/** A new slot's rules against its offer: 4783, 8109; its samtaleformer among the offer's (4708) and caseworkers among the offer's (9003). */
function moedetidsRegler(
  m: PlanMoedetidInput,
  tilbud: { samtaleformer: number[]; foersteMoedetid?: Date | null; sidsteMoedetid?: Date | null; sagsbehandlere: string[] },
  now: Date,
  felt: string,
): RuleViolation[] {
  const v = moedetidRegler(m.starttidspunkt, tilbud, now, `${felt}/starttidspunkt`);
  v.push(...samtaleformOgSagsbehandlerRegler(m, tilbud, felt));
  return v;
}

function samtaleformOgSagsbehandlerRegler(
  m: { samtaleformer?: number[]; sagsbehandlerEksterntIder?: string[] },
  tilbud: { samtaleformer: number[]; sagsbehandlere: string[] },
  felt: string,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  (m.samtaleformer ?? []).forEach((f, i) => {
    if (!tilbud.samtaleformer.includes(f)) v.push(new RuleViolation(4708, { felt: `${felt}/samtaleformer/${i}`, detail: 'The slot offers a samtaleform the offer does not have' }));
  });
  (m.sagsbehandlerEksterntIder ?? []).forEach((id, i) => {
    if (!tilbud.sagsbehandlere.includes(id)) v.push(new RuleViolation(9003, { felt: `${felt}/sagsbehandlerEksterntIder/${i}` }));
  });
  return v;
}

/** The offer's columns from its fields (not kommunekode, id, timestamps). */
function tilbudKolonner(t: MoedetilbudOpdatering) {
  const a = t.moedeLokation?.adresse;
  return {
    samtaleType: t.samtaleType,
    moedeGruppeType: t.moedeGruppeType,
    samtaleformer: t.samtaleformer,
    lokationsuddybning: t.moedeLokation?.lokationsuddybning ?? null,
    vejnavn: a?.vejnavn ?? null,
    husnummer: a?.husnummer ?? null,
    etage: a?.etage ?? null,
    sideDoer: a?.sideDoer ?? null,
    postnummer: a?.postnummer ?? null,
    bynavn: a?.bynavn ?? null,
    landekode: a?.landekode ?? null,
    moedeVarighed: t.moedeVarighed,
    foersteMoedetid: t.foersteMoedetid ? new Date(t.foersteMoedetid) : null,
    sidsteMoedetid: t.sidsteMoedetid ? new Date(t.sidsteMoedetid) : null,
    selvbookingTilladt: t.selvbookingMulig,
    borgerKanVaelgeSagsbehandler: t.borgerKanVaelgeSagsbehandler,
    straksbooking: t.straksbooking ?? false,
    moedetitel: t.moedetitel,
    moedebeskrivelse: t.moedebeskrivelse ?? null,
    obligatoriskFremmoede: t.obligatoriskFremmoede ?? true,
    ombookingFristMinutter: t.ombookingMulig ? (t.ombookingFristMinutter ?? null) : null,
    aflysningFristMinutter: t.aflysningMulig ? (t.aflysningFristMinutter ?? null) : null,
  };
}

/**
 * Upserts the caseworkers (by eksterntId) for the municipality and returns their integer ids by
 * eksterntId. A caseworker of another municipality cannot be used (9003).
 */
async function gemSagsbehandlere(tx: Tx, kommunekode: string, liste: PlanSagsbehandler[], felt: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [i, s] of liste.entries()) {
    const data = {
      fornavne: s.fornavne,
      mellemnavn: s.mellemnavn ?? null,
      efternavn: s.efternavn,
      telefonnummer: s.telefonnummer ?? null,
      email: s.email ?? null,
    };
    // Insert or update only a caseworker of the same municipality; another's is left as it is (and refused).
    const rows = await tx.$queryRaw<{ id: number; kommunekode: string }[]>`
      INSERT INTO booking_sagsbehandler ("eksterntId", fornavne, mellemnavn, efternavn, telefonnummer, email, kommunekode)
      VALUES (${s.eksterntId}, ${data.fornavne}, ${data.mellemnavn}, ${data.efternavn}, ${data.telefonnummer}, ${data.email}, ${kommunekode}::char(3))
      ON CONFLICT ("eksterntId") DO UPDATE SET fornavne = EXCLUDED.fornavne, mellemnavn = EXCLUDED.mellemnavn, efternavn = EXCLUDED.efternavn,
        telefonnummer = EXCLUDED.telefonnummer, email = EXCLUDED.email
        WHERE booking_sagsbehandler.kommunekode = EXCLUDED.kommunekode
      RETURNING id, kommunekode`;
    if (rows.length === 0) throw new RuleViolation(9003, { felt: `${felt}/${i}/eksterntId`, detail: 'The caseworker belongs to another job centre' });
    ids.set(s.eksterntId, rows[0].id);
  }
  return ids;
}

/** Inserts slots (and their caseworkers) of an offer; a start time the offer already has: 9941. */
async function indsaetMoedetider(
  tx: Tx,
  moedetilbudId: string,
  tilbud: { samtaleformer: number[]; ombookingMulig: boolean; aflysningMulig: boolean },
  moedetider: PlanMoedetidInput[],
  sagsbehandlerIder: Map<string, number>,
  felt: string,
): Promise<string[]> {
  const ider: string[] = [];
  for (const [i, m] of moedetider.entries()) {
    const id = randomUUID();
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO moedetid (id, "moedetilbudId", starttidspunkt, pladser, "optagnePladser", samtaleformer, "ombookingMulig", "aflysningMulig", aktiv)
      VALUES (${id}::uuid, ${moedetilbudId}::uuid, ${new Date(m.starttidspunkt)}::timestamptz, ${m.maksimaltMoededeltagerantal}::int, 0,
              ${m.samtaleformer ?? tilbud.samtaleformer}::smallint[], ${tilbud.ombookingMulig}, ${tilbud.aflysningMulig}, true)
      ON CONFLICT ("moedetilbudId", starttidspunkt) DO NOTHING
      RETURNING id`;
    if (rows.length === 0) throw new RuleViolation(9941, { felt: `${felt}/${i}/starttidspunkt` });
    const valgte = m.sagsbehandlerEksterntIder ?? [...sagsbehandlerIder.keys()];
    if (valgte.length > 0) {
      await tx.moedetidSagsbehandler.createMany({
        data: valgte.map((e) => ({ moedetidId: id, moedetilbudId, sagsbehandlerId: sagsbehandlerIder.get(e)! })),
      });
    }
    ider.push(id);
  }
  return ider;
}

/** The planner's view of one offer: fields, caseworkers, slots with bookings, holds and free seats. */
async function laesTilbud(db: Tx | PrismaClient, id: string, now: Date): Promise<PlanMoedetilbud | null> {
  const t = await db.moedetilbud.findUnique({
    where: { id },
    include: {
      sagsbehandlere: { include: { sagsbehandler: true }, orderBy: { sagsbehandlerId: 'asc' } },
      moedetider: { include: { sagsbehandlere: { include: { tilbudSagsbehandler: { include: { sagsbehandler: true } } } } }, orderBy: { starttidspunkt: 'asc' } },
    },
  });
  if (!t) return null;
  const belaegning = await db.$queryRaw<{ moedetidId: string; bookede: number; reserverede: number }[]>`
    SELECT m.id AS "moedetidId",
      (SELECT count(*)::int FROM indkaldelse i WHERE i."moedetidId" = m.id AND i.status = 'Aktiv') AS bookede,
      (SELECT count(*)::int FROM moedetid_hold h WHERE h."moedetidId" = m.id AND h.status = 'Aktiv' AND h.udloeber > ${now}::timestamptz) AS reserverede
    FROM moedetid m WHERE m."moedetilbudId" = ${id}::uuid`;
  const tal = new Map(belaegning.map((b) => [b.moedetidId, b]));
  return tilPlanTilbud(t, tal);
}

type TilbudMedAlt = Prisma.MoedetilbudGetPayload<{
  include: {
    sagsbehandlere: { include: { sagsbehandler: true } };
    moedetider: { include: { sagsbehandlere: { include: { tilbudSagsbehandler: { include: { sagsbehandler: true } } } } } };
  };
}>;

function tilSagsbehandler(s: { fornavne: string; mellemnavn: string | null; efternavn: string; eksterntId: string; telefonnummer: string | null; email: string | null }): PlanSagsbehandler {
  return {
    fornavne: s.fornavne,
    ...(s.mellemnavn ? { mellemnavn: s.mellemnavn } : {}),
    efternavn: s.efternavn,
    eksterntId: s.eksterntId,
    ...(s.telefonnummer ? { telefonnummer: s.telefonnummer } : {}),
    ...(s.email ? { email: s.email } : {}),
  };
}

function tilPlanTilbud(t: TilbudMedAlt, tal: Map<string, { bookede: number; reserverede: number }>): PlanMoedetilbud {
  const adresse = t.vejnavn && t.husnummer && t.postnummer && t.bynavn
    ? {
        vejnavn: t.vejnavn,
        husnummer: t.husnummer,
        ...(t.etage ? { etage: t.etage } : {}),
        ...(t.sideDoer ? { sideDoer: t.sideDoer } : {}),
        postnummer: t.postnummer,
        bynavn: t.bynavn,
        ...(t.landekode ? { landekode: t.landekode } : {}),
      }
    : undefined;
  const moedeLokation = t.lokationsuddybning || adresse ? { ...(t.lokationsuddybning ? { lokationsuddybning: t.lokationsuddybning } : {}), ...(adresse ? { adresse } : {}) } : undefined;
  return {
    moedetilbudId: t.id,
    kommunekode: t.kommunekode,
    aktiv: t.aktiv,
    samtaleType: t.samtaleType,
    moedeGruppeType: t.moedeGruppeType,
    samtaleformer: t.samtaleformer,
    ...(moedeLokation ? { moedeLokation } : {}),
    moedeVarighed: t.moedeVarighed,
    ...(t.foersteMoedetid ? { foersteMoedetid: iso(t.foersteMoedetid) } : {}),
    ...(t.sidsteMoedetid ? { sidsteMoedetid: iso(t.sidsteMoedetid) } : {}),
    borgerKanVaelgeSagsbehandler: t.borgerKanVaelgeSagsbehandler,
    moedetitel: t.moedetitel,
    ...(t.moedebeskrivelse ? { moedebeskrivelse: t.moedebeskrivelse } : {}),
    selvbookingMulig: t.selvbookingTilladt,
    straksbooking: t.straksbooking,
    obligatoriskFremmoede: t.obligatoriskFremmoede,
    ombookingMulig: t.ombookingFristMinutter !== null,
    ...(t.ombookingFristMinutter !== null ? { ombookingFristMinutter: t.ombookingFristMinutter } : {}),
    aflysningMulig: t.aflysningFristMinutter !== null,
    ...(t.aflysningFristMinutter !== null ? { aflysningFristMinutter: t.aflysningFristMinutter } : {}),
    sagsbehandlere: t.sagsbehandlere.map((s) => tilSagsbehandler(s.sagsbehandler)),
    moedetider: t.moedetider.map((m) => tilPlanMoedetid(m, t.moedeVarighed, tal.get(m.id) ?? { bookede: 0, reserverede: 0 })),
    oprettet: iso(t.oprettet),
    opdateret: iso(t.opdateret),
  };
}

function tilPlanMoedetid(m: TilbudMedAlt['moedetider'][number], varighed: number, tal: { bookede: number; reserverede: number }): PlanMoedetid {
  return {
    moedetidId: m.id,
    starttidspunkt: iso(m.starttidspunkt),
    sluttidspunkt: iso(new Date(m.starttidspunkt.getTime() + varighed * 60_000)),
    aktiv: m.aktiv,
    samtaleformer: m.samtaleformer,
    maksimaltMoededeltagerantal: m.pladser,
    antalBookede: tal.bookede,
    antalReserverede: tal.reserverede,
    antalLedigePladser: m.aktiv ? Math.max(0, m.pladser - tal.bookede - tal.reserverede) : 0,
    sagsbehandlerEksterntIder: m.sagsbehandlere.map((s) => s.tilbudSagsbehandler.sagsbehandler.eksterntId).sort(),
  };
}

export class PlanlaegningService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** The offer, if the caller may see it (a job centre only its own municipality's); else 404/8108. */
  private async eget(db: Tx | PrismaClient, p: Principal, moedetilbudId: string, opts: { laas?: boolean } = {}) {
    const { kommunekode } = planlaegger(p);
    const id = moedetilbudId.toLowerCase();
    const rows = opts.laas
      ? await db.$queryRaw<{ id: string; kommunekode: string; aktiv: boolean }[]>`SELECT id, kommunekode, aktiv FROM moedetilbud WHERE id = ${id}::uuid FOR NO KEY UPDATE`
      : await db.$queryRaw<{ id: string; kommunekode: string; aktiv: boolean }[]>`SELECT id, kommunekode, aktiv FROM moedetilbud WHERE id = ${id}::uuid`;
    const t = rows[0];
    if (!t || (kommunekode && t.kommunekode !== kommunekode)) throw new RuleViolation(8108, { felt: '/moedetilbudId', detail: 'The interview option is unknown (or another job centre\'s)' });
    return t;
  }

  /** Locks all of the offer's slots in id order (after the offer's own lock: the header's lock order). */
  private async laasMoedetider(tx: Tx, moedetilbudId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM moedetid WHERE "moedetilbudId" = ${moedetilbudId}::uuid ORDER BY id FOR UPDATE`;
  }

  // --- offers ---------------------------------------------------------------------------------

  async opretMoedetilbud(p: Principal, input: MoedetilbudInput): Promise<PlanMoedetilbud> {
    const kommunekode = kommuneForNyt(p, input.kommunekode);
    const now = this.clock.now();
    const eksterneIder = input.sagsbehandlere.map((s) => s.eksterntId);
    const ramme = {
      samtaleformer: input.samtaleformer,
      foersteMoedetid: input.foersteMoedetid ? new Date(input.foersteMoedetid) : null,
      sidsteMoedetid: input.sidsteMoedetid ? new Date(input.sidsteMoedetid) : null,
      sagsbehandlere: eksterneIder,
    };
    const v = tilbudsRegler(input);
    const starter = new Set<number>();
    (input.moedetider ?? []).forEach((m, i) => {
      v.push(...moedetidsRegler(m, ramme, now, `/moedetider/${i}`));
      const t = Date.parse(m.starttidspunkt);
      if (starter.has(t)) v.push(new RuleViolation(9941, { felt: `/moedetider/${i}/starttidspunkt` }));
      starter.add(t);
    });
    throwViolations(v);
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await tx.moedetilbud.create({ data: { id, kommunekode, ...tilbudKolonner(input), aktiv: true, oprettet: now, opdateret: now } });
      const ider = await gemSagsbehandlere(tx, kommunekode, input.sagsbehandlere, '/sagsbehandlere');
      if (ider.size > 0) await tx.moedetilbudSagsbehandler.createMany({ data: [...ider.values()].map((sagsbehandlerId) => ({ moedetilbudId: id, sagsbehandlerId })) });
      await indsaetMoedetider(tx, id, input, input.moedetider ?? [], ider, '/moedetider');
    }, TX);
    return (await laesTilbud(this.prisma, id, now))!;
  }

  async opdaterMoedetilbud(p: Principal, moedetilbudId: string, input: MoedetilbudOpdatering): Promise<PlanMoedetilbud> {
    throwViolations(tilbudsRegler(input));
    const now = this.clock.now();
    const id = moedetilbudId.toLowerCase();
    await this.prisma.$transaction(async (tx) => {
      const t = await this.eget(tx, p, id, { laas: true });
      if (!t.aktiv) throw new RuleViolation(8108, { detail: 'The interview option is deactivated' });
      await this.laasMoedetider(tx, id);
      await tx.moedetilbud.update({ where: { id }, data: { ...tilbudKolonner(input), opdateret: now } });
      const ider = await gemSagsbehandlere(tx, t.kommunekode, input.sagsbehandlere, '/sagsbehandlere');
      // Caseworkers no longer on the offer leave it and its slots (cascade); existing bookings keep theirs.
      await tx.moedetilbudSagsbehandler.deleteMany({ where: { moedetilbudId: id, sagsbehandlerId: { notIn: [...ider.values()] } } });
      await tx.moedetilbudSagsbehandler.createMany({ data: [...ider.values()].map((sagsbehandlerId) => ({ moedetilbudId: id, sagsbehandlerId })), skipDuplicates: true });
      // A slot left without caseworkers (all of its were removed) gets all of the offer's: a meeting always has one.
      await tx.$executeRaw`INSERT INTO moedetid_sagsbehandler ("moedetidId", "moedetilbudId", "sagsbehandlerId")
        SELECT m.id, m."moedetilbudId", ts."sagsbehandlerId" FROM moedetid m JOIN moedetilbud_sagsbehandler ts ON ts."moedetilbudId" = m."moedetilbudId"
        WHERE m."moedetilbudId" = ${id}::uuid AND NOT EXISTS (SELECT 1 FROM moedetid_sagsbehandler x WHERE x."moedetidId" = m.id)`;
      // The slots follow the offer's rebooking and cancellation possibilities and keep only its samtaleformer.
      await tx.$executeRaw`UPDATE moedetid SET "ombookingMulig" = ${input.ombookingMulig}, "aflysningMulig" = ${input.aflysningMulig},
          samtaleformer = COALESCE(NULLIF(ARRAY(SELECT f FROM unnest(samtaleformer) f WHERE f = ANY(${input.samtaleformer}::smallint[])), '{}'), ${input.samtaleformer}::smallint[])
        WHERE "moedetilbudId" = ${id}::uuid`;
    }, TX);
    return (await laesTilbud(this.prisma, id, now))!;
  }

  /**
   * Deactivates the offer AND its slots, under the slots' locks: a booking, hold or summons that read
   * the offer as active either committed first (this waits for its slot lock, and the answer counts
   * it) or finds its slot inactive under the lock (4819). Existing meetings and holds keep their seats.
   */
  async deaktiverMoedetilbud(p: Principal, moedetilbudId: string): Promise<PlanMoedetilbud> {
    const now = this.clock.now();
    const id = await this.prisma.$transaction(async (tx) => {
      const t = await this.eget(tx, p, moedetilbudId, { laas: true });
      await this.laasMoedetider(tx, t.id);
      await tx.$executeRaw`UPDATE moedetid SET aktiv = false WHERE "moedetilbudId" = ${t.id}::uuid AND aktiv`;
      if (t.aktiv) await tx.moedetilbud.update({ where: { id: t.id }, data: { aktiv: false, opdateret: now } });
      return t.id;
    }, TX);
    return (await laesTilbud(this.prisma, id, now))!;
  }

  async hentMoedetilbud(p: Principal, moedetilbudId: string): Promise<PlanMoedetilbud> {
    const t = await this.eget(this.prisma, p, moedetilbudId);
    return (await laesTilbud(this.prisma, t.id, this.clock.now()))!;
  }

  async listMoedetilbud(p: Principal, q: { aktiv?: boolean; samtaleType?: number; antal?: number }): Promise<{ moedetilbud: PlanMoedetilbud[] }> {
    const { kommunekode } = planlaegger(p);
    const now = this.clock.now();
    // An interview type outside the code list matches no offer (and would not fit the column).
    if (q.samtaleType !== undefined && !erSamtaleType(q.samtaleType)) return { moedetilbud: [] };
    const rows = await this.prisma.moedetilbud.findMany({
      where: { ...(kommunekode ? { kommunekode } : {}), ...(q.aktiv !== undefined ? { aktiv: q.aktiv } : {}), ...(q.samtaleType !== undefined ? { samtaleType: q.samtaleType } : {}) },
      orderBy: [{ oprettet: 'desc' }, { id: 'asc' }],
      take: q.antal ?? 50,
      select: { id: true },
    });
    const moedetilbud: PlanMoedetilbud[] = [];
    for (const r of rows) {
      const t = await laesTilbud(this.prisma, r.id, now);
      if (t) moedetilbud.push(t);
    }
    return { moedetilbud };
  }

  // --- slots ----------------------------------------------------------------------------------

  async opretMoedetider(p: Principal, moedetilbudId: string, input: MoedetiderInput): Promise<{ moedetider: PlanMoedetid[] }> {
    const now = this.clock.now();
    const id = moedetilbudId.toLowerCase();
    const nye = await this.prisma.$transaction(async (tx) => {
      const t = await this.eget(tx, p, id, { laas: true });
      if (!t.aktiv) throw new RuleViolation(8108, { detail: 'The interview option is deactivated' });
      const tilbud = await tx.moedetilbud.findUniqueOrThrow({ where: { id }, include: { sagsbehandlere: { include: { sagsbehandler: true } } } });
      const ider = new Map(tilbud.sagsbehandlere.map((s) => [s.sagsbehandler.eksterntId, s.sagsbehandlerId]));
      const ramme = { samtaleformer: tilbud.samtaleformer, foersteMoedetid: tilbud.foersteMoedetid, sidsteMoedetid: tilbud.sidsteMoedetid, sagsbehandlere: [...ider.keys()] };
      const v: RuleViolation[] = [];
      const starter = new Set<number>();
      input.moedetider.forEach((m, i) => {
        v.push(...moedetidsRegler(m, ramme, now, `/moedetider/${i}`));
        const s = Date.parse(m.starttidspunkt);
        if (starter.has(s)) v.push(new RuleViolation(9941, { felt: `/moedetider/${i}/starttidspunkt` }));
        starter.add(s);
      });
      throwViolations(v);
      const flags = { samtaleformer: tilbud.samtaleformer, ombookingMulig: tilbud.ombookingFristMinutter !== null, aflysningMulig: tilbud.aflysningFristMinutter !== null };
      const nyeIder = await indsaetMoedetider(tx, id, flags, input.moedetider, ider, '/moedetider');
      await tx.moedetilbud.update({ where: { id }, data: { opdateret: now } });
      return nyeIder;
    }, TX);
    const tilbud = (await laesTilbud(this.prisma, id, now))!;
    return { moedetider: tilbud.moedetider.filter((m) => nye.includes(m.moedetidId)) };
  }

  /**
   * New seats (and optionally samtaleformer and caseworkers) of a slot. Under the slot's row lock:
   * expired holds are released first (as the citizen side does), then fewer seats than are taken
   * (active bookings and holds) is refused with 9942.
   */
  async opdaterMoedetid(p: Principal, moedetilbudId: string, moedetidId: string, input: MoedetidOpdatering): Promise<PlanMoedetid> {
    const now = this.clock.now();
    const id = moedetilbudId.toLowerCase();
    const mid = moedetidId.toLowerCase();
    await this.prisma.$transaction(async (tx) => {
      const t = await this.eget(tx, p, id, { laas: true });
      if (!t.aktiv) throw new RuleViolation(8108, { detail: 'The interview option is deactivated' });
      const slot = await tx.$queryRaw<{ id: string; optagnePladser: number }[]>`
        SELECT id, "optagnePladser" FROM moedetid WHERE id = ${mid}::uuid AND "moedetilbudId" = ${id}::uuid FOR UPDATE`;
      if (slot.length === 0) throw new RuleViolation(4589, { felt: '/moedetidId', detail: 'The timeslot is unknown on this interview option' });
      const tilbud = await tx.moedetilbud.findUniqueOrThrow({ where: { id }, include: { sagsbehandlere: { include: { sagsbehandler: true } } } });
      const ider = new Map(tilbud.sagsbehandlere.map((s) => [s.sagsbehandler.eksterntId, s.sagsbehandlerId]));
      throwViolations(samtaleformOgSagsbehandlerRegler(input, { samtaleformer: tilbud.samtaleformer, sagsbehandlere: [...ider.keys()] }, ''));
      const frigivet = await tx.$executeRaw`UPDATE moedetid_hold SET status = 'Udloebet' WHERE "moedetidId" = ${mid}::uuid AND status = 'Aktiv' AND udloeber <= ${now}::timestamptz`;
      const optagne = slot[0].optagnePladser - frigivet;
      if (input.maksimaltMoededeltagerantal < optagne) {
        throw new RuleViolation(9942, {
          felt: '/maksimaltMoededeltagerantal',
          detail: `The timeslot has ${optagne} seats taken by bookings and holds; it cannot have fewer seats (${input.maksimaltMoededeltagerantal})`,
        });
      }
      await tx.$executeRaw`UPDATE moedetid SET pladser = ${input.maksimaltMoededeltagerantal}::int, "optagnePladser" = ${optagne}::int,
          samtaleformer = COALESCE(${input.samtaleformer ?? null}::smallint[], samtaleformer)
        WHERE id = ${mid}::uuid`;
      if (input.sagsbehandlerEksterntIder) {
        await tx.moedetidSagsbehandler.deleteMany({ where: { moedetidId: mid } });
        if (input.sagsbehandlerEksterntIder.length > 0) {
          await tx.moedetidSagsbehandler.createMany({ data: input.sagsbehandlerEksterntIder.map((e) => ({ moedetidId: mid, moedetilbudId: id, sagsbehandlerId: ider.get(e)! })) });
        }
      }
      await tx.moedetilbud.update({ where: { id }, data: { opdateret: now } });
    }, TX);
    const tilbud = (await laesTilbud(this.prisma, id, now))!;
    return tilbud.moedetider.find((m) => m.moedetidId === mid)!;
  }

  /** Deactivates a slot: it is no longer offered or bookable (the citizen gets 4819); its bookings stay. */
  async deaktiverMoedetid(p: Principal, moedetilbudId: string, moedetidId: string): Promise<PlanMoedetid> {
    const now = this.clock.now();
    const t = await this.eget(this.prisma, p, moedetilbudId);
    const mid = moedetidId.toLowerCase();
    const n = await this.prisma.moedetid.updateMany({ where: { id: mid, moedetilbudId: t.id }, data: { aktiv: false } });
    if (n.count === 0) throw new RuleViolation(4589, { felt: '/moedetidId', detail: 'The timeslot is unknown on this interview option' });
    const tilbud = (await laesTilbud(this.prisma, t.id, now))!;
    return tilbud.moedetider.find((m) => m.moedetidId === mid)!;
  }

  // --- bookings per offer and slot --------------------------------------------------------------

  async bookinger(p: Principal, moedetilbudId: string, moedetidId?: string, q: { alle?: boolean } = {}): Promise<{ bookinger: PlanBookingT[] }> {
    const t = await this.eget(this.prisma, p, moedetilbudId);
    const mid = moedetidId?.toLowerCase();
    if (mid) {
      const slot = await this.prisma.moedetid.findFirst({ where: { id: mid, moedetilbudId: t.id }, select: { id: true } });
      if (!slot) throw new RuleViolation(4589, { felt: '/moedetidId', detail: 'The timeslot is unknown on this interview option' });
    }
    const rows = await this.prisma.indkaldelse.findMany({
      where: { moedetilbudId: t.id, ...(mid ? { moedetidId: mid } : {}), ...(q.alle ? {} : { status: 'Aktiv' }) },
      include: { sagsbehandler: { select: { eksterntId: true } } },
      orderBy: [{ starttidspunkt: 'asc' }, { oprettet: 'asc' }, { id: 'asc' }],
      take: 5000,
    });
    return {
      bookinger: rows.map((r) => ({
        indkaldelseId: r.id,
        cpr: r.cpr,
        moedetilbudId: t.id,
        ...(r.moedetidId ? { moedetidId: r.moedetidId } : {}),
        starttidspunkt: iso(r.starttidspunkt),
        samtaleformType: r.samtaleform,
        sagsbehandlerEksterntId: r.sagsbehandler.eksterntId,
        oprindelse: r.oprindelse as PlanBookingT['oprindelse'],
        status: r.status as PlanBookingT['status'],
        accepteret: r.accepteret,
        oprettet: iso(r.oprettet),
      })),
    };
  }

  // --- deadlines --------------------------------------------------------------------------------

  async frister(p: Principal, cpr: string): Promise<{ frister: PlanFristT[] }> {
    planlaegger(p);
    requireKnown(await readBorgerStatus(this.prisma, cpr));
    const rows = await this.prisma.bookingFrist.findMany({ where: { cpr }, orderBy: { samtaleType: 'asc' } });
    return { frister: rows.map(tilFrist) };
  }

  /**
   * Sets (creates or replaces) the citizen's deadline for an interview type. The deadline day must not
   * be before today (4783), the last meeting day not before it (4792); unknown type 4709, unknown
   * status 1014.
   */
  async saetFrist(p: Principal, cpr: string, samtaleType: number, input: FristInput): Promise<PlanFristT> {
    planlaegger(p);
    const v: RuleViolation[] = [];
    if (!(SAMTALETYPE_KODER as readonly number[]).includes(samtaleType)) v.push(new RuleViolation(4709, { felt: '/samtaleType' }));
    if (!(FRISTSTATUS_KODER as readonly number[]).includes(input.friststatusType)) {
      v.push(new RuleViolation(1014, { felt: '/friststatusType', detail: `Unknown friststatusType; the code list has ${FRISTSTATUS_KODER.join(', ')}` }));
    }
    if (input.fristdato < today(this.clock)) v.push(new RuleViolation(4783, { felt: '/fristdato', detail: 'The deadline cannot be before today' }));
    if (input.sidsteAfholdelsesdato < input.fristdato) v.push(new RuleViolation(4792, { felt: '/sidsteAfholdelsesdato', detail: 'The last meeting day cannot be before the deadline' }));
    throwViolations(v);
    requireLiving(await readBorgerStatus(this.prisma, cpr));
    const now = this.clock.now();
    const data = {
      friststatusType: input.friststatusType,
      fristdato: new Date(`${input.fristdato}T00:00:00.000Z`),
      sidsteAfholdelsesdato: new Date(`${input.sidsteAfholdelsesdato}T00:00:00.000Z`),
      straksbooking: input.straksbookingPaakraevet ?? false,
      opdateret: now,
    };
    const row = await this.prisma.bookingFrist.upsert({
      where: { cpr_samtaleType: { cpr, samtaleType } },
      create: { id: randomUUID(), cpr, samtaleType, ...data, oprettet: now },
      update: data,
    });
    return tilFrist(row);
  }

  async sletFrist(p: Principal, cpr: string, samtaleType: number): Promise<void> {
    planlaegger(p);
    const n = erSamtaleType(samtaleType) ? await this.prisma.bookingFrist.deleteMany({ where: { cpr, samtaleType } }) : { count: 0 };
    if (n.count === 1) return;
    requireKnown(await readBorgerStatus(this.prisma, cpr));
    throw new RuleViolation(4589, { felt: '/samtaleType', detail: 'The citizen has no deadline for this interview type' });
  }

  // --- summons ------------------------------------------------------------------------------------

  /**
   * Summons the citizen (CreateIndkaldelse). Every rule of the summons is checked and all broken ones
   * answered together (4783, 4792, 8126-8136, 8270, code lists). With `moedetilbudId` the summons is on
   * the caller's offer (8108) of the same interview type (4709): at `moedeStarttidspunkt` there must be an
   * active slot of the offer with a free seat, which the summons takes under the slot's lock (4819); the
   * citizen can later rebook within the offer. At most one active meeting per interview type: 9220
   * (Opfoelgningssamtale), 8273 (every other type), as on the citizen side.
   */
  async opretIndkaldelse(p: Principal, cpr: string, input: IndkaldelseInput): Promise<{ indkaldelseId: string; moedetidId?: string }> {
    const now = this.clock.now();
    const k = input.kontaktDetaljer;
    const v = [
      ...kodeRegler({ samtaleType: input.samtaleType, moedeGruppeType: input.moedeGruppeType, samtaleformer: [input.samtaleformType] }, { samtaleformer: '/samtaleformType' }),
      ...indkaldelsesRegler(
        {
          moedeStarttidspunkt: input.moedeStarttidspunkt,
          moedeSluttidspunkt: input.moedeSluttidspunkt,
          moedeVarighed: input.moedeVarighed,
          samtaleType: input.samtaleType,
          ombookingMulig: input.ombookingMulig,
          ombookingFrist: input.ombookingFrist,
          aflysningMulig: input.aflysningMulig,
          aflysningFrist: input.aflysningFrist,
          kraeverAdresse: input.samtaleformType === PERSONLIGT_FREMMOEDE,
          harAdresse: Boolean(input.moedeLokation?.adresse),
          borgerSkalRinge: k?.borgerSkalRinge === true,
          harTelefonnummer: Boolean(k?.telefonnummer),
        },
        now,
      ),
    ].map((x) => (x.fejl[0].felt === '/samtaleformType/0' ? new RuleViolation(4708, { felt: '/samtaleformType' }) : x));
    throwViolations(v);
    requireLiving(await readBorgerStatus(this.prisma, cpr));
    const id = randomUUID();
    const start = new Date(input.moedeStarttidspunkt);
    const slut = input.moedeSluttidspunkt ? new Date(input.moedeSluttidspunkt) : new Date(start.getTime() + (input.moedeVarighed ?? 0) * 60_000);
    const a = input.moedeLokation?.adresse;
    try {
      return await this.prisma.$transaction(async (tx) => {
        let moedetidId: string | undefined;
        let moedetilbudId: string | undefined;
        let kommunekode: string;
        if (input.moedetilbudId) {
          const t = await this.eget(tx, p, input.moedetilbudId);
          if (!t.aktiv) throw new RuleViolation(8108, { felt: '/moedetilbudId', detail: 'The interview option is deactivated' });
          if (input.kommunekode !== undefined && input.kommunekode !== t.kommunekode) {
            throw new RuleViolation(1014, { felt: '/kommunekode', detail: 'A summons on an offer is from the offer\'s job centre' });
          }
          moedetilbudId = t.id;
          kommunekode = t.kommunekode;
          const tilbud = await tx.moedetilbud.findUniqueOrThrow({ where: { id: t.id }, select: { samtaleType: true, foersteMoedetid: true, sidsteMoedetid: true } });
          if (tilbud.samtaleType !== input.samtaleType) throw new RuleViolation(4709, { felt: '/samtaleType', detail: 'A summons on an offer has the offer\'s interview type' });
          if ((tilbud.foersteMoedetid && start < tilbud.foersteMoedetid) || (tilbud.sidsteMoedetid && start > tilbud.sidsteMoedetid)) throw new RuleViolation(8109, { felt: '/moedeStarttidspunkt' });
          // The slot's lock, then a seat: the same discipline as every booking (docs/borgerbooking.md).
          const slot = await tx.$queryRaw<{ id: string; pladser: number; optagnePladser: number; aktiv: boolean; samtaleformer: number[] }[]>`
            SELECT id, pladser, "optagnePladser", aktiv, samtaleformer::int[] AS samtaleformer FROM moedetid WHERE "moedetilbudId" = ${t.id}::uuid AND starttidspunkt = ${start}::timestamptz FOR UPDATE`;
          const s = slot[0];
          if (!s || !s.aktiv) throw new RuleViolation(4819, { felt: '/moedeStarttidspunkt', detail: 'The offer has no active timeslot at this time' });
          if (!s.samtaleformer.includes(input.samtaleformType)) throw new RuleViolation(4708, { felt: '/samtaleformType', detail: 'The timeslot does not offer this samtaleform' });
          const frigivet = await tx.$executeRaw`UPDATE moedetid_hold SET status = 'Udloebet' WHERE "moedetidId" = ${s.id}::uuid AND status = 'Aktiv' AND udloeber <= ${now}::timestamptz`;
          if (s.optagnePladser - frigivet >= s.pladser) throw new RuleViolation(4819, { felt: '/moedeStarttidspunkt', detail: 'The timeslot has no free seat' });
          await tx.$executeRaw`UPDATE moedetid SET "optagnePladser" = ${s.optagnePladser - frigivet + 1}::int WHERE id = ${s.id}::uuid`;
          moedetidId = s.id;
        } else {
          kommunekode = kommuneForNyt(p, input.kommunekode);
        }
        const [sagsbehandlerId] = [...(await gemSagsbehandlere(tx, kommunekode, [input.sagsbehandler], '/sagsbehandler')).values()];
        await tx.indkaldelse.create({
          data: {
            id,
            cpr,
            moedetilbudId: moedetilbudId ?? null,
            moedetidId: moedetidId ?? null,
            oprindelse: 'Indkaldt',
            status: 'Aktiv',
            organisationKode: Number(kommunekode),
            organisationType: ORGANISATIONSTYPE_JOBCENTER,
            borgerSkalAcceptere: input.borgerSkalAcceptere,
            accepteret: false,
            ombookingMulig: input.ombookingMulig,
            ombookingFrist: input.ombookingFrist ? new Date(input.ombookingFrist) : null,
            aflysningMulig: input.aflysningMulig,
            aflysningFrist: input.aflysningFrist ? new Date(input.aflysningFrist) : null,
            selvbooket: false,
            straksbooking: false,
            obligatoriskFremmoede: input.obligatoriskFremmoede,
            starttidspunkt: start,
            sluttidspunkt: slut,
            samtaleType: input.samtaleType,
            moedeGruppeType: input.moedeGruppeType,
            samtaleform: input.samtaleformType,
            moedetitel: input.moedetitel,
            moedebeskrivelse: input.moedebeskrivelse ?? null,
            referencesamtale: input.referencesamtale ?? false,
            sagsbehandlerId: sagsbehandlerId!,
            visSagsbehandler: input.visSagsbehandler ?? true,
            lokationsuddybning: input.moedeLokation?.lokationsuddybning ?? null,
            bygningsnavn: a?.bygningsnavn ?? null,
            vejnavn: a?.vejnavn ?? null,
            vejnavnForkortet: a?.vejnavnForkortet ?? null,
            husnummer: a?.husnummer ?? null,
            etage: a?.etage ?? null,
            sideDoer: a?.sideDoer ?? null,
            omraade: a?.omraade ?? null,
            postboks: a?.postboks ?? null,
            postnummer: a?.postnummer ?? null,
            bynavn: a?.bynavn ?? null,
            landekode: a?.landekode ?? null,
            digitalKontakt: k?.digitalKontakt ?? null,
            telefonnummer: k?.telefonnummer ?? null,
            borgerSkalRinge: k?.borgerSkalRinge ?? null,
            akasseDeltager: input.akasseDeltager ?? null,
            flereMyndigheder: input.flereMyndigheder ?? null,
            deltagere: input.deltagere ? (input.deltagere as Prisma.InputJsonValue) : Prisma.DbNull,
            oprettet: now,
            opdateret: now,
          },
        });
        return { indkaldelseId: id, ...(moedetidId ? { moedetidId } : {}) };
      }, TX);
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        // As on the citizen side: 9220 for an Opfoelgningssamtale, 8273 for every other type.
        throw alleredeBooket(input.samtaleType);
      }
      throw err;
    }
  }

  /** Cancels a summons the caller made (a job centre: its own organisation's); releases its seat. */
  async annullerIndkaldelse(p: Principal, cpr: string, indkaldelseId: string): Promise<void> {
    const { kommunekode } = planlaegger(p);
    const now = this.clock.now();
    const id = indkaldelseId.toLowerCase();
    // The meeting is read without a lock; if the citizen moved it to another slot before this locked
    // the slot read, nothing is changed and the whole transaction runs again on a fresh read.
    for (let forsoeg = 0; forsoeg < 5; forsoeg++) {
      const faerdig = await this.prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; cpr: string; status: string; moedetidId: string | null; organisationKode: number; oprindelse: string }[]>`
          SELECT id, cpr, status, "moedetidId", "organisationKode", oprindelse FROM indkaldelse WHERE id = ${id}::uuid`;
        const r = rows[0];
        if (!r || (kommunekode && (r.oprindelse !== 'Indkaldt' || r.organisationKode !== Number(kommunekode)))) throw new RuleViolation(4768, { felt: '/indkaldelseId' });
        if (r.cpr !== cpr) throw new RuleViolation(8107, { felt: '/indkaldelseId' });
        if (r.status !== 'Aktiv') return true;
        // The slot's lock first (every seat change runs under it), then the meeting and the seat.
        if (r.moedetidId) await tx.$queryRaw`SELECT id FROM moedetid WHERE id = ${r.moedetidId}::uuid FOR UPDATE`;
        const n = await tx.$executeRaw`UPDATE indkaldelse SET status = 'Aflyst', "aflystTidspunkt" = ${now}::timestamptz, opdateret = ${now}::timestamptz
          WHERE id = ${id}::uuid AND status = 'Aktiv' AND "moedetidId" IS NOT DISTINCT FROM ${r.moedetidId}::uuid`;
        if (n === 0) return false;
        if (r.moedetidId) await tx.$executeRaw`UPDATE moedetid SET "optagnePladser" = "optagnePladser" - 1 WHERE id = ${r.moedetidId}::uuid`;
        return true;
      }, TX);
      if (faerdig) return;
    }
    throw new RuleViolation(4768, { felt: '/indkaldelseId', detail: 'The meeting was changed by other requests at the same time' });
  }

  // --- error reports ------------------------------------------------------------------------------

  /** The error reports, newest first; a job centre sees those about its offers and its summons. */
  async fejlmeldinger(p: Principal, q: FejlmeldingQueryT): Promise<{ fejlmeldinger: PlanFejlmeldingT[] }> {
    const { kommunekode } = planlaegger(p);
    const rows = await this.prisma.fejlmelding.findMany({
      where: {
        ...(q.fra ? { modtaget: { gte: new Date(q.fra), ...(q.til ? { lt: new Date(q.til) } : {}) } } : q.til ? { modtaget: { lt: new Date(q.til) } } : {}),
        ...(q.fejlOphav !== undefined ? { fejlOphav: q.fejlOphav } : {}),
        ...(q.moedetilbudId ? { moedetilbudId: q.moedetilbudId.toLowerCase() } : {}),
        ...(kommunekode
          ? { OR: [{ moedetilbud: { kommunekode } }, { indkaldelse: { organisationKode: Number(kommunekode), oprindelse: 'Indkaldt' } }] }
          : {}),
      },
      orderBy: [{ modtaget: 'desc' }, { id: 'asc' }],
      take: q.antal ?? 100,
    });
    return {
      fejlmeldinger: rows.map((r) => ({
        fejlmeldingId: r.id,
        cpr: r.cpr,
        ...(r.moedetilbudId ? { moedetilbudId: r.moedetilbudId } : {}),
        ...(r.indkaldelseId ? { indkaldelseId: r.indkaldelseId } : {}),
        fejlkode: r.fejlkode,
        ...(r.fejltekst ? { fejltekst: r.fejltekst } : {}),
        fejlOphav: r.fejlOphav,
        fejlTidspunkt: iso(r.fejlTidspunkt),
        modtaget: iso(r.modtaget),
      })),
    };
  }
}

function tilFrist(r: { samtaleType: number; friststatusType: number; fristdato: Date; sidsteAfholdelsesdato: Date; straksbooking: boolean }): PlanFristT {
  return {
    samtaleType: r.samtaleType,
    friststatusType: r.friststatusType,
    fristdato: r.fristdato.toISOString().slice(0, 10),
    sidsteAfholdelsesdato: r.sidsteAfholdelsesdato.toISOString().slice(0, 10),
    straksbookingPaakraevet: r.straksbooking,
  };
}
