/**
 * Every SQL statement the baseline servers (bare, bare-merging, express) send, in one place.
 *
 * Keep this in step with what the service sends: the baseline must do the minimum the same rules
 * need, no less (or the ratios flatter the baseline) and no more (or they flatter the service).
 * Per request today:
 *
 * - GetJobagenter: 1 statement. The citizen (404/1010 when missing) and their job agents, oldest first.
 *   bare-merging sends one statement for all reads that arrive in the same tick (`= ANY($1)`),
 *   the way Prisma batches concurrent findUnique calls.
 * - CreateJobagent: 1 statement, the service's (src/modules/jobagent/service.ts): a conditional UPDATE of
 *   the citizen's counter (exists, alive, fewer than 25; its row lock and READ COMMITTED's re-check make
 *   the limit hold under concurrency), then the INSERT of the job agent and of its verification mail,
 *   only when that matched. The token is made the same way (32 random bytes, sha256 stored). When no
 *   row comes back, one diagnostic read names the rule (404/1010, 422/4405, 409/9901), as the service does.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { JobagentRecord } from '../src/modules/jobagent/service';
import { MAX_JOBAGENTER_PR_BORGER } from '../src/domain/kodelister';
import {
  checkCvInput,
  CONTEXT_COLUMNS,
  contextFromText,
  REPLACE_LOCK_SQL,
  REPLACE_READ_SQL,
  REPLACE_WRITE_SQL,
  replaceWriteParams,
  toCv,
  toProfil,
  type CvContext,
} from '../src/modules/cv/service';
import type { Cv, CvInput, CvProfil } from '../src/modules/cv/schemas';
import type { TilmeldingInput, TilmeldingSvar, Tilmeldingsstatus } from '../src/modules/tilmelding/schemas';
import {
  statusManyStatement,
  statusStatement,
  tilmeldingLaesStatement,
  tilmeldingSkrivStatement,
  tilmeldingSvar,
  toStatus,
  type AktuelRow,
  type TilmeldingLaesRow,
} from '../src/modules/tilmelding/service';
import { businessDay, systemClock, today } from '../src/domain/clock';
import { KUN_I_DAG, tilmeldingsdatoFejl } from '../src/domain/tilmeldingsdato';

const JOBAGENT_COLUMNS = `j.id, j.titel, j.email, j."emailVerificeret", j.udsendelsesinterval, j."smsNotifikation",
  j.soegeparametre, j.oprettet, j.opdateret`;

export const SQL = {
  list: `SELECT b.cpr, ${JOBAGENT_COLUMNS}
    FROM borger b LEFT JOIN jobagent j ON j.cpr = b.cpr
    WHERE b.cpr = $1
    ORDER BY j.oprettet, j.id`,
  listMany: `SELECT b.cpr, ${JOBAGENT_COLUMNS}
    FROM borger b LEFT JOIN jobagent j ON j.cpr = b.cpr
    WHERE b.cpr = ANY($1::bpchar[])
    ORDER BY b.cpr, j.oprettet, j.id`,
  borgerStatus: 'SELECT doedsdato FROM borger WHERE cpr = $1',
  createUnderLimit: `WITH b AS (
      UPDATE borger SET "antalJobagenter" = "antalJobagenter" + 1
      WHERE cpr = $2::bpchar AND doedsdato IS NULL AND "antalJobagenter" < $8::int
      RETURNING cpr
    ), j AS (
      INSERT INTO jobagent (id, cpr, titel, email, "emailVerificeret", udsendelsesinterval, "smsNotifikation", soegeparametre,
                            "emailTokenHash", "emailTokenUdloeber", oprettet, opdateret)
      SELECT $1::uuid, b.cpr, $3::varchar, $4::varchar, false, $5::varchar, $6::boolean, $7::jsonb,
             $9::char(64), $10::timestamptz, now(), now()
      FROM b
      RETURNING *
    ), m AS (
      INSERT INTO mail_udbakke (id, modtager, emne, tekst, oprettet)
      SELECT $11::uuid, j.email, $12::varchar, $13::text, now() FROM j WHERE j.email IS NOT NULL
    )
    SELECT ${JOBAGENT_COLUMNS} FROM j`,
} as const;

/** The service's row type: the baselines map rows to answers with the service's own toJobagent. */
export type JobagentRow = JobagentRecord;

