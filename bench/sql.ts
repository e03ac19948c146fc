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
 * - CreateJobagent: 4 statements, one transaction: BEGIN; lock the citizen row (404/1010 when missing,
 *   422/4405 when deceased); INSERT ... WHERE count < 25 (409/9901 when nothing was inserted); COMMIT.
 *
 * Why the count sits in the INSERT and not in the locking read: under READ COMMITTED a statement
 * sees the snapshot taken when it started. A `SELECT ..., (SELECT count(*) ...) ... FOR UPDATE`
 * computes its count before it waits for the lock, so two concurrent creates can both see 24 and
 * both insert (tried: 20 concurrent creates on a citizen with 20 job agents end with 30). The INSERT
 * starts after the lock is held, so its count sees every committed insert of the previous holder.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { MAX_JOBAGENTER_PR_BORGER } from '../src/domain/kodelister';

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
  lockBorger: 'SELECT doedsdato FROM borger WHERE cpr = $1 FOR UPDATE',
  insertUnderLimit: `INSERT INTO jobagent AS j (id, cpr, titel, email, "emailVerificeret", udsendelsesinterval, "smsNotifikation", soegeparametre, opdateret)
    SELECT $1::uuid, $2::bpchar, $3::varchar, $4::varchar, false, $5::varchar, $6::boolean, $7::jsonb, now()
    WHERE (SELECT count(*) FROM jobagent WHERE cpr = $2::bpchar) < $8::int
    RETURNING ${JOBAGENT_COLUMNS}`,
} as const;

export interface JobagentRow {
  id: string;
  titel: string;
  email: string | null;
  emailVerificeret: boolean;
  udsendelsesinterval: string | null;
  smsNotifikation: boolean;
  soegeparametre: unknown;
  oprettet: Date;
  opdateret: Date;
}

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
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const borger = await client.query(SQL.lockBorger, [cpr]);
    if (borger.rows.length === 0) throw new RuleAnswer(404, 1010);
    if (borger.rows[0].doedsdato !== null) throw new RuleAnswer(422, 4405);
    const email = body.jobagent ? body.jobagent.email.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : null;
    const inserted = await client.query(SQL.insertUnderLimit, [
      randomUUID(),
      cpr,
      body.titel,
      email,
      body.jobagent?.udsendelsesinterval ?? null,
      body.jobagent?.smsNotifikation ?? false,
      JSON.stringify(body.soegeparametre),
      MAX_JOBAGENTER_PR_BORGER,
    ]);
    if (inserted.rows.length === 0) throw new RuleAnswer(409, 9901);
    await client.query('COMMIT');
    return inserted.rows[0] as JobagentRow;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
