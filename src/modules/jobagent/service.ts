import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { Clock } from '../../domain/clock';
import { RuleViolation } from '../../domain/errors';
import { MAX_JOBAGENTER_PR_BORGER } from '../../domain/kodelister';
import type { Pool } from 'pg';
import { mergedRead } from '../../db/merged-read';
import { rawQuery } from '../../db/sql';
import { readBorgerStatus, requireKnown, requireLiving, unknownCitizen } from '../../services/borger';
import type { Jobagent, JobagentInput, AfventendeMail } from './schemas';

type Soegeparametre = JobagentInput['soegeparametre'];

/**
 * Cross-field rules of a search that a JSON schema cannot say. They are input validation,
 * so they answer 400/1014 with the field as JSON pointer, like schema violations.
 */
export function checkSoegeparametre(soeg: Soegeparametre): void {
  const afstand = soeg.geografi?.afstand;
  if (afstand) {
    if ((afstand.fraPostnummer === undefined) === (afstand.fraKommune === undefined)) {
      throw new RuleViolation(1014, {
        felt: '/soegeparametre/geografi/afstand',
        detail: 'afstand needs exactly one of fraPostnummer and fraKommune',
      });
    }
    if (afstand.minAfstand !== undefined && afstand.minAfstand > afstand.maxAfstand) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/geografi/afstand/minAfstand', detail: 'minAfstand must not exceed maxAfstand' });
    }
  }
  const rejsetid = soeg.geografi?.rejsetid;
  if (rejsetid?.minMinutter !== undefined && rejsetid.minMinutter > rejsetid.maxMinutter) {
    throw new RuleViolation(1014, { felt: '/soegeparametre/geografi/rejsetid/minMinutter', detail: 'minMinutter must not exceed maxMinutter' });
  }
  const tid = soeg.arbejdstid;
  if (tid) {
    const hasHours = tid.deltidMinTimer !== undefined || tid.deltidMaxTimer !== undefined;
    if (tid.arbejdstidstype === 'Fuldtid' && hasHours) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid', detail: 'deltidMinTimer and deltidMaxTimer apply only to Deltid' });
    }
    if (tid.arbejdstidstype === 'Deltid' && tid.deltidMaxTimer === undefined) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid/deltidMaxTimer', detail: 'deltidMaxTimer is required for Deltid' });
    }
    if (tid.deltidMinTimer !== undefined && tid.deltidMaxTimer !== undefined && tid.deltidMinTimer > tid.deltidMaxTimer) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid/deltidMinTimer', detail: 'deltidMinTimer must not exceed deltidMaxTimer' });
    }
  }
}

/** How long an e-mail verification token is valid. */
export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