/** The request body of CreateJobagent, as far as the baseline reads it. */
export interface JobagentBody {
  titel: string;
  jobagent?: { email: string; udsendelsesinterval: string; smsNotifikation: boolean };
  soegeparametre: unknown;
}

/** A rule answer (404/1010, 422/4405, 409/9901); the servers turn it into the HTTP status. */
export class RuleAnswer extends Error {
  constructor(
    readonly status: number,
    readonly fejlkode: number,
  ) {
    super(`fejlkode ${fejlkode}`);
  }
}

/** undefined when the citizen does not exist. */
export async function listJobagenter(pool: Pool, cpr: string): Promise<JobagentRow[] | undefined> {
  const { rows } = await pool.query(SQL.list, [cpr]);
  if (rows.length === 0) return undefined;
  return rows[0].id === null ? [] : (rows as JobagentRow[]);
}

/** One statement for many citizens; citizens that do not exist are missing from the map. */
export async function listJobagenterMany(pool: Pool, cprs: string[]): Promise<Map<string, JobagentRow[]>> {
  const { rows } = await pool.query(SQL.listMany, [cprs]);
  const byCpr = new Map<string, JobagentRow[]>();
  for (const row of rows as (JobagentRow & { cpr: string })[]) {
    let list = byCpr.get(row.cpr);
    if (!list) byCpr.set(row.cpr, (list = []));
    if (row.id !== null) list.push(row);
  }
  return byCpr;
}

export async function createJobagent(pool: Pool, cpr: string, body: JobagentBody): Promise<JobagentRow> {
  const id = randomUUID();
  const email = body.jobagent ? body.jobagent.email.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : null;
  const token = randomBytes(32).toString('base64url');
  const udloeber = new Date(Date.now() + 48 * 3600_000);
  const { rows } = await pool.query(SQL.createUnderLimit, [
    id,
    cpr,
    body.titel,
    email,
    body.jobagent?.udsendelsesinterval ?? null,
    body.jobagent?.smsNotifikation ?? false,
    JSON.stringify(body.soegeparametre),
    MAX_JOBAGENTER_PR_BORGER,
    email === null ? null : createHash('sha256').update(token).digest('hex'),
    email === null ? null : udloeber,
    randomUUID(),
    'Bekræft din e-mailadresse til din jobagent på Jobnet',
    `Bekræft adressen med denne kode (gyldig til ${udloeber.toISOString()}):\n\n${token}\n\nJobagent: ${id}\n`,
  ]);
  if (rows.length === 1) return rows[0] as JobagentRow;
  const borger = await pool.query(SQL.borgerStatus, [cpr]);
  if (borger.rows.length === 0) throw new RuleAnswer(404, 1010);
  if (borger.rows[0].doedsdato !== null) throw new RuleAnswer(422, 4405);
  throw new RuleAnswer(409, 9901);
}

// --- Tilmelding ------------------------------------------------------------------------------
// The baselines send the service's own statements (built by the functions the service uses, in
// src/modules/tilmelding/service.ts), so they cannot drift:
// - Tilmelding: 2 statements. The read (person facts, overlap, CV number), then the write (citizen row
//   locked, period inserted unless another open one exists, history row). The rules on the read's
//   facts are evaluated in JS by the service (tilstandsRegler); the baseline checks only the ones the
//   bench's citizens could break (unknown, dead, overlap, date) - the others are a few comparisons.
// - GetTilmeldingsstatus: 1 statement (the citizen LEFT JOIN the current period); the service merges
//   concurrent reads into one `= ANY($1)` statement, as bare-merging does.

