import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { Prisma, type PrismaClient } from '../../../generated/prisma/client';
import { today, type Clock } from '../../../domain/clock';
import type { Principal, Role } from '../../../domain/access';
import { RuleViolation } from '../../../domain/errors';
import { requireLiving } from '../../../services/borger';
import type { AsylovergangOpdater, AsylovergangOpret, AsylovergangSvar } from './schemas';

type Db = Pick<PrismaClient, '$queryRaw'>;
/** A pg client or pool (ReplaceCV checks the window inside its own transaction, on a pg client). */
export type PgQueryable = Pick<PoolClient, 'query'>;

/** A stored asylum transition, dates as YYYY-MM-DD. */
export interface Asylovergang {
  overgangsdato: string;
  cvRedigeringSlutdato: string;
  tidligCvOvergangsdato: string | null;
  tidligIntegrationskontraktOvergangsdato: string | null;
  overgangskommune: string;
  rettelseskommentar: string | null;
}

const COLUMNS = Prisma.raw(`to_char(overgangsdato, 'YYYY-MM-DD') AS overgangsdato,
  to_char("cvRedigeringSlutdato", 'YYYY-MM-DD') AS "cvRedigeringSlutdato",
  to_char("tidligCvOvergangsdato", 'YYYY-MM-DD') AS "tidligCvOvergangsdato",
  to_char("tidligIntegrationskontraktOvergangsdato", 'YYYY-MM-DD') AS "tidligIntegrationskontraktOvergangsdato",
  overgangskommune, rettelseskommentar`);

export async function readAsylovergang(db: Db | PgQueryable, cpr: string): Promise<Asylovergang | null> {
  if ('query' in db) {
    const { rows } = await db.query<Asylovergang>(`SELECT ${COLUMNS.text} FROM asyl_overgang WHERE cpr = $1`, [cpr]);
    return rows[0] ?? null;
  }
  const rows = await db.$queryRaw<Asylovergang[]>`SELECT ${COLUMNS} FROM asyl_overgang WHERE cpr = ${cpr}`;
  return rows[0] ?? null;
}

/**
 * The date rules both operations share; input rules, checked before the write (the table's CHECK
 * constraints hold the same, so no row can break them). Dates are YYYY-MM-DD, so string order is
 * date order.
 */
export function checkDatoer(input: AsylovergangOpret): void {
  if (input.cvRedigeringSlutdato < input.overgangsdato) throw new RuleViolation(9196, { felt: '/cvRedigeringSlutdato' });
  if (input.tidligCvOvergangsdato !== undefined && input.tidligCvOvergangsdato > input.overgangsdato) {
    throw new RuleViolation(9243, { felt: '/tidligCvOvergangsdato' });
  }
  if (input.tidligIntegrationskontraktOvergangsdato !== undefined && input.tidligIntegrationskontraktOvergangsdato > input.overgangsdato) {
    throw new RuleViolation(9243, { felt: '/tidligIntegrationskontraktOvergangsdato' });
  }
}

const harTekst = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

/**
 * 9244: TransitionMunicipality is "the municipality that wants access to the data": it must be the
 * calling job centre's own (the token's `org`, compared as numbers: "751" = "0751"). "-1", which the
 * pattern allows without explaining, names no municipality and is accepted as such.
 */
export function checkKommune(caller: Pick<Principal, 'organisation'>, overgangskommune: string): void {
  if (overgangskommune === '-1') return;
  if (!caller.organisation || Number(caller.organisation) !== Number(overgangskommune)) {
    throw new RuleViolation(9244, { felt: '/overgangskommune' });
  }
}

/** A municipality code without leading zeros ("0751" -> "751"), or null when the token has none. */
const kommunenoegle = (organisation: string | undefined): string | null =>
  organisation && /^[0-9]{1,8}$/.test(organisation) ? String(Number(organisation)) : null;

/** What the failure path reads to name the rule: the citizen, their job centre and their CV's state. */
interface Diagnose {
  doed: boolean;
  kommunekode: string | null;
  tilstand: string | null;
}

