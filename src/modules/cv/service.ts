import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { Prisma } from '../../generated/prisma/client';
import type { Clock } from '../../domain/clock';
import { today } from '../../domain/clock';
import type { Principal } from '../../domain/access';
import { birthDate } from '../../domain/cpr';
import { RuleViolation } from '../../domain/errors';
import { mergedRead } from '../../db/merged-read';
import { rawQuery } from '../../db/sql';
import { akasseMedlemskabJoin } from '../../db/person-fakta';
import { unknownCitizen } from '../../services/borger';
import { sanitizeSummary, summaryPlainText } from './html';
import {
  AKASSE_KONTAKTGRUPPER,
  INITIAL_CV_STATUS,
  KOEREKORT,
  SPROG,
  type CvSoegbarhed,
  type CvTilstand,
  type SettableCvStatus,
  type Ydelsesgruppe,
} from './kodelister';
import type { AdgangslogPost, Cv, CvInput, CvPaaStatus, CvProfil, SaetCvStatusInput } from './schemas';

/**
 * ReplaceCV's asylum window (src/modules/cv/asyl/: asylumEditWindowCheck, which the routes pass in):
 * called inside ReplaceCV's transaction, on the locked CV account. Without one (bench, unit use),
 * no window applies.
 */
type EditWindowCheck = (db: PoolClient, cpr: string, day: string) => Promise<void>;
const noAsylumCheck: EditWindowCheck = async () => {};

/** Everything the CV rules ask of a citizen, in one row (borger LEFT JOIN the CV tables). */
export interface CvContext {
  cpr: string;
  fornavn: string;
  efternavn: string;
  doed: boolean;
  kontaktgruppe: number | null;
  kommunekode: string | null;
  kommunenavn: string | null;
  akasse: string | null;
  ydelsesgruppe: Ydelsesgruppe | null;
  landekode: string | null;
  adresselinje: string | null;
  postnummer: string | null;
  postdistrikt: string | null;
  coAdresse: string | null;
  cvNummer: string | null;
  tilstand: CvTilstand | null;
  status: number | null;
  kommentar: string | null;
  soegbar: boolean | null;
  versionId: string | null;
  dokument?: CvProfil | null;
}

export const CONTEXT_COLUMNS = Prisma.raw(`b.cpr, b.fornavn, b.efternavn, b.doedsdato IS NOT NULL AS doed, b.kontaktgruppe,
  s.kommunekode, s.kommunenavn, m."akasseNummer" AS akasse, s.ydelsesgruppe, s.landekode, s.adresselinje, s.postnummer, s.postdistrikt, s."coAdresse",
  k."cvNummer", c.tilstand, c.status, c.kommentar, c.soegbar, c."versionId"`);
/**
 * The context's tables: the citizen, the CV's registry data (cv_stamdata: municipality, benefit
 * group, address), the a-kasse membership active on the day `dag` (the shared fact,
 * src/db/person-fakta.ts; an SQL date expression), the account and the CV.
 */
export function contextFrom(dag: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`borger b LEFT JOIN cv_stamdata s ON s.cpr = b.cpr ${akasseMedlemskabJoin(dag)} LEFT JOIN jobnet_konto k ON k.cpr = b.cpr
  LEFT JOIN cv c ON c.cpr = b.cpr`;
}
/** contextFrom for a text statement whose day is the positional parameter `$<n>`. */
export const contextFromText = (n: number) => contextFrom(Prisma.raw(`$${n}::date`)).text;

/**
 * ReplaceCV's lock: the CV account's row (it exists before the first CV), so a citizen's replaces
 * queue. A statement of its own: the read after it takes a new snapshot (READ COMMITTED) and so sees
 * what a replace that held the lock before has committed. (A join in the locking statement would
 * still see the rows as they were before it waited.)
 */
export const REPLACE_LOCK_SQL = `SELECT 1 FROM jobnet_konto WHERE cpr = $1 FOR UPDATE`;

/** ReplaceCV's read under the lock: the citizen, the account and the current CV. $1 the CPR, $2 the day. */
export const REPLACE_READ_SQL = `SELECT ${CONTEXT_COLUMNS.text}, v.dokument FROM jobnet_konto k JOIN borger b ON b.cpr = k.cpr
           LEFT JOIN cv_stamdata s ON s.cpr = b.cpr ${akasseMedlemskabJoin(Prisma.raw('$2::date')).text}
           LEFT JOIN cv c ON c.cpr = b.cpr LEFT JOIN cv_version v ON v.id = c."versionId"
         WHERE k.cpr = $1`;