export async function tilmeld(pool: Pool, cpr: string, subject: string, input: TilmeldingInput): Promise<TilmeldingSvar> {
  const read = tilmeldingLaesStatement(cpr, input);
  const { rows } = await pool.query(read.text, read.values);
  if (rows.length === 0) throw new RuleAnswer(404, 1010);
  const fakta = rows[0] as TilmeldingLaesRow;
  if (fakta.doed) throw new RuleAnswer(422, 4405);
  if (tilmeldingsdatoFejl(input.tilmeldingsdato, today(systemClock), KUN_I_DAG)) throw new RuleAnswer(422, 4749);
  if (fakta.overlap) throw new RuleAnswer(409, 4316);
  const now = new Date();
  const id = randomUUID();
  const beskedId = randomUUID();
  const aktoer = { rolle: 'borger' as const, subjekt: subject, kilde: 'Jobnet' as const };
  const write = tilmeldingSkrivStatement({ cpr, id, input, aktoer, now, beskedId, jobnetFlag: true, joboensker: null });
  const written = await pool.query(write.text, write.values);
  if (written.rows.length === 0) throw new RuleAnswer(409, 4316);
  return tilmeldingSvar(id, now, beskedId, input, 'Jobnet');
}

export async function tilmeldingsstatus(pool: Pool, cpr: string): Promise<Tilmeldingsstatus> {
  const statement = statusStatement(cpr, today(systemClock));
  const { rows } = await pool.query(statement.text, statement.values);
  if (rows.length === 0) throw new RuleAnswer(404, 1010);
  return toStatus(rows[0] as AktuelRow);
}

/** One statement for many citizens (bare-merging); citizens that do not exist are missing from the map. */
export async function tilmeldingsstatusMany(pool: Pool, cprs: string[]): Promise<Map<string, Tilmeldingsstatus>> {
  const statement = statusManyStatement(cprs, today(systemClock));
  const { rows } = await pool.query(statement.text, statement.values);
  return new Map((rows as AktuelRow[]).map((r) => [r.cpr, toStatus(r)]));
}

// ---------------------------------------------------------------------------------------------
// CV (GetCV, ReplaceCV). The statements are the service's own (src/modules/cv/service.ts exports
// them), so the baseline cannot drift from what the service sends:
// - GetCV: 1 statement, the citizen LEFT JOIN registry facts, account, CV and current version.
// - ReplaceCV: 1 transaction: BEGIN, the lock of the CV account (its row lock serialises a
//   citizen's replaces), the read of the current CV, the write (CV, version, one event per changed element)
//   in one statement, COMMIT. The element diff and the sanitised summary are computed in between
//   by the service's own functions. (5 round trips: the lock is a statement of its own, so the read
//   after it sees a replace that committed while this one waited.)

export const CV_SQL = {
  read: `SELECT ${CONTEXT_COLUMNS.text}, v.dokument FROM ${contextFromText(2)} LEFT JOIN cv_version v ON v.id = c."versionId" WHERE b.cpr = $1`,
  lock: REPLACE_LOCK_SQL,
  lockedRead: REPLACE_READ_SQL,
  write: REPLACE_WRITE_SQL,
} as const;

/** GetCV's answer, or a rule answer (404/1010, 404/4103, 404/4755, 409/4753...). */
export async function getCv(pool: Pool, cpr: string): Promise<Cv> {
  const { rows } = await pool.query(CV_SQL.read, [cpr, today(systemClock)]);
  if (rows.length === 0) throw new RuleAnswer(404, 1010);
  try {
    return toCv(rows[0] as CvContext);
  } catch (err) {
    const kode = (err as { kode?: number }).kode;
    if (kode) throw new RuleAnswer((err as { status: number }).status, kode);
    throw err;
  }
}

/** ReplaceCV in the service's transaction. */
export async function replaceCv(pool: Pool, cpr: string, body: CvInput): Promise<{ serviceKvittering: { haendelsestidspunkt: string; beskedId: string } }> {
  const sanitized = checkCvInput(body);
  const now = new Date();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query(CV_SQL.lock, [cpr]);
    const ctx = locked.rowCount === 1 ? ((await client.query(CV_SQL.lockedRead, [cpr, today(systemClock)])).rows[0] as CvContext & { dokument: CvProfil | null }) : undefined;
    if (!ctx || ctx.doed || (ctx.tilstand && ctx.tilstand !== 'Aktiv')) throw new RuleAnswer(ctx ? 409 : 404, ctx ? 4753 : 4103);
    const versionId = randomUUID();
    await client.query(CV_SQL.write, replaceWriteParams(ctx, toProfil(ctx, ctx.cvNummer!, body, sanitized), versionId, now));
    await client.query('COMMIT');
    return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: versionId } };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------------------------------------