/** The columns a job agent answer is made from: the row type of every statement below. */
export interface JobagentRecord {
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

const COLUMNS = Prisma.raw(
  'j.id, j.titel, j.email, j."emailVerificeret", j.udsendelsesinterval, j."smsNotifikation", j.soegeparametre, j.oprettet, j.opdateret',
);

export function toJobagent(row: JobagentRecord): Jobagent {
  return {
    jobagentId: row.id,
    titel: row.titel,
    ...(row.email
      ? {
          jobagent: {
            email: row.email,
            emailVerificeret: row.emailVerificeret,
            udsendelsesinterval: row.udsendelsesinterval as NonNullable<Jobagent['jobagent']>['udsendelsesinterval'],
            smsNotifikation: row.smsNotifikation,
          },
        }
      : {}),
    soegeparametre: row.soegeparametre as Soegeparametre,
    oprettet: row.oprettet.toISOString(),
    opdateret: row.opdateret.toISOString(),
  };
}

/** Column values of an input. */
function toColumns(input: JobagentInput) {
  return {
    titel: input.titel,
    email: input.jobagent ? foldEmail(input.jobagent.email) : null,
    udsendelsesinterval: input.jobagent?.udsendelsesinterval ?? null,
    smsNotifikation: input.jobagent?.smsNotifikation ?? false,
    soegeparametre: JSON.stringify(input.soegeparametre),
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A fresh verification token (256 random bits, base64url: 43 characters), its hash, its expiry
 * and the mail that carries it. Only the hash is stored with the job agent; the token is only in
 * the mail. Made before the statement, which decides whether it is used (cheap when it is not).
 */
function emailToken(now: Date, jobagentId: string, titel: string) {
  const token = randomBytes(32).toString('base64url');
  const udloeber = new Date(now.getTime() + EMAIL_TOKEN_TTL_MS);
  return {
    hash: hashToken(token),
    udloeber,
    mailId: randomUUID(),
    emne: 'Bekræft din e-mailadresse til din jobagent på Jobnet',
    tekst:
      `Du har bedt om at få jobagenten "${titel}" sendt til denne e-mailadresse.\n\n` +
      `Bekræft adressen med denne kode (gyldig til ${udloeber.toISOString()}):\n\n${token}\n\n` +
      `Jobagent: ${jobagentId}\n\nHar du ikke bedt om det, kan du se bort fra denne e-mail.\n`,
  };
}

/** Inserts the token's mail into the outbox for the rows of `source` with `condition`. */
const outboxInsert = (t: ReturnType<typeof emailToken>, now: Date, source: Prisma.Sql, condition: Prisma.Sql) => Prisma.sql`
  INSERT INTO mail_udbakke (id, modtager, emne, tekst, oprettet)
  SELECT ${t.mailId}::uuid, s.email, ${t.emne}, ${t.tekst}, ${now}::timestamptz FROM ${source} s WHERE ${condition}`;

const notFound = () => new RuleViolation(4589, { felt: '/jobagentId' });
const wrongToken = (detail: string) => new RuleViolation(1014, { felt: '/token', detail });

/**
 * E-mail addresses are compared without regard to ASCII case. Only A-Z is folded: full Unicode
 * lower-casing can lengthen a string ('İ' becomes two characters) past the column or the pattern.
 */
export function foldEmail(email: string): string {
  return email.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * Every operation is one SQL statement on its success path ("check the rules, lock, write" in one
 * round trip, docs/write-pattern.md). When a write's statement changes no row, one diagnostic read
 * decides which rule failed. Statements are typed raw SQL where Prisma's query builder cannot say
 * the rule in one statement.
 */
export class JobagentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    /** The pg pool under Prisma: the hot statements (list, create) run on it directly (db/sql.ts). */
    private readonly pool: Pool,
  ) {}

  /**
   * GetJobagenter: all of the citizen's job agents, oldest first; 404/1010 for an unknown citizen.
   * Concurrent lists share one statement (db/merged-read.ts).
   */
  async list(cpr: string): Promise<Jobagent[]> {
    const jobagenter = await this.listMerged(cpr);
    if (!jobagenter) throw unknownCitizen();
    return jobagenter;
  }

  /** The citizens LEFT JOIN their job agents: a missing citizen has no row, one without job agents a row with a null id. */
  private readonly listMerged = mergedRead(async (cprs: string[]) => {
    const rows = await rawQuery<Omit<JobagentRecord, 'id'> & { id: string | null; borgerCpr: string }>(
      this.pool,
      Prisma.sql`SELECT b.cpr AS "borgerCpr", ${COLUMNS} FROM borger b LEFT JOIN jobagent j ON j.cpr = b.cpr
        WHERE b.cpr = ANY(${cprs}::bpchar[]) ORDER BY b.cpr, j.oprettet, j.id`,
    );
    const byCpr = new Map<string, Jobagent[]>();
    for (const row of rows) {
      let list = byCpr.get(row.borgerCpr);
      if (!list) byCpr.set(row.borgerCpr, (list = []));
      if (row.id !== null) list.push(toJobagent(row as JobagentRecord));
    }
    return byCpr;
  });

  /** GetJobagent: one of the citizen's job agents; another citizen's is as unknown as a missing one. */
  async get(cpr: string, id: string): Promise<Jobagent> {
    const rows = await this.prisma.$queryRaw<(Omit<JobagentRecord, 'id'> & { id: string | null })[]>`
      SELECT ${COLUMNS} FROM borger b LEFT JOIN jobagent j ON j.cpr = b.cpr AND j.id = ${id.toLowerCase()}::uuid
      WHERE b.cpr = ${cpr}`;
    if (rows.length === 0) throw unknownCitizen();
    if (rows[0].id === null) throw notFound();
    return toJobagent(rows[0] as JobagentRecord);
  }

  /** GetJobagenterPaaEmail: every job agent that mails to the address (system use). */
  async findByEmail(email: string): Promise<Jobagent[]> {
    const rows = await this.prisma.jobagent.findMany({ where: { email: foldEmail(email) }, orderBy: [{ oprettet: 'asc' }, { id: 'asc' }] });
    return rows.map(toJobagent);
  }

  /**
   * CreateJobagent in one statement: the conditional UPDATE of the citizen's counter is the rule
   * check (exists, alive, under the limit) and the lock; the INSERT (and the verification mail)
   * happen only when it matched. Concurrent creates queue on the citizen row and re-check the
   * counter (READ COMMITTED re-evaluates the WHERE on the newest row version), so the limit holds.
   */
  async create(cpr: string, input: JobagentInput): Promise<Jobagent> {
    checkSoegeparametre(input.soegeparametre);
    const now = this.clock.now();
    const id = randomUUID();
    const c = toColumns(input);
    const t = c.email === null ? null : emailToken(now, id, c.titel);
    const rows = await rawQuery<JobagentRecord>(
      this.pool,
      Prisma.sql`
      WITH b AS (
        UPDATE borger SET "antalJobagenter" = "antalJobagenter" + 1
        WHERE cpr = ${cpr} AND doedsdato IS NULL AND "antalJobagenter" < ${MAX_JOBAGENTER_PR_BORGER}
        RETURNING cpr
      ), j AS (
        INSERT INTO jobagent (id, cpr, titel, email, "emailVerificeret", udsendelsesinterval, "smsNotifikation", soegeparametre,
                              "emailTokenHash", "emailTokenUdloeber", oprettet, opdateret)
        SELECT ${id}::uuid, b.cpr, ${c.titel}::varchar, ${c.email}::varchar, false, ${c.udsendelsesinterval}::varchar,
               ${c.smsNotifikation}::boolean, ${c.soegeparametre}::jsonb, ${t?.hash ?? null}::char(64),
               ${t?.udloeber ?? null}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
        FROM b
        RETURNING *
      )${t ? Prisma.sql`, m AS (${outboxInsert(t, now, Prisma.raw('j'), Prisma.raw('true'))})` : Prisma.empty}
      SELECT ${COLUMNS} FROM j`,
    );
    if (rows.length === 1) return toJobagent(rows[0]);
    requireLiving(await readBorgerStatus(this.prisma, cpr));
    throw new RuleViolation(9901, { detail: `A citizen can have at most ${MAX_JOBAGENTER_PR_BORGER} job agents` });
  }

  /**
   * UpdateJobagent: replaces title, notification and search, in one statement. A changed e-mail
   * is unverified again and gets a new token and mail; so does an unchanged, still unverified
   * e-mail whose token has expired (the way to ask for a new one).
   */
  async update(cpr: string, id: string, input: JobagentInput): Promise<Jobagent> {
    checkSoegeparametre(input.soegeparametre);
    const now = this.clock.now();
    const key = id.toLowerCase();
    const c = toColumns(input);
    const t = c.email === null ? null : emailToken(now, key, c.titel);
    const email = Prisma.sql`${c.email}::varchar`;
    // In SET, j.* are the values before the update.
    const same = Prisma.sql`(j.email IS NOT DISTINCT FROM ${email})`;
    const issue = t
      ? Prisma.sql`(NOT ${same} OR (NOT j."emailVerificeret" AND COALESCE(j."emailTokenUdloeber" <= ${now}::timestamptz, true)))`
      : Prisma.sql`false`;
    const rows = await this.prisma.$queryRaw<JobagentRecord[]>`
      WITH u AS (
        UPDATE jobagent j SET
          titel = ${c.titel}, email = ${email}, udsendelsesinterval = ${c.udsendelsesinterval}::varchar,
          "smsNotifikation" = ${c.smsNotifikation}, soegeparametre = ${c.soegeparametre}::jsonb, opdateret = ${now}::timestamptz,
          "emailVerificeret" = ${same} AND j."emailVerificeret" AND ${email} IS NOT NULL,
          "emailTokenHash" = CASE WHEN ${issue} THEN ${t?.hash ?? null}::char(64) WHEN ${same} THEN j."emailTokenHash" END,
          "emailTokenUdloeber" = CASE WHEN ${issue} THEN ${t?.udloeber ?? null}::timestamptz WHEN ${same} THEN j."emailTokenUdloeber" END
        FROM borger b
        WHERE j.id = ${key}::uuid AND j.cpr = ${cpr} AND b.cpr = j.cpr AND b.doedsdato IS NULL
        RETURNING j.*, (j."emailTokenHash" IS NOT DISTINCT FROM ${t?.hash ?? null}::char(64) AND j."emailTokenHash" IS NOT NULL) AS issued
      )${t ? Prisma.sql`, m AS (${outboxInsert(t, now, Prisma.raw('u'), Prisma.raw('s.issued'))})` : Prisma.empty}
      SELECT ${COLUMNS} FROM u j`;
    if (rows.length === 1) return toJobagent(rows[0]);
    await this.diagnoseOwn(cpr, key);
    throw new Error('UpdateJobagent changed no row, yet every rule holds');
  }

  /**
   * VerificereEmail: marks the e-mail verified when the token is the one last mailed for it and has
   * not expired. The token is used up. 422/4375 when the job agent has no e-mail, 400/1014 on /token
   * for a wrong, used or expired token.
   */
  async verifyEmail(cpr: string, id: string, token: string): Promise<Jobagent> {
    const now = this.clock.now();
    const key = id.toLowerCase();
    const hash = hashToken(token);
    const rows = await this.prisma.$queryRaw<JobagentRecord[]>`
      UPDATE jobagent j SET "emailVerificeret" = true, "emailTokenHash" = NULL, "emailTokenUdloeber" = NULL, opdateret = ${now}::timestamptz
      FROM borger b
      WHERE j.id = ${key}::uuid AND j.cpr = ${cpr} AND b.cpr = j.cpr AND b.doedsdato IS NULL
        AND j.email IS NOT NULL AND j."emailTokenHash" = ${hash} AND j."emailTokenUdloeber" > ${now}::timestamptz
      RETURNING ${COLUMNS}`;
    if (rows.length === 1) return toJobagent(rows[0]);
    const own = await this.diagnoseOwn(cpr, key, hash);
    if (!own.email) throw new RuleViolation(4375, { felt: '/jobagentId', detail: 'The job agent has no e-mail address to verify' });
    if (own.tokenMatches) throw wrongToken('The verification token has expired; change the e-mail (or save it again) to get a new one');
    throw wrongToken('The verification token is not the one last sent for this job agent, or it has been used');
  }

  /** DeleteJobagent, and the citizen's counter with it, in one statement. Allowed for a deceased citizen. */
  async delete(cpr: string, id: string): Promise<void> {
    const deleted = await this.prisma.$executeRaw`
      WITH d AS (DELETE FROM jobagent WHERE id = ${id.toLowerCase()}::uuid AND cpr = ${cpr} RETURNING cpr)
      UPDATE borger b SET "antalJobagenter" = b."antalJobagenter" - 1 FROM d WHERE b.cpr = d.cpr`;
    if (deleted === 1) return;
    requireKnown(await readBorgerStatus(this.prisma, cpr));
    throw notFound();
  }

  /** AfventendeMails (not in production): the outbox's unsent mails, newest first. */
  async pendingMails(limit: number): Promise<AfventendeMail[]> {
    const rows = await this.prisma.mailUdbakke.findMany({ where: { sendt: null }, orderBy: [{ oprettet: 'desc' }, { id: 'asc' }], take: limit });
    return rows.map((r) => ({ id: r.id, modtager: r.modtager, emne: r.emne, tekst: r.tekst, oprettet: r.oprettet.toISOString() }));
  }

  /**
   * The failure path of a write to one job agent: 1010, 4405 or 4589 in that order (the
   * citizen's rules first). Returns what the caller may still need to tell apart.
   */
  private async diagnoseOwn(cpr: string, id: string, tokenHash?: string) {
    const rows = await this.prisma.$queryRaw<{ doed: boolean; id: string | null; email: string | null; tokenMatches: boolean | null }[]>`
      SELECT b.doedsdato IS NOT NULL AS doed, j.id, j.email, (j."emailTokenHash" = ${tokenHash ?? null}::char(64)) AS "tokenMatches"
      FROM borger b LEFT JOIN jobagent j ON j.cpr = b.cpr AND j.id = ${id}::uuid
      WHERE b.cpr = ${cpr}`;
    requireLiving(rows[0] ? { doed: rows[0].doed } : null);
    if (rows[0].id === null) throw notFound();
    return { email: rows[0].email, tokenMatches: rows[0].tokenMatches === true };
  }
}