/** ReplaceCV's write: the CV (created or pointed at the new version), the version, and one event per changed element. */
export const REPLACE_WRITE_SQL = `WITH c AS (
           INSERT INTO cv (cpr, tilstand, status, soegbar, "versionId", oprettet, opdateret)
           VALUES ($1, 'Aktiv', ${INITIAL_CV_STATUS}, true, $2::uuid, $3::timestamptz, $3::timestamptz)
           ON CONFLICT (cpr) DO UPDATE SET "versionId" = EXCLUDED."versionId", opdateret = EXCLUDED.opdateret
           RETURNING cpr
         ), v AS (
           INSERT INTO cv_version (id, cpr, aarsag, tidspunkt, dokument, stillinger, uddannelsesniveauer, sprog, koerekort, postnummer, opdateret)
           SELECT $2::uuid, c.cpr, 'ReplaceCV', $3::timestamptz, $4::jsonb, $5::int[], $6::text[], $7::text[], $8::text[], $9, $3::timestamptz FROM c
         )
         INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, noegle, "versionId", tidspunkt)
         SELECT c.cpr, $10, 'Element', e.operation, e.element, e.noegle, $2::uuid, $3::timestamptz
         FROM c, unnest($11::text[], $12::text[], $13::text[]) AS e(operation, element, noegle)`;

/** The parameters of REPLACE_WRITE_SQL: the new document, its search columns and the element events against the old one. */
export function replaceWriteParams(ctx: CvContext & { dokument?: CvProfil | null }, profil: CvProfil, versionId: string, now: Date): unknown[] {
  const changes = elementChanges(ctx.dokument, profil);
  const s = searchColumns(profil);
  return [
    ctx.cpr,
    versionId,
    now,
    JSON.stringify(profil),
    s.stillinger,
    s.uddannelsesniveauer,
    s.sprog,
    s.koerekort,
    s.postnummer,
    ctx.cvNummer,
    changes.map((c) => c.operation),
    changes.map((c) => c.element),
    changes.map((c) => c.noegle),
  ];
}

/** Who reads: the owner, or someone whose read is written to the audit log. */
export const isOwner = (p: Principal, cpr: string | undefined) => p.role === 'borger' && p.cpr === cpr;

/**
 * May this principal read the citizen's CV? A citizen their own (the CPR header hook already refused
 * another's), system every CV; an other actor none (4511); a job centre those of its municipality
 * (8292); an a-kasse those of its members (4385 without a membership, 8291 for another a-kasse).
 */
export function checkReader(p: Principal, ctx: Pick<CvContext, 'kommunekode' | 'akasse'>): void {
  switch (p.role) {
    case 'borger':
    case 'system':
      return;
    case 'anden-aktoer':
      throw new RuleViolation(4511);
    case 'jobcenter':
      if (!ctx.kommunekode || ctx.kommunekode !== p.organisation) throw new RuleViolation(8292, { detail: 'The job centre does not serve this citizen' });
      return;
    case 'a-kasse':
      if (!ctx.akasse) throw new RuleViolation(4385);
      if (ctx.akasse !== p.organisation) throw new RuleViolation(8291);
      return;
    default:
      throw new RuleViolation(4575);
  }
}

/** 4103 without a CV account, 4755 without a CV. */
function requireCv(ctx: CvContext): asserts ctx is CvContext & { cvNummer: string; tilstand: CvTilstand; status: number; soegbar: boolean; versionId: string } {
  if (!ctx.cvNummer) throw new RuleViolation(4103);
  if (!ctx.tilstand) throw new RuleViolation(4755);
}

/** 4753 archived, 4754 disabled, 4823 locked. */
function requireActive(tilstand: CvTilstand): void {
  if (tilstand === 'Arkiveret') throw new RuleViolation(4753);
  if (tilstand === 'Deaktiveret') throw new RuleViolation(4754);
  if (tilstand === 'Laast') throw new RuleViolation(4823);
}

/** The personal data of the profile, from the registries (names, CPR, address) and the CV's contact data. */
function personligeData(ctx: CvContext, kontakt: CvProfil['personligeData']['kontaktoplysninger']): CvProfil['personligeData'] {
  const foedselsdato = birthDate(ctx.cpr);
  return {
    efternavn: ctx.efternavn,
    fornavn: ctx.fornavn,
    ...(foedselsdato ? { foedselsdato } : {}),
    koen: Number(ctx.cpr[9]) % 2 === 1 ? 'Male' : 'Female',
    ...(ctx.adresselinje && ctx.postnummer && ctx.postdistrikt
      ? {
          postadresse: {
            landekode: ctx.landekode ?? 'DK',
            adresselinje: ctx.adresselinje,
            postnummer: ctx.postnummer,
            postdistrikt: ctx.postdistrikt,
            ...(ctx.coAdresse ? { coAdresse: ctx.coAdresse } : {}),
          },
        }
      : {}),
    kontaktoplysninger: kontakt,
  };
}

