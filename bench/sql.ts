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
import { systemClock, today } from '../src/domain/clock';
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
