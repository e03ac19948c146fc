/**
 * DatabasePlanner: the planning system kept in this service's PostgreSQL (planner.ts).
 *
 * Seats (docs/borgerbooking.md, "Seats under concurrency" and "Round trips"). Every change of a
 * slot's seats runs in one transaction that FIRST locks the slot row(s) it touches with SELECT ...
 * FOR UPDATE, several slots always in id order (a rebooking locks old and new together), so two
 * transactions on the same slot run one after the other and two rebookings in opposite directions
 * cannot deadlock. Under that lock the transaction (a booking, hold or rebooking: ONE statement of
 * data-modifying CTEs after the lock statement):
 * - releases the slot's expired holds (status Udloebet, optagnePladser minus their count): holds
 *   expire lazily, no timer is needed;
 * - takes a seat with a conditional UPDATE (optagnePladser + 1 WHERE optagnePladser < pladser), or
 *   confirms the citizen's hold, whose seat is already counted;
 * - writes the meeting (or the hold), and for a rebooking releases the old slot's seat.
 * moedetid.optagnePladser counts active holds and active or held meetings, and the CHECK
 * 0 <= optagnePladser <= pladser makes any bug that would overbook fail instead.
 * "One active meeting per citizen and samtaleType" is the partial unique index
 * indkaldelse_en_aktiv_pr_samtaletype: of two concurrent bookings (a double click with two request
 * ids) the second waits for the first's commit and then violates it; the whole transaction rolls
 * back, seat included, and the citizen gets 8273 (9220 for an Opfoelgningssamtale).
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { Prisma } from '../../generated/prisma/client';
import { RuleViolation } from '../../domain/errors';
import { OPFOELGNINGSSAMTALE, UDEN_OMBOOKING } from './koder';
import type {
  Booking,
  BookingFakta,
  BorgerRow,
  FristRow,
  IndkaldelseRow,
  IsammeTransaktion,
  MoedetiderFakta,
  MoedetidRow,
  MoedetilbudRow,
  NyFejlmelding,
  Ombooking,
  OmbookingFakta,
  Pladsvalg,
  Planlaegningssystem,
  Reservation,
  SagsbehandlerRow,
} from './planner';

const SAGSBEHANDLER_JSON = Prisma.sql`json_build_object('id', s.id, 'eksterntId', s."eksterntId", 'fornavne', s.fornavne, 'mellemnavn', s.mellemnavn,
  'efternavn', s.efternavn, 'telefonnummer', s.telefonnummer)`;

const TILBUD_SELECT = Prisma.sql`SELECT t.id, t.kommunekode, t."samtaleType", t."moedeGruppeType", t.samtaleformer, t.lokationsuddybning, t.vejnavn, t.husnummer,
    t.etage, t."sideDoer", t.postnummer, t.bynavn, t.landekode, t."moedeVarighed", t."foersteMoedetid", t."sidsteMoedetid", t."selvbookingTilladt",
    t."borgerKanVaelgeSagsbehandler", t.straksbooking, t.moedetitel, t.moedebeskrivelse, t."obligatoriskFremmoede", t."ombookingFristMinutter",
    t."aflysningFristMinutter", t.aktiv,
    COALESCE((SELECT json_agg(${SAGSBEHANDLER_JSON} ORDER BY s.id) FROM moedetilbud_sagsbehandler ms JOIN booking_sagsbehandler s ON s.id = ms."sagsbehandlerId"
              WHERE ms."moedetilbudId" = t.id), '[]'::json) AS sagsbehandlere
  FROM moedetilbud t`;

const INDKALDELSE_SELECT = Prisma.sql`SELECT i.id, i.cpr, i."moedetilbudId", i."moedetidId", i.oprindelse, i.status, i."organisationKode", i."organisationType",
    i."borgerSkalAcceptere", i.accepteret, i."ombookingMulig", i."ombookingFrist", i."aflysningMulig", i."aflysningFrist", i.selvbooket, i.straksbooking,
    i."obligatoriskFremmoede", i.starttidspunkt, i.sluttidspunkt, i."samtaleType", i."moedeGruppeType", i.samtaleform, i.moedetitel, i.moedebeskrivelse,
    i.referencesamtale, i."visSagsbehandler", i.lokationsuddybning, i.bygningsnavn, i.vejnavn, i."vejnavnForkortet", i.husnummer, i.etage, i."sideDoer",
    i.omraade, i.postboks, i.postnummer, i.bynavn, i.landekode, i."digitalKontakt", i.telefonnummer, i."borgerSkalRinge", i."akasseDeltager",
    i."flereMyndigheder", i.deltagere, ${SAGSBEHANDLER_JSON} AS sagsbehandler
  FROM indkaldelse i JOIN booking_sagsbehandler s ON s.id = i."sagsbehandlerId"`;

/** The citizen's facts as JSON (null when unknown). */
const BORGER_JSON = (cpr: string) =>
  Prisma.sql`(SELECT json_build_object('doed', doedsdato IS NOT NULL, 'kontaktgruppe', kontaktgruppe) FROM borger WHERE cpr = ${cpr})`;