const kommune = (ctx: CvContext) => (ctx.kommunekode && ctx.kommunenavn ? { kommune: { kommunekode: ctx.kommunekode, kommunenavn: ctx.kommunenavn } } : {});

/**
 * GetCV's answer from the citizen's context row with the current document: 4103 without an
 * account, 4755 without a CV, 4753/4754/4823 when it is not active. Personal data are today's.
 */
export function toCv(ctx: CvContext): Cv {
  requireCv(ctx);
  requireActive(ctx.tilstand);
  const dokument = ctx.dokument as CvProfil;
  return {
    ...kommune(ctx),
    cvStatus: ctx.status,
    ...(ctx.kommentar ? { cvKommentar: ctx.kommentar } : {}),
    cvProfil: { ...dokument, cvNummer: ctx.cvNummer, personligeData: personligeData(ctx, dokument.personligeData.kontaktoplysninger) },
  };
}

/**
 * Cross-field rules of a CV that a JSON schema cannot say: 400/1014 with the field. Returns the
 * sanitised summary (undefined without one), which toProfil takes so it is sanitised only once.
 */
export function checkCvInput(input: CvInput): string | undefined {
  const bad = (felt: string, detail: string) => new RuleViolation(1014, { felt, detail });
  const unique = <T>(items: readonly T[], key: (t: T) => unknown, felt: string, what: string) => {
    const seen = new Set<unknown>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) throw bad(`${felt}/${i}`, `${what} appears more than once`);
      seen.add(k);
    });
  };
  unique(input.jobmaal, (j) => j.stillingsbetegnelseReference, '/jobmaal', 'The job target (stillingsbetegnelseReference)');
  unique(input.cv.koerekort, (k) => k.kode, '/cv/koerekort', 'The driver licence');
  unique(input.cv.sprogkundskaber, (s) => s.kode, '/cv/sprogkundskaber', 'The language');
  unique(input.cv.websider, (w) => w, '/cv/websider', 'The website');
  const ordered = (items: readonly { startdato?: { aar: number; maaned?: number }; slutdato?: { aar: number; maaned?: number } }[], felt: string) =>
    items.forEach((item, i) => {
      if (!item.startdato || !item.slutdato) return;
      const start = item.startdato.aar * 100 + (item.startdato.maaned ?? 0);
      const slut = item.slutdato.aar * 100 + (item.slutdato.maaned ?? 12);
      if (slut < start) throw bad(`${felt}/${i}/slutdato`, 'slutdato must not be before startdato');
    });
  ordered(input.cv.tidligereErhvervserfaring, '/cv/tidligereErhvervserfaring');
  ordered(input.cv.uddannelser, '/cv/uddannelser');
  ordered(input.cv.andreErfaringer, '/cv/andreErfaringer');
  if (!input.cv.fagligProfil) return undefined;
  const sanitized = sanitizeSummary(input.cv.fagligProfil.htmlTekst);
  if (sanitized.length === 0 && input.cv.fagligProfil.htmlTekst.trim() !== '') {
    throw bad('/cv/fagligProfil/htmlTekst', 'The professional summary has no text left after removing the HTML that is not allowed');
  }
  return sanitized;
}

/** The profile document of an input: the names of codes filled in, the summary sanitised. */
export function toProfil(ctx: CvContext, cvNummer: string, input: CvInput, sanitized?: string): CvProfil {
  const cv = input.cv;
  let fagligProfil: CvProfil['cv']['fagligProfil'];
  if (cv.fagligProfil) {
    const htmlTekst = sanitized ?? sanitizeSummary(cv.fagligProfil.htmlTekst);
    if (htmlTekst) fagligProfil = { htmlTekst, tekst: summaryPlainText(htmlTekst) };
  }
  return {
    cvNummer,
    personligeData: personligeData(ctx, input.kontaktoplysninger),
    jobbetingelser: input.jobbetingelser,
    jobmaal: input.jobmaal,
    cv: {
      tidligereErhvervserfaring: cv.tidligereErhvervserfaring,
      uddannelser: cv.uddannelser,
      kvalifikationer: cv.kvalifikationer,
      koerekort: cv.koerekort.map((k) => ({ kode: k.kode, navn: KOEREKORT[k.kode] })),
      sprogkundskaber: cv.sprogkundskaber.map((s) => ({ kode: s.kode, navn: SPROG[s.kode], niveau: s.niveau })),
      andreErfaringer: cv.andreErfaringer,
      ...(fagligProfil ? { fagligProfil } : {}),
      websider: cv.websider,
    },
  };
}