async function diagnose(db: Db, cpr: string): Promise<Diagnose | null> {
  const rows = await db.$queryRaw<Diagnose[]>`
    SELECT b.doedsdato IS NOT NULL AS doed, s.kommunekode, c.tilstand
    FROM borger b LEFT JOIN cv_stamdata s ON s.cpr = b.cpr LEFT JOIN cv c ON c.cpr = b.cpr
    WHERE b.cpr = ${cpr}`;
  return rows[0] ?? null;
}

/** 1010, 4405, then 6005: the citizen belongs to another job centre (or none). */
function requireServed(d: Diagnose | null, organisation: string | undefined): asserts d is Diagnose {
  requireLiving(d ? { doed: d.doed } : null);
  if (!d!.kommunekode || !organisation || Number(d!.kommunekode) !== Number(organisation)) throw new RuleViolation(6005);
}

/** 4753 archived, 4754 disabled, 4823 locked (cv's states). */
function requireActiveCv(tilstand: string | null): void {
  if (tilstand === 'Arkiveret') throw new RuleViolation(4753);
  if (tilstand === 'Deaktiveret') throw new RuleViolation(4754);
  if (tilstand === 'Laast') throw new RuleViolation(4823);
}

/**
 * Whether ReplaceCV may change this citizen's CV today (CVService ReplaceCV, 9230/9231/9248/9266).
 * The window of a citizen with an asylum transition opens on EarlyCVTransitionDate, or on
 * AsylumTransitionDate when there is no early date (before: 9248 resp. 9231), and for the job
 * centre it closes after CVEditEndDate ("Dato for hvornår jobcenter ikke længere kan rette i CV":
 * 9230). A job centre may replace a CV only for a citizen with an asylum transition (9266).
 * The citizen's own edits are held only by the opening (before it, the CV is still the asylum
 * system's); after CVEditEndDate the CV is the citizen's own. Without a transition a citizen may
 * always edit. Throws the RuleViolation; returns the transition (or null) when allowed.
 *
 * `db` is Prisma or a pg client (e.g. ReplaceCV's transaction, after it locked the CV account);
 * `dag` is the business day (YYYY-MM-DD, Europe/Copenhagen: `today(clock)`); `rolle` the caller's.
 */
export async function checkCvEditWindow(db: Db | PgQueryable, cpr: string, dag: string, rolle: Role = 'borger'): Promise<Asylovergang | null> {
  const overgang = await readAsylovergang(db, cpr);
  checkCvEditWindowFor(overgang, dag, rolle);
  return overgang;
}

/**
 * The shape CvService takes for ReplaceCV's window check (its constructor's `checkEditWindow`):
 * ReplaceCV is the citizen's own operation, so the citizen's rule applies.
 */
export const asylumEditWindowCheck = async (db: PgQueryable, cpr: string, dag: string): Promise<void> => {
  await checkCvEditWindow(db, cpr, dag, 'borger');
};

/** checkCvEditWindow's rule on an already-read transition (for a caller that reads it in its own statement). */
export function checkCvEditWindowFor(overgang: Asylovergang | null, dag: string, rolle: Role): void {
  if (!overgang) {
    if (rolle === 'jobcenter') throw new RuleViolation(9266);
    return;
  }
  if (overgang.tidligCvOvergangsdato !== null) {
    if (dag < overgang.tidligCvOvergangsdato) throw new RuleViolation(9248);
  } else if (dag < overgang.overgangsdato) {
    throw new RuleViolation(9231);
  }
  if (rolle === 'jobcenter' && dag > overgang.cvRedigeringSlutdato) throw new RuleViolation(9230);
}

export class AsylovergangService {
  constructor(
    private readonly prisma: Db,
    private readonly clock: Clock,
  ) {}

  private kvittering(at: Date): AsylovergangSvar {
    return { serviceKvittering: { haendelsestidspunkt: at.toISOString(), beskedId: randomUUID() } };
  }