/** One offer as JSON (null when unknown); tilbudFraJson turns its times back into Dates. */
const TILBUD_JSON = (id: string) => Prisma.sql`(SELECT row_to_json(x) FROM (${TILBUD_SELECT} WHERE t.id = ${id}::uuid) x)`;

/** The citizen's deadlines as a JSON array (as frister()). */
const FRISTER_JSON = (cpr: string) =>
  Prisma.sql`COALESCE((SELECT json_agg(f ORDER BY f.fristdato, f."samtaleType") FROM (SELECT "friststatusType", "samtaleType", to_char(fristdato, 'YYYY-MM-DD') AS fristdato,
    to_char("sidsteAfholdelsesdato", 'YYYY-MM-DD') AS "sidsteAfholdelsesdato", straksbooking FROM booking_frist WHERE cpr = ${cpr}) f), '[]'::json)`;

const SAGSBEHANDLER_VED_EKSTERNT_ID = (eksterntId: string | null) =>
  Prisma.sql`(SELECT ${SAGSBEHANDLER_JSON} FROM booking_sagsbehandler s WHERE ${eksterntId}::text IS NOT NULL AND s."eksterntId" = ${eksterntId}::text)`;

function tilbudFraJson(t: MoedetilbudRow): MoedetilbudRow {
  return {
    ...t,
    foersteMoedetid: t.foersteMoedetid === null ? null : new Date(t.foersteMoedetid),
    sidsteMoedetid: t.sidsteMoedetid === null ? null : new Date(t.sidsteMoedetid),
  };
}

/** The active slots of an offer starting in [max(fra, now), til], with free seats counted at `now`. */
function moedetiderSelect(moedetilbudId: string, fra: Date, til: Date, now: Date): Prisma.Sql {
  const start = fra > now ? fra : now;
  return Prisma.sql`SELECT m.id, m."moedetilbudId", m.starttidspunkt, m.pladser,
        m.pladser - m."optagnePladser"
          + (SELECT count(*)::int FROM moedetid_hold h WHERE h."moedetidId" = m.id AND h.status = 'Aktiv' AND h.udloeber <= ${now}::timestamptz) AS "ledigePladser",
        m.samtaleformer, m."ombookingMulig", m."aflysningMulig", m.aktiv,
        ARRAY(SELECT ms."sagsbehandlerId" FROM moedetid_sagsbehandler ms WHERE ms."moedetidId" = m.id ORDER BY 1) AS "sagsbehandlerIder"
      FROM moedetid m
      WHERE m."moedetilbudId" = ${moedetilbudId}::uuid AND m.aktiv AND m.starttidspunkt >= ${start}::timestamptz AND m.starttidspunkt <= ${til}::timestamptz
      ORDER BY m.starttidspunkt LIMIT 1000`;
}

/** The slot row under its lock. */
interface LaastMoedetid {
  id: string;
  pladser: number;
  optagnePladser: number;
  samtaleformer: number[];
  ombookingMulig: boolean;
  aflysningMulig: boolean;
  aktiv: boolean;
  sagsbehandlerIder: number[];
}

type Query = (s: Prisma.Sql) => Promise<unknown[]>;

/** A unique violation of the named index (SQLSTATE 23505). */
function uniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}

/** 8273 "already has a booking of type Jobsamtale", 9220 for Opfoelgningssamtale (docs/borgerbooking.md: 8273 for the other types too). */
export function alleredeBooketKode(samtaleType: number): 8273 | 9220 {
  return samtaleType === OPFOELGNINGSSAMTALE ? 9220 : 8273;
}

export function alleredeBooket(samtaleType: number): RuleViolation {
  const kode = alleredeBooketKode(samtaleType);
  return new RuleViolation(kode, kode === 9220 || samtaleType === 1 ? {} : { detail: `Citizen already has an active booking of interview type ${samtaleType}` });
}

/** The rebooking and cancellation possibilities and deadlines of a self-booked meeting in a slot. */
export function fristerForMoedetid(tilbud: MoedetilbudRow, slot: { ombookingMulig: boolean; aflysningMulig: boolean }, start: Date) {
  const straks = tilbud.straksbooking;
  const ombookingMulig =
    !straks && slot.ombookingMulig && tilbud.ombookingFristMinutter !== null && !(UDEN_OMBOOKING as readonly number[]).includes(tilbud.samtaleType);
  const aflysningMulig = !straks && slot.aflysningMulig && tilbud.aflysningFristMinutter !== null;
  return {
    ombookingMulig,
    ombookingFrist: ombookingMulig ? new Date(start.getTime() - tilbud.ombookingFristMinutter! * 60_000) : null,
    aflysningMulig,
    aflysningFrist: aflysningMulig ? new Date(start.getTime() - tilbud.aflysningFristMinutter! * 60_000) : null,
  };
}

export class DatabasePlanner implements Planlaegningssystem {
  constructor(private readonly pool: Pool) {}

  private async rows<T>(s: Prisma.Sql): Promise<T[]> {
    return (await this.pool.query(s.text, s.values)).rows as T[];
  }