// Borgerbooking (GetSelvbookingMoedetider, CreateBooking). The baselines hold the same rules with the
// fewest round trips a hand-written service would need (the service goes through its planner
// interface, src/modules/borgerbooking/planner.ts, one call per fact):
// - GetSelvbookingMoedetider: 1 statement. The citizen (1010), the offer (8108 unknown or inactive,
//   4812 not self-bookable) and its bookable slots in the interval from now on (free seats counting
//   expired holds as free, at least one caseworker) with their caseworkers, as JSON; 4770 without slots.
// - CreateBooking: 1 read (citizen alive 4405, kontaktgruppe; the offer; the deadline of its type, 8288;
//   an active meeting of the type, 8273/9220) and the rules on it in memory (4783, 4819 in the past,
//   8109, 4708), then a transaction: BEGIN, the slot row locked (FOR UPDATE; 4819 without an active
//   slot with a caseworker), ONE statement that releases the slot's expired holds, takes a seat if one
//   is free (conditional UPDATE under the lock) and inserts the meeting, COMMIT. 5 round trips. The
//   partial unique index answers a concurrent second booking of the type (8273).

const BOOKING_SQL = {
  moedetider: `SELECT EXISTS (SELECT 1 FROM borger WHERE cpr = $1) AS borger, t.aktiv, t."selvbookingTilladt",
      COALESCE((SELECT json_agg(json_build_object('id', m.id, 'starttidspunkt', m.starttidspunkt, 'samtaleformer', m.samtaleformer, 'ombookingMulig', m."ombookingMulig",
          'aflysningMulig', m."aflysningMulig", 'pladser', m.pladser, 'ledige', m.pladser - m."optagnePladser"
            + (SELECT count(*)::int FROM moedetid_hold h WHERE h."moedetidId" = m.id AND h.status = 'Aktiv' AND h.udloeber <= $5),
          'sagsbehandlere', ARRAY(SELECT ms."sagsbehandlerId" FROM moedetid_sagsbehandler ms WHERE ms."moedetidId" = m.id ORDER BY 1)) ORDER BY m.starttidspunkt)
        FROM moedetid m WHERE m."moedetilbudId" = t.id AND m.aktiv AND m.starttidspunkt >= GREATEST($3::timestamptz, $5::timestamptz) AND m.starttidspunkt <= $4), '[]') AS slots,
      COALESCE((SELECT json_agg(json_build_object('id', s.id, 'fornavne', s.fornavne, 'mellemnavn', s.mellemnavn, 'efternavn', s.efternavn, 'eksterntId', s."eksterntId") ORDER BY s.id)
        FROM moedetilbud_sagsbehandler ts JOIN booking_sagsbehandler s ON s.id = ts."sagsbehandlerId" WHERE ts."moedetilbudId" = t.id), '[]') AS sagsbehandlere
    FROM (SELECT 1) x LEFT JOIN moedetilbud t ON t.id = $2::uuid`,
  bookingLaes: `SELECT b.doedsdato IS NOT NULL AS doed, b.kontaktgruppe, t.id, t.aktiv, t."selvbookingTilladt", t."samtaleType", t."moedeGruppeType", t.samtaleformer,
      t."foersteMoedetid", t."sidsteMoedetid", t.straksbooking, t."moedeVarighed", t.kommunekode, t."ombookingFristMinutter", t."aflysningFristMinutter",
      (SELECT to_char(f."sidsteAfholdelsesdato", 'YYYY-MM-DD') FROM booking_frist f WHERE f.cpr = b.cpr AND f."samtaleType" = t."samtaleType") AS "sidsteAfholdelsesdato",
      EXISTS (SELECT 1 FROM indkaldelse i WHERE i.cpr = b.cpr AND i."samtaleType" = t."samtaleType" AND i.status = 'Aktiv' AND i.starttidspunkt >= $3) AS booket
    FROM borger b LEFT JOIN moedetilbud t ON t.id = $2::uuid WHERE b.cpr = $1`,
  laasMoedetid: `SELECT m.id, m."ombookingMulig", m."aflysningMulig", m.samtaleformer,
      (SELECT min(ms."sagsbehandlerId") FROM moedetid_sagsbehandler ms WHERE ms."moedetidId" = m.id) AS "sagsbehandlerId"
    FROM moedetid m WHERE m."moedetilbudId" = $1::uuid AND m.starttidspunkt = $2 AND m.aktiv FOR UPDATE`,
  bookingSkriv: `WITH u AS (
      UPDATE moedetid_hold SET status = 'Udloebet' WHERE "moedetidId" = $3::uuid AND status = 'Aktiv' AND udloeber <= $6 RETURNING 1
    ), plads AS (
      UPDATE moedetid SET "optagnePladser" = "optagnePladser" - (SELECT count(*) FROM u)::int + 1
      WHERE id = $3::uuid AND "optagnePladser" - (SELECT count(*) FROM u)::int < pladser RETURNING id
    )
    INSERT INTO indkaldelse (id, cpr, "moedetilbudId", "moedetidId", oprindelse, status, "organisationKode", "organisationType", "borgerSkalAcceptere", accepteret,
        "accepteretTidspunkt", "ombookingMulig", "ombookingFrist", "aflysningMulig", "aflysningFrist", selvbooket, straksbooking, "obligatoriskFremmoede",
        starttidspunkt, sluttidspunkt, "samtaleType", "moedeGruppeType", samtaleform, moedetitel, moedebeskrivelse, "sagsbehandlerId", "visSagsbehandler",
        lokationsuddybning, vejnavn, husnummer, etage, "sideDoer", postnummer, bynavn, landekode, telefonnummer, "borgerSkalRinge", oprettet, opdateret)
    SELECT $1::uuid, $2, t.id, plads.id, 'Selvbooket', 'Aktiv', t.kommunekode::int, 1, false, true, $6, $7, $8, $9, $10, true, false, t."obligatoriskFremmoede",
        $5, $5::timestamptz + make_interval(mins => t."moedeVarighed"), t."samtaleType", t."moedeGruppeType", $11::smallint, t.moedetitel, t.moedebeskrivelse,
        s.id, t."moedeGruppeType" = 1, t.lokationsuddybning, t.vejnavn, t.husnummer, t.etage, t."sideDoer", t.postnummer, t.bynavn, t.landekode,
        CASE WHEN $11::smallint = 2 THEN s.telefonnummer END, CASE WHEN $11::smallint = 2 THEN false END, $6, $6
    FROM plads, moedetilbud t, booking_sagsbehandler s WHERE t.id = $4::uuid AND s.id = $12::int
    RETURNING id`,
} as const;