  /**
   * CreateAsylumTransition: one INSERT that checks the citizen (1010, 4405), that the caller's job
   * centre serves them (6005), that their CV is not archived, disabled or locked (4753/4754/4823),
   * and uniqueness (9302).
   */
  async create(caller: Pick<Principal, 'organisation'>, cpr: string, input: AsylovergangOpret): Promise<AsylovergangSvar> {
    checkDatoer(input);
    checkKommune(caller, input.overgangskommune);
    const org = kommunenoegle(caller.organisation);
    const now = this.clock.now();
    const rows = await this.prisma.$queryRaw<{ cpr: string }[]>`
      INSERT INTO asyl_overgang (cpr, overgangsdato, "cvRedigeringSlutdato", "tidligCvOvergangsdato",
        "tidligIntegrationskontraktOvergangsdato", overgangskommune, oprettet, opdateret)
      SELECT b.cpr, ${input.overgangsdato}::date, ${input.cvRedigeringSlutdato}::date, ${input.tidligCvOvergangsdato ?? null}::date,
        ${input.tidligIntegrationskontraktOvergangsdato ?? null}::date, ${input.overgangskommune}, ${now}::timestamptz, ${now}::timestamptz
      FROM borger b JOIN cv_stamdata s ON s.cpr = b.cpr LEFT JOIN cv c ON c.cpr = b.cpr
      WHERE b.cpr = ${cpr} AND b.doedsdato IS NULL AND ltrim(s.kommunekode, '0') = ${org}::text
        AND coalesce(c.tilstand, 'Aktiv') = 'Aktiv'
      ON CONFLICT (cpr) DO NOTHING
      RETURNING cpr`;
    if (rows.length === 1) return this.kvittering(now);
    const d = await diagnose(this.prisma, cpr);
    requireServed(d, caller.organisation);
    requireActiveCv(d.tilstand);
    throw new RuleViolation(9302);
  }

  /**
   * UpdateAsylumTransition: one UPDATE whose WHERE holds the rules on the stored row: it exists
   * (9201), its CVEditEndDate has not passed (9200), and a changed AsylumTransitionDate comes
   * with a correction comment (9202). The failure path reads once to name the rule.
   */
  async update(caller: Pick<Principal, 'organisation'>, cpr: string, input: AsylovergangOpdater): Promise<AsylovergangSvar> {
    checkDatoer(input);
    checkKommune(caller, input.overgangskommune);
    const org = kommunenoegle(caller.organisation);
    const now = this.clock.now();
    const dag = today(this.clock);
    const kommentar = harTekst(input.rettelseskommentar) ? input.rettelseskommentar.trim() : null;
    const rows = await this.prisma.$queryRaw<{ cpr: string }[]>`
      UPDATE asyl_overgang a SET
        overgangsdato = ${input.overgangsdato}::date,
        "cvRedigeringSlutdato" = ${input.cvRedigeringSlutdato}::date,
        "tidligCvOvergangsdato" = ${input.tidligCvOvergangsdato ?? null}::date,
        "tidligIntegrationskontraktOvergangsdato" = ${input.tidligIntegrationskontraktOvergangsdato ?? null}::date,
        overgangskommune = ${input.overgangskommune},
        rettelseskommentar = COALESCE(${kommentar}::text, a.rettelseskommentar),
        opdateret = ${now}::timestamptz
      FROM borger b JOIN cv_stamdata s ON s.cpr = b.cpr
      WHERE a.cpr = ${cpr} AND b.cpr = a.cpr AND b.doedsdato IS NULL
        AND ltrim(s.kommunekode, '0') = ${org}::text
        AND a."cvRedigeringSlutdato" >= ${dag}::date
        AND (a.overgangsdato = ${input.overgangsdato}::date OR ${kommentar}::text IS NOT NULL)
      RETURNING a.cpr`;
    if (rows.length === 1) return this.kvittering(now);

    requireServed(await diagnose(this.prisma, cpr), caller.organisation);
    const stored = await readAsylovergang(this.prisma, cpr);
    if (!stored) throw new RuleViolation(9201);
    if (stored.cvRedigeringSlutdato < dag) throw new RuleViolation(9200);
    throw new RuleViolation(9202, { felt: '/rettelseskommentar' });
  }
}