/** The indexed columns of a version, for the CV search. */
export function searchColumns(p: CvProfil) {
  const stillinger = new Set<number>();
  for (const j of p.jobmaal) stillinger.add(j.stillingsbetegnelseReference);
  for (const t of p.cv.tidligereErhvervserfaring) if (t.stillingsbetegnelseReference) stillinger.add(t.stillingsbetegnelseReference);
  const niveauer = new Set<string>();
  for (const u of p.cv.uddannelser) if (u.uddannelsesniveau) niveauer.add(u.uddannelsesniveau);
  return {
    stillinger: [...stillinger],
    uddannelsesniveauer: [...niveauer],
    sprog: p.cv.sprogkundskaber.map((s) => s.kode),
    koerekort: p.cv.koerekort.map((k) => k.kode),
    postnummer: p.personligeData.postadresse?.postnummer ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Element events: what changed between two CVs

export interface ElementHaendelse {
  operation: 'Create' | 'Update' | 'Delete';
  element: string;
  noegle: string;
}

/**
 * Deep equality of JSON values, regardless of key order (a document read back from JSONB has its
 * keys in another order) and of keys whose value is undefined (JSON drops them).
 */
export function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ya = y as unknown[];
    return x.length === ya.length && x.every((v, i) => sameJson(v, ya[i]));
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  let n = 0;
  for (const k in xo) {
    if (xo[k] === undefined) continue;
    n++;
    if (!sameJson(xo[k], yo[k])) return false;
  }
  for (const k in yo) if (yo[k] !== undefined) n--;
  return n === 0;
}

const partial = (d?: { aar: number; maaned?: number }) => (d ? `${d.aar}-${d.maaned ?? ''}` : '');

/**
 * The CV's elements by a natural key (the specification gives no element ids): a list element is
 * created, updated (same key, other content) or deleted. Keys that repeat in one list get #2, #3.
 */
export function cvElements(p: CvProfil | null | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!p) return out;
  const add = (element: string, key: string, value: unknown) => {
    let k = `${element}:${key}`.slice(0, 330);
    for (let n = 2; out.has(k); n++) k = `${element}:${key}#${n}`.slice(0, 340);
    out.set(k, value);
  };
  add('Kontaktoplysninger', '', p.personligeData.kontaktoplysninger);
  add('Jobbetingelser', '', p.jobbetingelser);
  for (const j of p.jobmaal) add('Jobmaal', String(j.stillingsbetegnelseReference), j);
  for (const t of p.cv.tidligereErhvervserfaring) add('TidligereErhvervserfaring', `${t.stillingsbetegnelse}|${t.arbejdsgiver}|${partial(t.startdato)}`, t);
  for (const u of p.cv.uddannelser) add('Uddannelse', `${u.art}|${u.titel}|${partial(u.startdato)}`, u);
  for (const k of p.cv.kvalifikationer) add('Kvalifikation', k.kvalifikationReference ? String(k.kvalifikationReference) : k.navn, k);
  for (const k of p.cv.koerekort) add('Koerekort', k.kode, k);
  for (const s of p.cv.sprogkundskaber) add('Sprogkundskab', s.kode, s);
  for (const a of p.cv.andreErfaringer) add('AndenErfaring', `${a.titel}|${a.sted}|${partial(a.startdato)}`, a);
  if (p.cv.fagligProfil) add('FagligProfil', '', p.cv.fagligProfil);
  for (const w of p.cv.websider) add('Webside', w, w);
  return out;
}

export function elementChanges(before: CvProfil | null | undefined, after: CvProfil): ElementHaendelse[] {
  const a = cvElements(before);
  const b = cvElements(after);
  const changes: ElementHaendelse[] = [];
  const split = (k: string) => {
    const i = k.indexOf(':');
    return { element: k.slice(0, i), noegle: k.slice(i + 1).slice(0, 300) };
  };
  for (const [k, v] of b) {
    if (!a.has(k)) changes.push({ operation: 'Create', ...split(k) });
    else if (!sameJson(a.get(k), v)) changes.push({ operation: 'Update', ...split(k) });
  }
  for (const k of a.keys()) if (!b.has(k)) changes.push({ operation: 'Delete', ...split(k) });
  return changes;
}