interface MoedetidJson {
  starttidspunkt: string;
  samtaleformer: number[];
  ombookingMulig: boolean;
  aflysningMulig: boolean;
  pladser: number;
  ledige: number;
  sagsbehandlere: number[];
}

/** GetSelvbookingMoedetider's answer (the service's shape), or a rule answer. */
export async function selvbookingMoedetider(pool: Pool, cpr: string, moedetilbudId: string, fra: string, til: string) {
  const now = new Date();
  const { rows } = await pool.query(BOOKING_SQL.moedetider, [cpr, moedetilbudId, fra, til, now]);
  const r = rows[0] as { borger: boolean; aktiv: boolean | null; selvbookingTilladt: boolean | null; slots: MoedetidJson[]; sagsbehandlere: { id: number; fornavne: string; mellemnavn: string | null; efternavn: string; eksterntId: string }[] };
  if (!r.borger) throw new RuleAnswer(404, 1010);
  if (new Date(til) < new Date(fra)) throw new RuleAnswer(400, 4792);
  if (!r.aktiv) throw new RuleAnswer(404, 8108);
  if (!r.selvbookingTilladt) throw new RuleAnswer(422, 4812);
  const slots = r.slots.filter((m) => m.ledige > 0 && m.sagsbehandlere.length > 0);
  if (slots.length === 0) throw new RuleAnswer(422, 4770);
  const brugte = new Set(slots.flatMap((m) => m.sagsbehandlere));
  return {
    bookbareSagsbehandlere: r.sagsbehandlere
      .filter((s) => brugte.has(s.id))
      .map((s) => ({ id: s.id, sagsbehandler: { fornavne: s.fornavne, ...(s.mellemnavn ? { mellemnavn: s.mellemnavn } : {}), efternavn: s.efternavn, eksterntId: s.eksterntId } })),
    moedetider: slots.map((m) => ({
      starttidspunkt: new Date(m.starttidspunkt).toISOString(),
      samtaleformer: m.samtaleformer,
      ombookingMulig: m.ombookingMulig,
      aflysningMulig: m.aflysningMulig,
      maksimaltMoededeltagerantal: m.pladser,
      antalLedigePladser: m.ledige,
      bookbareSagsbehandlerIder: m.sagsbehandlere,
    })),
  };
}