  /** Runs `fn` in one transaction on one connection (READ COMMITTED; every statement a fresh snapshot). */
  private async transaktion<T>(fn: (q: Query, client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const q: Query = async (s) => (await client.query(s.text, s.values)).rows;
      const result = await fn(q, client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async borger(cpr: string): Promise<BorgerRow | null> {
    const r = await this.rows<BorgerRow>(Prisma.sql`SELECT doedsdato IS NOT NULL AS doed, kontaktgruppe FROM borger WHERE cpr = ${cpr}`);
    return r[0] ?? null;
  }

  async frister(cpr: string): Promise<FristRow[]> {
    return this.rows<FristRow>(Prisma.sql`SELECT "friststatusType", "samtaleType", to_char(fristdato, 'YYYY-MM-DD') AS fristdato,
        to_char("sidsteAfholdelsesdato", 'YYYY-MM-DD') AS "sidsteAfholdelsesdato", straksbooking
      FROM booking_frist WHERE cpr = ${cpr} ORDER BY fristdato, "samtaleType"`);
  }

  async harLedigeSelvbookingstider(now: Date): Promise<boolean> {
    const r = await this.rows<{ findes: boolean }>(Prisma.sql`SELECT EXISTS (
        SELECT 1 FROM moedetid m JOIN moedetilbud t ON t.id = m."moedetilbudId"
        WHERE t.aktiv AND t."selvbookingTilladt" AND NOT t.straksbooking AND m.aktiv AND m.starttidspunkt >= ${now}::timestamptz
          AND m."optagnePladser" < m.pladser) AS findes`);
    return r[0].findes;
  }

  async selvbookingMoedetilbud(filter: { samtaleType?: number; moedeGruppeType?: number }): Promise<MoedetilbudRow[]> {
    return this.rows<MoedetilbudRow>(Prisma.sql`${TILBUD_SELECT}
      WHERE t.aktiv AND t."selvbookingTilladt" AND NOT t.straksbooking
        AND (${filter.samtaleType ?? null}::smallint IS NULL OR t."samtaleType" = ${filter.samtaleType ?? null}::smallint)
        AND (${filter.moedeGruppeType ?? null}::smallint IS NULL OR t."moedeGruppeType" = ${filter.moedeGruppeType ?? null}::smallint)
      ORDER BY t."foersteMoedetid" NULLS LAST, t.moedetitel, t.id LIMIT 200`);
  }

  async moedetilbud(id: string): Promise<MoedetilbudRow | null> {
    const r = await this.rows<MoedetilbudRow>(Prisma.sql`${TILBUD_SELECT} WHERE t.id = ${id}::uuid`);
    return r[0] ?? null;
  }

  async straksbookingMoedetilbud(samtaleType: number): Promise<MoedetilbudRow[]> {
    return this.rows<MoedetilbudRow>(Prisma.sql`${TILBUD_SELECT}
      WHERE t.aktiv AND t.straksbooking AND t."samtaleType" = ${samtaleType}::smallint ORDER BY t.id LIMIT 50`);
  }

  async moedetider(moedetilbudId: string, fra: Date, til: Date, now: Date): Promise<MoedetidRow[]> {
    return this.rows<MoedetidRow>(moedetiderSelect(moedetilbudId, fra, til, now));
  }

  async bookingFakta(cpr: string, moedetilbudId: string, sagsbehandlerEksterntId: string | null, now: Date): Promise<BookingFakta> {
    const r = await this.rows<BookingFakta>(Prisma.sql`SELECT ${BORGER_JSON(cpr)} AS borger, ${TILBUD_JSON(moedetilbudId)} AS moedetilbud,
        ${FRISTER_JSON(cpr)} AS frister,
        ${SAGSBEHANDLER_VED_EKSTERNT_ID(sagsbehandlerEksterntId)} AS sagsbehandler,
        EXISTS (SELECT 1 FROM indkaldelse i JOIN moedetilbud t ON t.id = ${moedetilbudId}::uuid
                WHERE i.cpr = ${cpr} AND i.status = 'Aktiv' AND i."samtaleType" = t."samtaleType" AND i.starttidspunkt >= ${now}::timestamptz) AS "aktivAfTypen",
        EXISTS (SELECT 1 FROM indkaldelse i JOIN moedetilbud t ON t.id = ${moedetilbudId}::uuid
                WHERE i.cpr = ${cpr} AND i.status = 'Aktiv' AND i."samtaleType" = t."samtaleType" AND i.starttidspunkt < ${now}::timestamptz) AS "startetAfTypen"`);
    const f = r[0];
    return { ...f, moedetilbud: f.moedetilbud ? tilbudFraJson(f.moedetilbud) : null };
  }

  async ombookingFakta(cpr: string, indkaldelseId: string, moedetilbudId: string | null, sagsbehandlerEksterntId: string | null): Promise<OmbookingFakta> {
    const r = await this.rows<OmbookingFakta>(Prisma.sql`SELECT ${BORGER_JSON(cpr)} AS borger,
        (SELECT row_to_json(x) FROM (${INDKALDELSE_SELECT} WHERE i.id = ${indkaldelseId}::uuid) x) AS indkaldelse,
        (SELECT row_to_json(x) FROM (${TILBUD_SELECT}
           WHERE t.id = COALESCE(${moedetilbudId}::uuid, (SELECT k."moedetilbudId" FROM indkaldelse k WHERE k.id = ${indkaldelseId}::uuid))) x) AS moedetilbud,
        ${FRISTER_JSON(cpr)} AS frister,
        ${SAGSBEHANDLER_VED_EKSTERNT_ID(sagsbehandlerEksterntId)} AS sagsbehandler`);
    const f = r[0];
    const i = f.indkaldelse;
    return {
      ...f,
      indkaldelse: i
        ? {
            ...i,
            starttidspunkt: new Date(i.starttidspunkt),
            sluttidspunkt: i.sluttidspunkt === null ? null : new Date(i.sluttidspunkt),
            ombookingFrist: i.ombookingFrist === null ? null : new Date(i.ombookingFrist),
            aflysningFrist: i.aflysningFrist === null ? null : new Date(i.aflysningFrist),
          }
        : null,
      moedetilbud: f.moedetilbud ? tilbudFraJson(f.moedetilbud) : null,
    };
  }

  async moedetiderFakta(cpr: string, moedetilbudId: string, eksterntId: string | null, fra: Date, til: Date, now: Date): Promise<MoedetiderFakta> {
    const r = await this.rows<MoedetiderFakta>(Prisma.sql`SELECT ${BORGER_JSON(cpr)} AS borger, ${TILBUD_JSON(moedetilbudId)} AS moedetilbud,
        ${SAGSBEHANDLER_VED_EKSTERNT_ID(eksterntId)} AS sagsbehandler,
        COALESCE((SELECT json_agg(x ORDER BY x.starttidspunkt) FROM (${moedetiderSelect(moedetilbudId, fra, til, now)}) x), '[]'::json) AS moedetider`);
    const f = r[0];
    return {
      ...f,
      moedetilbud: f.moedetilbud ? tilbudFraJson(f.moedetilbud) : null,
      moedetider: f.moedetider.map((m) => ({ ...m, starttidspunkt: new Date(m.starttidspunkt) })),
    };
  }

  async sagsbehandler(eksterntId: string): Promise<SagsbehandlerRow | null> {
    const r = await this.rows<SagsbehandlerRow>(Prisma.sql`SELECT id, "eksterntId", fornavne, mellemnavn, efternavn, telefonnummer
      FROM booking_sagsbehandler WHERE "eksterntId" = ${eksterntId}`);
    return r[0] ?? null;
  }

  async indkaldelse(id: string): Promise<IndkaldelseRow | null> {
    const r = await this.rows<IndkaldelseRow>(Prisma.sql`${INDKALDELSE_SELECT} WHERE i.id = ${id}::uuid`);
    return r[0] ?? null;
  }

  async indkaldelser(cpr: string, fra: Date): Promise<IndkaldelseRow[]> {
    return this.rows<IndkaldelseRow>(Prisma.sql`${INDKALDELSE_SELECT}
      WHERE i.cpr = ${cpr} AND i.status IN ('Aktiv', 'Afholdt') AND i.starttidspunkt >= ${fra}::timestamptz
      ORDER BY i.starttidspunkt, i.id LIMIT 500`);
  }

  // --- Writes -----------------------------------------------------------------------------------

  /** Locks the slots in id order (the one lock order of every seat change) and returns them by id. */
  private async laas(q: Query, ids: string[]): Promise<Map<string, LaastMoedetid>> {
    const unique = [...new Set(ids)].sort();
    const r = (await q(Prisma.sql`SELECT m.id, m.pladser, m."optagnePladser", m.samtaleformer, m."ombookingMulig", m."aflysningMulig", m.aktiv,
        ARRAY(SELECT ms."sagsbehandlerId" FROM moedetid_sagsbehandler ms WHERE ms."moedetidId" = m.id ORDER BY 1) AS "sagsbehandlerIder"
      FROM moedetid m WHERE m.id = ANY(${unique}::uuid[]) ORDER BY m.id FOR UPDATE OF m`)) as LaastMoedetid[];
    return new Map(r.map((m) => [m.id, m]));
  }

  private async frigivPlads(q: Query, moedetidId: string): Promise<void> {
    await q(Prisma.sql`UPDATE moedetid SET "optagnePladser" = "optagnePladser" - 1 WHERE id = ${moedetidId}::uuid`);
  }

  /** The slot's checks under its lock: active, the form offered (4708), the caseworker bookable (9003); returns the caseworker. */
  private vaelg(slot: LaastMoedetid | undefined, p: Pladsvalg): number {
    if (!slot || !slot.aktiv || slot.sagsbehandlerIder.length === 0) throw new RuleViolation(p.optagetKode, { felt: '/moedeStarttidspunkt' });
    if (!slot.samtaleformer.includes(p.samtaleform)) {
      throw new RuleViolation(4708, { felt: '/samtaleformType', detail: `The slot does not offer samtaleform ${p.samtaleform}` });
    }
    if (p.sagsbehandlerId === null) return slot.sagsbehandlerIder[0];
    if (!slot.sagsbehandlerIder.includes(p.sagsbehandlerId)) {
      throw new RuleViolation(9003, { felt: '/sagsbehandlerEksterntId', detail: 'The caseworker cannot be booked at this time' });
    }
    return p.sagsbehandlerId;
  }

  /**
   * Finds the slot of an offer at a start time AND locks it, together with `ogsaa` (more slot ids, as
   * a subquery), in id order (the one lock order of every seat change). Returns the locked slots;
   * the chosen one has valgt = true. The ids are computed once (ARRAY(...), an init plan), so when a
   * lock was waited for, the recheck of the newest row version tests only `id = ANY(ids)`: a join
   * there could drop the row and pass a free slot off as taken.
   */
  private async findOgLaas(q: Query, moedetilbudId: string, start: Date, ogsaa: Prisma.Sql): Promise<(LaastMoedetid & { valgt: boolean })[]> {
    return (await q(Prisma.sql`SELECT m.id, m.pladser, m."optagnePladser", m.samtaleformer, m."ombookingMulig", m."aflysningMulig", m.aktiv,
        ARRAY(SELECT ms."sagsbehandlerId" FROM moedetid_sagsbehandler ms WHERE ms."moedetidId" = m.id ORDER BY 1) AS "sagsbehandlerIder",
        (m."moedetilbudId" = ${moedetilbudId}::uuid AND m.starttidspunkt = ${start}::timestamptz) AS valgt
      FROM moedetid m
      WHERE m.id = ANY(ARRAY(SELECT v.id FROM moedetid v WHERE v."moedetilbudId" = ${moedetilbudId}::uuid AND v.starttidspunkt = ${start}::timestamptz
                             UNION ALL ${ogsaa}))
      ORDER BY m.id FOR UPDATE OF m`)) as (LaastMoedetid & { valgt: boolean })[];
  }

  /**
   * A hold in 4 statements: BEGIN; find and lock the slot with the slots of the citizen's active
   * holds (id order); ONE statement under the lock that releases the citizen's old hold(s) and their
   * seats, releases the slot's expired holds, takes a seat if one is free and inserts the hold; COMMIT.
   * Each hold row and each slot row is changed by one part of that statement only.
   */
  async reserver(r: Reservation): Promise<string> {
    const id = randomUUID();
    try {
      await this.transaktion(async (q) => {
        const laaste = await this.findOgLaas(q, r.moedetilbud.id, r.starttidspunkt,
          Prisma.sql`SELECT h."moedetidId" FROM moedetid_hold h WHERE h.cpr = ${r.cpr} AND h.status = 'Aktiv'`);
        const slot = laaste.find((m) => m.valgt);
        if (!slot) throw new RuleViolation(4819, { felt: '/moedeStarttidspunkt' });
        const sagsbehandlerId = this.vaelg(slot, r);
        const res = (await q(Prisma.sql`WITH gamle AS (
            -- A new hold replaces the citizen's previous one (its seat is released).
            UPDATE moedetid_hold SET status = 'Frigivet'
            WHERE cpr = ${r.cpr} AND status = 'Aktiv' AND "moedetidId" = ANY(${laaste.map((m) => m.id)}::uuid[])
            RETURNING "moedetidId"
          ), udloebne AS (
            UPDATE moedetid_hold SET status = 'Udloebet'
            WHERE "moedetidId" = ${slot.id}::uuid AND status = 'Aktiv' AND udloeber <= ${r.now}::timestamptz AND cpr <> ${r.cpr}
            RETURNING 1
          ), plads AS (
            UPDATE moedetid SET "optagnePladser" = "optagnePladser" - (SELECT count(*) FROM udloebne)::int
                - (SELECT count(*) FROM gamle WHERE "moedetidId" = ${slot.id}::uuid)::int + 1
            WHERE id = ${slot.id}::uuid
              AND "optagnePladser" - (SELECT count(*) FROM udloebne)::int - (SELECT count(*) FROM gamle WHERE "moedetidId" = ${slot.id}::uuid)::int < pladser
            RETURNING 1
          ), andrePladser AS (
            UPDATE moedetid m SET "optagnePladser" = m."optagnePladser" - g.n
            FROM (SELECT "moedetidId", count(*)::int AS n FROM gamle WHERE "moedetidId" <> ${slot.id}::uuid GROUP BY 1) g WHERE m.id = g."moedetidId"
            RETURNING 1
          ), ny AS (
            INSERT INTO moedetid_hold (id, cpr, "moedetidId", "indkaldelseId", samtaleform, "sagsbehandlerId", status, oprettet, udloeber)
            SELECT ${id}::uuid, ${r.cpr}, ${slot.id}::uuid, ${r.indkaldelseId}::uuid, ${r.samtaleform}::smallint, ${sagsbehandlerId}::int, 'Aktiv',
                   ${r.now}::timestamptz, ${r.udloeber}::timestamptz
            WHERE EXISTS (SELECT 1 FROM plads)
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM plads)::int AS plads, (SELECT count(*) FROM ny)::int AS ny, (SELECT count(*) FROM andrePladser)::int AS andre`)) as {
          plads: number;
          ny: number;
        }[];
        if (res[0].plads === 0) throw new RuleViolation(4819, { felt: '/moedeStarttidspunkt' });
        if (res[0].ny !== 1) throw new Error('The hold was not stored');
      });
    } catch (err) {
      // Two holds of one citizen at the same moment: the other one won.
      if (uniqueViolation(err, 'moedetid_hold_en_aktiv_pr_borger')) throw new RuleViolation(4819, { detail: 'Another hold of the citizen was made at the same time' });
      throw err;
    }
    return id;
  }

  /**
   * The booking in 3 statements inside BEGIN/COMMIT (docs/borgerbooking.md, "Round trips"):
   * 1. find the slot by offer and start AND lock it, together with the slots of the citizen's other
   *    holds for a new booking, in id order (the one lock order of every seat change);
   * 2. (only when the citizen's meeting of the type has started) mark it held;
   * 3. under the lock, ONE statement: release the slot's expired holds, confirm the citizen's hold
   *    or take a free seat (one conditional UPDATE of the slot row), release the citizen's other
   *    hold and its seat, and insert the meeting only if the seat was had. Its snapshot is taken
   *    after the lock, so it sees every committed change of the slot.
   */
  async book(b: Booking, foerst?: IsammeTransaktion): Promise<string> {
    const id = randomUUID();
    const t = b.moedetilbud;
    try {
      await this.transaktion(async (q, client) => {
        if (foerst) await foerst((text, values) => client.query(text, values));
        const laaste = await this.findOgLaas(q, t.id, b.starttidspunkt,
          Prisma.sql`SELECT h."moedetidId" FROM moedetid_hold h WHERE h.cpr = ${b.cpr} AND h.status = 'Aktiv' AND h."indkaldelseId" IS NULL`);
        const slot = laaste.find((m) => m.valgt);
        if (!slot) throw new RuleViolation(b.optagetKode, { felt: '/moedeStarttidspunkt' });
        const sagsbehandlerId = this.vaelg(slot, b);
        const andre = laaste.filter((m) => m.id !== slot.id).map((m) => m.id);
        if (b.afholdTidligere !== false) {
          // The citizen's earlier meetings of this type that have started are held now (they keep their seat).
          await q(Prisma.sql`UPDATE indkaldelse SET status = 'Afholdt', opdateret = ${b.now}::timestamptz
            WHERE cpr = ${b.cpr} AND "samtaleType" = ${t.samtaleType}::smallint AND status = 'Aktiv' AND starttidspunkt < ${b.now}::timestamptz`);
        }
        const frister = fristerForMoedetid(t, slot, b.starttidspunkt);
        const straks = t.straksbooking;
        const r = (await q(Prisma.sql`WITH udloebne AS (
            UPDATE moedetid_hold SET status = 'Udloebet'
            WHERE "moedetidId" = ${slot.id}::uuid AND status = 'Aktiv' AND udloeber <= ${b.now}::timestamptz RETURNING 1
          ), hold AS (
            UPDATE moedetid_hold SET status = 'Bekraeftet'
            WHERE cpr = ${b.cpr} AND "moedetidId" = ${slot.id}::uuid AND status = 'Aktiv' AND udloeber > ${b.now}::timestamptz
              AND (${b.reservationId}::uuid IS NULL OR id = ${b.reservationId}::uuid) AND "indkaldelseId" IS NULL
            RETURNING 1
          ), plads AS (
            UPDATE moedetid SET "optagnePladser" = "optagnePladser" - (SELECT count(*) FROM udloebne)::int + CASE WHEN EXISTS (SELECT 1 FROM hold) THEN 0 ELSE 1 END
            WHERE id = ${slot.id}::uuid
              AND (EXISTS (SELECT 1 FROM hold)
                   OR (${b.reservationId}::uuid IS NULL AND "optagnePladser" - (SELECT count(*) FROM udloebne)::int < pladser))
            RETURNING 1
          ), frigivne AS (
            UPDATE moedetid_hold SET status = 'Frigivet'
            WHERE cpr = ${b.cpr} AND status = 'Aktiv' AND "indkaldelseId" IS NULL AND "moedetidId" = ANY(${andre}::uuid[]) AND EXISTS (SELECT 1 FROM plads)
            RETURNING "moedetidId"
          ), frigivnePladser AS (
            UPDATE moedetid m SET "optagnePladser" = m."optagnePladser" - f.n
            FROM (SELECT "moedetidId", count(*)::int AS n FROM frigivne GROUP BY 1) f WHERE m.id = f."moedetidId"
            RETURNING 1
          ), ny AS (
            INSERT INTO indkaldelse (id, cpr, "moedetilbudId", "moedetidId", oprindelse, status, "organisationKode", "organisationType",
              "borgerSkalAcceptere", accepteret, "accepteretTidspunkt", "ombookingMulig", "ombookingFrist", "aflysningMulig", "aflysningFrist", selvbooket,
              straksbooking, "obligatoriskFremmoede", starttidspunkt, sluttidspunkt, "samtaleType", "moedeGruppeType", samtaleform, moedetitel, moedebeskrivelse,
              "sagsbehandlerId", "visSagsbehandler", lokationsuddybning, vejnavn, husnummer, etage, "sideDoer", postnummer, bynavn, landekode, telefonnummer,
              "borgerSkalRinge", oprettet, opdateret)
            SELECT ${id}::uuid, ${b.cpr}, ${t.id}::uuid, ${slot.id}::uuid, ${straks ? 'Straksbooket' : 'Selvbooket'}, 'Aktiv', ${Number(t.kommunekode)}::int, 1,
              false, true, ${b.now}::timestamptz, ${frister.ombookingMulig}, ${frister.ombookingFrist}::timestamptz, ${frister.aflysningMulig},
              ${frister.aflysningFrist}::timestamptz, true, ${straks}, ${t.obligatoriskFremmoede}, ${b.starttidspunkt}::timestamptz,
              ${new Date(b.starttidspunkt.getTime() + t.moedeVarighed * 60_000)}::timestamptz, ${t.samtaleType}::smallint, ${t.moedeGruppeType}::smallint,
              ${b.samtaleform}::smallint, ${t.moedetitel}, ${t.moedebeskrivelse}, s.id, ${t.moedeGruppeType === 1}, ${t.lokationsuddybning}, ${t.vejnavn},
              ${t.husnummer}, ${t.etage}, ${t.sideDoer}, ${t.postnummer}, ${t.bynavn}, ${t.landekode},
              CASE WHEN ${b.samtaleform}::smallint = 2 THEN s.telefonnummer END, CASE WHEN ${b.samtaleform}::smallint = 2 THEN false END,
              ${b.now}::timestamptz, ${b.now}::timestamptz
            FROM booking_sagsbehandler s WHERE s.id = ${sagsbehandlerId}::int AND EXISTS (SELECT 1 FROM plads)
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM plads)::int AS plads, (SELECT count(*) FROM ny)::int AS ny, (SELECT count(*) FROM frigivnePladser)::int AS frigivne`)) as {
          plads: number;
          ny: number;
        }[];
        if (r[0].plads === 0) {
          // A named hold that is gone (expired, confirmed, released, another slot) is 4819; else the slot is full.
          // The transaction rolls back, the expired holds' release with it.
          if (b.reservationId) throw new RuleViolation(4819, { felt: '/reservationId', detail: 'The hold has expired or is not valid for this time' });
          throw new RuleViolation(b.optagetKode, { felt: '/moedeStarttidspunkt' });
        }
        if (r[0].ny !== 1) throw new Error('The meeting was not stored');
      });
    } catch (err) {
      if (uniqueViolation(err, 'indkaldelse_en_aktiv_pr_samtaletype')) throw alleredeBooket(t.samtaleType);
      throw err;
    }
    return id;
  }

  /**
   * A rebooking in 4 statements: BEGIN; find and lock the new slot with the old one (id order); ONE
   * statement under the lock that releases the new slot's expired holds, confirms the citizen's hold
   * or takes a free seat, moves the meeting (only if it is still active in the old slot) and releases
   * the old slot's seat (only if the meeting moved); COMMIT.
   */
  async ombook(o: Ombooking): Promise<void> {
    const t = o.moedetilbud;
    const gammelSlot = o.indkaldelse.moedetidId;
    await this.transaktion(async (q) => {
      const laaste = await this.findOgLaas(q, t.id, o.starttidspunkt, Prisma.sql`SELECT ${gammelSlot}::uuid WHERE ${gammelSlot}::uuid IS NOT NULL`);
      const slot = laaste.find((m) => m.valgt);
      if (!slot) throw new RuleViolation(4767, { felt: '/moedeStarttidspunkt' });
      const sagsbehandlerId = this.vaelg(slot, o);
      const nyId = slot.id;
      const samme = nyId === gammelSlot;
      const frister = fristerForMoedetid(t, slot, o.starttidspunkt);
      const r = (await q(Prisma.sql`WITH udloebne AS (
          UPDATE moedetid_hold SET status = 'Udloebet'
          WHERE NOT ${samme}::boolean AND "moedetidId" = ${nyId}::uuid AND status = 'Aktiv' AND udloeber <= ${o.now}::timestamptz RETURNING 1
        ), hold AS (
          UPDATE moedetid_hold SET status = 'Bekraeftet'
          WHERE NOT ${samme}::boolean AND cpr = ${o.cpr} AND "moedetidId" = ${nyId}::uuid AND status = 'Aktiv' AND udloeber > ${o.now}::timestamptz
            AND (${o.reservationId}::uuid IS NULL OR id = ${o.reservationId}::uuid)
            AND ("indkaldelseId" IS NULL OR "indkaldelseId" = ${o.indkaldelse.id}::uuid)
          RETURNING 1
        ), plads AS (
          UPDATE moedetid SET "optagnePladser" = "optagnePladser" - (SELECT count(*) FROM udloebne)::int + CASE WHEN EXISTS (SELECT 1 FROM hold) THEN 0 ELSE 1 END
          WHERE NOT ${samme}::boolean AND id = ${nyId}::uuid
            AND (EXISTS (SELECT 1 FROM hold)
                 OR (${o.reservationId}::uuid IS NULL AND "optagnePladser" - (SELECT count(*) FROM udloebne)::int < pladser))
          RETURNING 1
        ), flyt AS (
          UPDATE indkaldelse SET "moedetidId" = ${nyId}::uuid, "moedetilbudId" = ${t.id}::uuid,
            starttidspunkt = ${o.starttidspunkt}::timestamptz, sluttidspunkt = ${new Date(o.starttidspunkt.getTime() + t.moedeVarighed * 60_000)}::timestamptz,
            samtaleform = ${o.samtaleform}::smallint, "sagsbehandlerId" = ${sagsbehandlerId}::int, accepteret = true, "accepteretTidspunkt" = ${o.now}::timestamptz,
            "ombookingMulig" = ${frister.ombookingMulig}, "ombookingFrist" = ${frister.ombookingFrist}::timestamptz,
            "aflysningMulig" = ${frister.aflysningMulig}, "aflysningFrist" = ${frister.aflysningFrist}::timestamptz,
            lokationsuddybning = ${t.lokationsuddybning}, bygningsnavn = NULL, vejnavn = ${t.vejnavn}, "vejnavnForkortet" = NULL, husnummer = ${t.husnummer},
            etage = ${t.etage}, "sideDoer" = ${t.sideDoer}, omraade = NULL, postboks = NULL, postnummer = ${t.postnummer}, bynavn = ${t.bynavn},
            landekode = ${t.landekode},
            telefonnummer = CASE WHEN ${o.samtaleform}::smallint = 2 THEN (SELECT telefonnummer FROM booking_sagsbehandler WHERE id = ${sagsbehandlerId}::int) END,
            "borgerSkalRinge" = CASE WHEN ${o.samtaleform}::smallint = 2 THEN false END,
            opdateret = ${o.now}::timestamptz
          WHERE id = ${o.indkaldelse.id}::uuid AND status = 'Aktiv' AND "moedetidId" IS NOT DISTINCT FROM ${gammelSlot}::uuid
            AND (${samme}::boolean OR EXISTS (SELECT 1 FROM plads))
          RETURNING 1
        ), gammel AS (
          UPDATE moedetid SET "optagnePladser" = "optagnePladser" - 1
          WHERE NOT ${samme}::boolean AND id = ${gammelSlot}::uuid AND EXISTS (SELECT 1 FROM flyt)
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM plads)::int AS plads, (SELECT count(*) FROM flyt)::int AS flyt, (SELECT count(*) FROM gammel)::int AS gammel`)) as {
        plads: number;
        flyt: number;
      }[];
      if (!samme && r[0].plads === 0) {
        if (o.reservationId) throw new RuleViolation(4819, { felt: '/reservationId', detail: 'The hold has expired or is not valid for this time' });
        throw new RuleViolation(4767, { felt: '/moedeStarttidspunkt' });
      }
      // Cancelled or moved by a concurrent request since it was read: nothing changes (the transaction rolls back).
      if (r[0].flyt === 0) throw new RuleViolation(4767, { detail: 'The meeting was changed by another request at the same time' });
    });
  }

  async aflys(i: IndkaldelseRow, now: Date): Promise<void> {
    await this.transaktion(async (q) => {
      if (i.moedetidId) await this.laas(q, [i.moedetidId]);
      const r = await q(Prisma.sql`UPDATE indkaldelse SET status = 'Aflyst', "aflystTidspunkt" = ${now}::timestamptz, opdateret = ${now}::timestamptz
        WHERE id = ${i.id}::uuid AND status = 'Aktiv' AND "moedetidId" IS NOT DISTINCT FROM ${i.moedetidId}::uuid RETURNING id`);
      if (r.length === 0) throw new RuleViolation(4768, { detail: 'The meeting was cancelled or changed by another request at the same time' });
      if (i.moedetidId) await this.frigivPlads(q, i.moedetidId);
    });
  }

  async accepter(i: IndkaldelseRow, now: Date): Promise<void> {
    const r = await this.rows(Prisma.sql`UPDATE indkaldelse SET accepteret = true, "accepteretTidspunkt" = COALESCE("accepteretTidspunkt", ${now}::timestamptz),
        opdateret = ${now}::timestamptz WHERE id = ${i.id}::uuid AND status = 'Aktiv' RETURNING id`);
    if (r.length === 0) throw new RuleViolation(4768);
  }

  async gemFejlmelding(f: NyFejlmelding): Promise<void> {
    await this.rows(Prisma.sql`INSERT INTO fejlmelding (id, cpr, "moedetilbudId", "indkaldelseId", fejlkode, fejltekst, "fejlOphav", "fejlTidspunkt", modtaget)
      VALUES (${randomUUID()}::uuid, ${f.cpr}, ${f.moedetilbudId}::uuid, ${f.indkaldelseId}::uuid, ${f.fejlkode}::int, ${f.fejltekst},
              ${f.fejlOphav}::smallint, ${f.fejlTidspunkt}::timestamptz, ${f.modtaget}::timestamptz)`);
  }
}