// ---------------------------------------------------------------------------------------------

/** Runs fn in a transaction on one pooled connection: COMMIT when it returns, ROLLBACK when it throws. */
async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

export interface Kvittering {
  serviceKvittering: { haendelsestidspunkt: string; beskedId: string };
}

/**
 * The CV area's rules and storage. Reads are one statement (borger LEFT JOIN the CV tables, the
 * hot GetCV merged across concurrent requests); ReplaceCV is one transaction on the locked CV
 * account; status and searchability are one conditional statement each, with one diagnostic read
 * on the failure path (docs/write-pattern.md).
 */
export class CvService {
  constructor(
    private readonly clock: Clock,
    private readonly pool: Pool,
    private readonly checkEditWindow: EditWindowCheck = noAsylumCheck,
  ) {}

  /** The context's tables on today's date (the a-kasse membership active today). */
  private from(): Prisma.Sql {
    return contextFrom(Prisma.sql`${today(this.clock)}::date`);
  }

  /** The context of one citizen, with the current document when asked; null: unknown citizen. */
  async context(cpr: string, withDocument = false): Promise<CvContext | null> {
    const rows = await rawQuery<CvContext>(
      this.pool,
      withDocument
        ? Prisma.sql`SELECT ${CONTEXT_COLUMNS}, v.dokument FROM ${this.from()} LEFT JOIN cv_version v ON v.id = c."versionId" WHERE b.cpr = ${cpr}`
        : Prisma.sql`SELECT ${CONTEXT_COLUMNS} FROM ${this.from()} WHERE b.cpr = ${cpr}`,
    );
    return rows[0] ?? null;
  }

  /** GetCV's read, merged across concurrent requests (db/merged-read.ts). */
  private readonly contextMerged = mergedRead(async (cprs: string[]) => {
    const rows = await rawQuery<CvContext>(
      this.pool,
      Prisma.sql`SELECT ${CONTEXT_COLUMNS}, v.dokument FROM ${this.from()} LEFT JOIN cv_version v ON v.id = c."versionId"
        WHERE b.cpr = ANY(${cprs}::bpchar[])`,
    );
    return new Map(rows.map((r) => [r.cpr, r]));
  });

  /** The reader's context: 4511 before anything is read, 1010, then the serving checks. */
  private async readable(p: Principal, cpr: string, withDocument: boolean, merged = false): Promise<CvContext> {
    if (p.role === 'anden-aktoer') throw new RuleViolation(4511);
    const ctx = merged ? await this.contextMerged(cpr) : await this.context(cpr, withDocument);
    if (!ctx) throw unknownCitizen();
    checkReader(p, ctx);
    return ctx;
  }

  /** GetCV: the CV as it is now: 4103, 4755, 4753/4754/4823. Personal data are today's. */
  async getCv(p: Principal, cpr: string): Promise<{ cv: Cv; cvNummer: string }> {
    const ctx = await this.readable(p, cpr, true, true);
    return { cvNummer: ctx.cvNummer ?? '', cv: toCv(ctx) };
  }

  /** GetCVStatus: status, comment and searchability. 4103, 4755. */
  async getStatus(p: Principal, cpr: string) {
    const ctx = await this.readable(p, cpr, false);
    requireCv(ctx);
    return {
      cvNummer: ctx.cvNummer,
      cvStatus: ctx.status,
      soegbarhed: (ctx.soegbar ? 'Active' : 'Inactive') as CvSoegbarhed,
      ...(ctx.kommentar ? { cvKommentar: ctx.kommentar } : {}),
    };
  }

  /** GetAvailableVersions: the status versions, newest first, optionally of one status. 4103. */
  async versions(p: Principal, cpr: string, status?: SettableCvStatus) {
    const ctx = await this.readable(p, cpr, false);
    if (!ctx.cvNummer) throw new RuleViolation(4103);
    const rows = await rawQuery<{ id: string; status: SettableCvStatus; tidspunkt: Date }>(
      this.pool,
      Prisma.sql`SELECT id, status, tidspunkt FROM cv_version WHERE cpr = ${cpr} AND aarsag = 'Status'
        ${status ? Prisma.sql`AND status = ${status}` : Prisma.empty} ORDER BY tidspunkt DESC, id LIMIT 500`,
    );
    return { cvNummer: ctx.cvNummer, versioner: rows.map((r) => ({ cvStatus: r.status, cvVersionId: r.id, versionstidspunkt: r.tidspunkt.toISOString() })) };
  }