interface BookingLaesRow {
  doed: boolean;
  id: string | null;
  aktiv: boolean;
  selvbookingTilladt: boolean;
  samtaleType: number;
  samtaleformer: number[];
  foersteMoedetid: Date | null;
  sidsteMoedetid: Date | null;
  straksbooking: boolean;
  ombookingFristMinutter: number | null;
  aflysningFristMinutter: number | null;
  sidsteAfholdelsesdato: string | null;
  booket: boolean;
}

/** CreateBooking: the new meeting's id, or a rule answer (the rules of the bench's citizens and offer; see above). */
export async function createBooking(pool: Pool, cpr: string, moedetilbudId: string, body: { moedeStarttidspunkt: string; samtaleformType: number }): Promise<string> {
  const now = new Date();
  const start = new Date(body.moedeStarttidspunkt);
  const { rows } = await pool.query(BOOKING_SQL.bookingLaes, [cpr, moedetilbudId, now]);
  const r = rows[0] as BookingLaesRow | undefined;
  if (!r) throw new RuleAnswer(404, 1010);
  if (r.doed) throw new RuleAnswer(422, 4405);
  if (![1, 2, 3, 4].includes(body.samtaleformType)) throw new RuleAnswer(400, 4708);
  if (!r.id || !r.aktiv) throw new RuleAnswer(404, 8108);
  if (!r.selvbookingTilladt) throw new RuleAnswer(422, 4812);
  if (today(systemClock) > businessDayOf(start)) throw new RuleAnswer(422, 4783);
  if (start < now) throw new RuleAnswer(409, 4819);
  if ((r.foersteMoedetid && start < r.foersteMoedetid) || (r.sidsteMoedetid && start > r.sidsteMoedetid)) throw new RuleAnswer(422, 8109);
  if (r.sidsteAfholdelsesdato && businessDayOf(start) > r.sidsteAfholdelsesdato) throw new RuleAnswer(422, 8288);
  if (!r.samtaleformer.includes(body.samtaleformType)) throw new RuleAnswer(400, 4708);
  if (r.booket) throw new RuleAnswer(409, r.samtaleType === 2 ? 9220 : 8273);
  const id = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const slot = (await client.query(BOOKING_SQL.laasMoedetid, [moedetilbudId, start])).rows[0] as
      | { id: string; ombookingMulig: boolean; aflysningMulig: boolean; samtaleformer: number[]; sagsbehandlerId: number | null }
      | undefined;
    if (!slot || slot.sagsbehandlerId === null) throw new RuleAnswer(409, 4819);
    if (!slot.samtaleformer.includes(body.samtaleformType)) throw new RuleAnswer(400, 4708);
    const ombooking = !r.straksbooking && slot.ombookingMulig && r.ombookingFristMinutter !== null && ![17, 18].includes(r.samtaleType);
    const aflysning = !r.straksbooking && slot.aflysningMulig && r.aflysningFristMinutter !== null;
    const written = await client.query(BOOKING_SQL.bookingSkriv, [
      id,
      cpr,
      slot.id,
      moedetilbudId,
      start,
      now,
      ombooking,
      ombooking ? new Date(start.getTime() - r.ombookingFristMinutter! * 60_000) : null,
      aflysning,
      aflysning ? new Date(start.getTime() - r.aflysningFristMinutter! * 60_000) : null,
      body.samtaleformType,
      slot.sagsbehandlerId,
    ]);
    if (written.rowCount !== 1) throw new RuleAnswer(409, 4819);
    await client.query('COMMIT');
    return id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((err as { code?: string; constraint?: string }).constraint === 'indkaldelse_en_aktiv_pr_samtaletype') throw new RuleAnswer(409, r.samtaleType === 2 ? 9220 : 8273);
    throw err;
  } finally {
    client.release();
  }
}

const businessDayOf = (d: Date) => businessDay(d);