  /**
   * GetCVOnStatus: a status version by id (9110 unknown for this citizen, 9112 when a status is
   * given too and differs) or the newest of a status (9111 none); 9113 without either. 4103.
   */
  async onStatus(p: Principal, cpr: string, q: { cvStatus?: SettableCvStatus; cvVersionId?: string }): Promise<{ version: CvPaaStatus; cvNummer: string }> {
    if (q.cvStatus === undefined && q.cvVersionId === undefined) throw new RuleViolation(9113);
    const ctx = await this.readable(p, cpr, false);
    if (!ctx.cvNummer) throw new RuleViolation(4103);
    const rows = await rawQuery<{ id: string; status: SettableCvStatus; kommentar: string | null; tidspunkt: Date; dokument: CvProfil }>(
      this.pool,
      q.cvVersionId
        ? Prisma.sql`SELECT id, status, kommentar, tidspunkt, dokument FROM cv_version
            WHERE id = ${q.cvVersionId.toLowerCase()}::uuid AND cpr = ${cpr} AND aarsag = 'Status'`
        : Prisma.sql`SELECT id, status, kommentar, tidspunkt, dokument FROM cv_version
            WHERE cpr = ${cpr} AND aarsag = 'Status' AND status = ${q.cvStatus} ORDER BY tidspunkt DESC, id LIMIT 1`,
    );
    const v = rows[0];
    if (!v) throw new RuleViolation(q.cvVersionId ? 9110 : 9111, { felt: q.cvVersionId ? '/cvVersionId' : '/cvStatus' });
    if (q.cvStatus !== undefined && v.status !== q.cvStatus) throw new RuleViolation(9112, { felt: '/cvStatus' });
    return {
      cvNummer: ctx.cvNummer,
      version: {
        ...kommune(ctx),
        cvStatus: v.status,
        ...(v.kommentar ? { cvKommentar: v.kommentar } : {}),
        cvVersionId: v.id,
        versionstidspunkt: v.tidspunkt.toISOString(),
        cvProfil: v.dokument,
      },
    };
  }

  /**
   * GetCVByCVNumber: the profile of the CV with this number, with the citizen's consent (9192).
   * 4400 unknown number, 4755 no CV, 4753/4754/4823. Returns the owner's CPR for the audit log.
   */
  async byNumber(cvNummer: string, samtykke: boolean): Promise<{ cvProfil: CvProfil; cpr: string | null }> {
    if (!samtykke) throw new RuleViolation(9192, { felt: '/borgerSamtykke' });
    const rows = await rawQuery<CvContext>(
      this.pool,
      Prisma.sql`SELECT ${CONTEXT_COLUMNS}, v.dokument FROM ${this.from()} LEFT JOIN cv_version v ON v.id = c."versionId"
        WHERE k."cvNummer" = ${cvNummer}`,
    );
    const ctx = rows[0];
    if (!ctx) throw new RuleViolation(4400, { felt: '/cvNummer' });
    if (!ctx.tilstand) throw new RuleViolation(4755);
    requireActive(ctx.tilstand);
    const dokument = ctx.dokument as CvProfil;
    return { cpr: ctx.cpr, cvProfil: { ...dokument, cvNummer, personligeData: personligeData(ctx, dokument.personligeData.kontaktoplysninger) } };
  }

  /**
   * ReplaceCV: creates or replaces the citizen's CV in one transaction: lock the CV account, read, check
   * (1010, 4405, 4103, 4753/4754/4823, the asylum window), then write the new version, point the CV
   * at it and record an event per changed element, in one statement.
   */
  async replace(cpr: string, input: CvInput): Promise<Kvittering> {
    const sanitized = checkCvInput(input);
    const now = this.clock.now();
    const client = await this.pool.connect();
    let released = false;
    try {
      await client.query('BEGIN');
      const locked = await client.query(REPLACE_LOCK_SQL, [cpr]);
      const ctx = locked.rowCount === 1 ? (await client.query<CvContext & { dokument: CvProfil | null }>(REPLACE_READ_SQL, [cpr, today(this.clock)])).rows[0] : undefined;
      if (!ctx) {
        await client.query('ROLLBACK');
        const known = await this.context(cpr);
        if (!known) throw unknownCitizen();
        if (known.doed) throw new RuleViolation(4405);
        throw new RuleViolation(4103);
      }
      if (ctx.doed) throw new RuleViolation(4405);
      if (ctx.tilstand) requireActive(ctx.tilstand);
      // The asylum window (9231, 9248; asyl/service.ts), on the locked account.
      await this.checkEditWindow(client, cpr, today(this.clock));

      const profil = toProfil(ctx, ctx.cvNummer!, input, sanitized);
      const versionId = randomUUID();
      await client.query(REPLACE_WRITE_SQL, replaceWriteParams(ctx, profil, versionId, now));
      await client.query('COMMIT');
      return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: versionId } };
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        client.release(true);
        released = true;
      }
      throw err;
    } finally {
      if (!released) client.release();
    }
  }

  /**
   * SetCVStatus / UpdateCVStatus. Rules in order: the serving checks (8292, 4385, 8291), 4103,
   * 4102, 4755, 9008 (an a-kasse may not comment), 9009 (an a-kasse only for contact groups 1, 8,
   * 23), 4368/4369/4370 (who may for which benefit group), 4753/4754/4823. Then one transaction
   * locks the CV and, in one statement, sets the status, stores the version and records the event.
   */
  async setStatus(p: Principal, cpr: string, input: SaetCvStatusInput): Promise<Kvittering> {
    const ctx = await this.context(cpr);
    if (!ctx) throw unknownCitizen();
    checkReader(p, ctx);
    if (!ctx.cvNummer) throw new RuleViolation(4103);
    if (input.cvNummer !== undefined && input.cvNummer !== ctx.cvNummer) throw new RuleViolation(4102, { felt: '/cvNummer' });
    requireCv(ctx);
    const akasse = p.role === 'a-kasse';
    if (akasse && input.kommentar) throw new RuleViolation(9008, { felt: '/kommentar' });
    if (akasse && !AKASSE_KONTAKTGRUPPER.includes((ctx.kontaktgruppe ?? -1) as 1 | 8 | 23)) throw new RuleViolation(9009);
    if (ctx.ydelsesgruppe === 'Dagpenge' && !akasse) throw new RuleViolation(4368);
    if ((ctx.ydelsesgruppe === 'Kontanthjaelp' || ctx.ydelsesgruppe === 'Uddannelseshjaelp') && akasse) throw new RuleViolation(4369);
    if (ctx.ydelsesgruppe === 'Integrationsprogram' && akasse) throw new RuleViolation(4370);
    requireActive(ctx.tilstand);

    const now = this.clock.now();
    const versionId = randomUUID();
    const kommentar = input.kommentar ? input.kommentar : null;
    // Lock the CV row first, in a statement of its own: the write after it then sees the current
    // version even when a ReplaceCV committed while this waited (one statement would copy the
    // version as of its own start, and could miss the new one).
    const written = await inTransaction(this.pool, async (client) => {
      const locked = await client.query(`SELECT 1 FROM cv WHERE cpr = $1 AND tilstand = 'Aktiv' FOR UPDATE`, [cpr]);
      if (locked.rowCount !== 1) return false;
      const w = Prisma.sql`WITH c AS (
          UPDATE cv SET status = ${input.cvStatus}::smallint, kommentar = ${kommentar}::varchar, opdateret = ${now}::timestamptz
          WHERE cpr = ${cpr} AND tilstand = 'Aktiv' RETURNING cpr, "versionId"
        ), v AS (
          INSERT INTO cv_version (id, cpr, aarsag, status, kommentar, tidspunkt, dokument, stillinger, uddannelsesniveauer, sprog, koerekort, postnummer, opdateret)
          SELECT ${versionId}::uuid, c.cpr, 'Status', ${input.cvStatus}::smallint, ${kommentar}::varchar, ${now}::timestamptz,
                 cur.dokument, cur.stillinger, cur.uddannelsesniveauer, cur.sprog, cur.koerekort, cur.postnummer, cur.opdateret
          FROM c JOIN cv_version cur ON cur.id = c."versionId"
        ), h AS (
          INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, "versionId", tidspunkt)
          SELECT c.cpr, ${ctx.cvNummer}, 'Status', 'Update', 'CvStatus', ${versionId}::uuid, ${now}::timestamptz FROM c
        )
        SELECT cpr FROM c`;
      await client.query(w.text, w.values);
      return true;
    });
    if (written) return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: versionId } };
    const again = await this.context(cpr);
    if (again?.tilstand) requireActive(again.tilstand);
    throw new RuleViolation(4755);
  }

  /** UpdateCVAvailability: searchable or not; records the event when it changes. 1010, 4103, 4755, 4753/4754/4823. */
  async setSoegbarhed(cpr: string, soegbarhed: CvSoegbarhed): Promise<Kvittering> {
    const now = this.clock.now();
    const soegbar = soegbarhed === 'Active';
    const rows = await rawQuery<{ cpr: string }>(
      this.pool,
      Prisma.sql`WITH old AS (SELECT cpr, soegbar FROM cv WHERE cpr = ${cpr} AND tilstand = 'Aktiv' FOR UPDATE),
        c AS (UPDATE cv SET soegbar = ${soegbar}, opdateret = ${now}::timestamptz FROM old WHERE cv.cpr = old.cpr
              RETURNING cv.cpr, old.soegbar IS DISTINCT FROM cv.soegbar AS changed),
        h AS (INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, tidspunkt)
              SELECT c.cpr, k."cvNummer", 'Soegbarhed', 'Update', ${soegbarhed}, ${now}::timestamptz
              FROM c JOIN jobnet_konto k ON k.cpr = c.cpr WHERE c.changed)
        SELECT cpr FROM c`,
    );
    if (rows.length === 1) return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: randomUUID() } };
    const ctx = await this.context(cpr);
    if (!ctx) throw unknownCitizen();
    requireCv(ctx);
    requireActive(ctx.tilstand);
    throw new Error('UpdateCVAvailability changed no row, yet every rule holds');
  }

  /** Writes one entry of the audit log of CV reads. */
  async audit(entry: {
    subjekt: string;
    rolle: string;
    organisation?: string;
    cpr?: string | null;
    cvNummer?: string | null;
    operation: string;
    tilladt: boolean;
    fejlkode?: number;
    httpStatus: number;
    /** A search: its criteria and hit count. */
    kriterier?: unknown;
    antalHits?: number;
  }): Promise<void> {
    await rawQuery(
      this.pool,
      Prisma.sql`INSERT INTO cv_adgangslog (tidspunkt, subjekt, rolle, organisation, cpr, "cvNummer", operation, tilladt, fejlkode, "httpStatus", kriterier, "antalHits")
        VALUES (${this.clock.now()}::timestamptz, ${entry.subjekt.slice(0, 255)}, ${entry.rolle}, ${entry.organisation?.slice(0, 20) ?? null},
                ${entry.cpr ?? null}, ${entry.cvNummer ?? null}, ${entry.operation}, ${entry.tilladt}, ${entry.fejlkode ?? null}::int, ${entry.httpStatus}::smallint,
                ${entry.kriterier === undefined ? null : JSON.stringify(entry.kriterier)}::jsonb, ${entry.antalHits ?? null}::int)`,
    );
  }

  /** The audit log, newest first: of one citizen, or of all when cpr is null. */
  async adgangslog(cpr: string | null, q: { fra?: string; til?: string; antal?: number }): Promise<AdgangslogPost[]> {
    const rows = await rawQuery<{
      tidspunkt: Date;
      subjekt: string;
      rolle: string;
      organisation: string | null;
      cpr: string | null;
      cvNummer: string | null;
      operation: string;
      tilladt: boolean;
      fejlkode: number | null;
      kriterier: Record<string, unknown> | null;
      antalHits: number | null;
    }>(
      this.pool,
      Prisma.sql`SELECT tidspunkt, subjekt, rolle, organisation, cpr, "cvNummer", operation, tilladt, fejlkode, kriterier, "antalHits" FROM cv_adgangslog
        WHERE true ${cpr ? Prisma.sql`AND cpr = ${cpr}` : Prisma.empty}
        ${q.fra ? Prisma.sql`AND tidspunkt >= ${new Date(q.fra)}::timestamptz` : Prisma.empty}
        ${q.til ? Prisma.sql`AND tidspunkt < ${new Date(q.til)}::timestamptz` : Prisma.empty}
        ORDER BY tidspunkt DESC, id DESC LIMIT ${q.antal ?? 100}`,
    );
    return rows.map((r) => ({
      tidspunkt: r.tidspunkt.toISOString(),
      subjekt: r.subjekt,
      rolle: r.rolle,
      ...(r.organisation ? { organisation: r.organisation } : {}),
      ...(r.cpr ? { cpr: r.cpr } : {}),
      ...(r.cvNummer ? { cvNummer: r.cvNummer } : {}),
      operation: r.operation,
      tilladt: r.tilladt,
      ...(r.fejlkode !== null ? { fejlkode: r.fejlkode } : {}),
      ...(r.kriterier !== null ? { kriterier: r.kriterier } : {}),
      ...(r.antalHits !== null ? { antalHits: r.antalHits } : {}),
    }));
  }
}
