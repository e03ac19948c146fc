/**
 * Writes generated CVs (./generate.ts) into the base CV tables, fast: one INSERT ... SELECT FROM
 * unnest(...) per table per chunk (one parameter per column, any number of rows). The search
 * projection (cv_soeg) is kept by its triggers (docs/cv-search.md), or, with `bulk`, rebuilt once
 * at the end with the triggers off while loading (the way docs/cv-search.md gives for bulk loads).
 * Idempotent: CVs that already exist are skipped, so a second run adds nothing.
 */
import { cvGenerator, generatedCpr, type GeneratedCv, type Postnr, type Stilling } from './generate';

/** Runs one statement: a pg client's query or Prisma's $queryRawUnsafe. */
export type Exec = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

const arr = (xs: readonly (string | number)[]) => `{${xs.map((x) => (typeof x === 'number' ? String(x) : `"${String(x).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;

/** The reference data the generator draws from: the occupation list and the postal codes with coordinates. */
export async function loadReferenceData(exec: Exec): Promise<{ stillinger: Stilling[]; postnumre: Postnr[] }> {
  const stillinger = await exec<Stilling>(`SELECT "conceptUriDa", navn, "discoKode" FROM stillingsbetegnelse WHERE "gyldigTil" IS NULL ORDER BY "conceptUriDa"`);
  const postnumre = await exec<Postnr>(`SELECT nr, navn FROM postnummer ORDER BY nr`);
  return { stillinger, postnumre };
}

/** Inserts one chunk of generated CVs (those whose CPR has no CV yet); returns how many were new. */
export async function insertChunk(exec: Exec, cvs: GeneratedCv[]): Promise<number> {
  if (cvs.length === 0) return 0;
  const existing = new Set(
    (await exec<{ cpr: string }>(`SELECT cpr FROM cv WHERE cpr = ANY($1::bpchar[])`, [cvs.map((c) => c.cpr)])).map((r) => r.cpr),
  );
  const fresh = cvs.filter((c) => !existing.has(c.cpr));
  if (fresh.length === 0) return 0;
  const col = <T>(f: (c: GeneratedCv) => T) => fresh.map(f);
  await exec(
    `INSERT INTO borger (cpr, fornavn, efternavn) SELECT * FROM unnest($1::bpchar[], $2::text[], $3::text[]) ON CONFLICT (cpr) DO NOTHING`,
    [col((c) => c.cpr), col((c) => c.fornavn), col((c) => c.efternavn)],
  );
  await exec(
    `INSERT INTO jobnet_konto (cpr, "cvNummer") SELECT * FROM unnest($1::bpchar[], $2::bpchar[]) ON CONFLICT (cpr) DO NOTHING`,
    [col((c) => c.cpr), col((c) => c.cvNummer)],
  );
  await exec(
    `INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, ydelsesgruppe, adresselinje, postnummer, postdistrikt)
     SELECT * FROM unnest($1::bpchar[], $2::bpchar[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) ON CONFLICT (cpr) DO NOTHING`,
    [col((c) => c.cpr), col((c) => c.kommunekode), col((c) => c.kommunenavn), col((c) => c.ydelsesgruppe), col((c) => c.adresselinje), col((c) => c.postnummer), col((c) => c.postdistrikt)],
  );
  await exec(
    `INSERT INTO cv (cpr, tilstand, status, soegbar, "versionId", oprettet, opdateret)
     SELECT * FROM unnest($1::bpchar[], $2::text[], $3::smallint[], $4::boolean[], $5::uuid[], $6::timestamptz[], $7::timestamptz[])`,
    [col((c) => c.cpr), col((c) => c.tilstand), col((c) => c.status), col((c) => c.soegbar), col((c) => c.versionId), col((c) => c.oprettet.toISOString()), col((c) => c.opdateret.toISOString())],
  );
  await exec(
    `INSERT INTO cv_version (id, cpr, aarsag, tidspunkt, dokument, stillinger, uddannelsesniveauer, sprog, koerekort, postnummer, opdateret)
     SELECT u.id, u.cpr, 'ReplaceCV', u.t, u.dok::jsonb, u.st::int[], u.ud::text[], u.sp::text[], u.kk::text[], u.pn, u.t
     FROM unnest($1::uuid[], $2::bpchar[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(id, cpr, t, dok, st, ud, sp, kk, pn)`,
    [
      col((c) => c.versionId),
      col((c) => c.cpr),
      col((c) => c.opdateret.toISOString()),
      col((c) => JSON.stringify(c.profil)),
      col((c) => arr(c.kolonner.stillinger)),
      col((c) => arr(c.kolonner.uddannelsesniveauer)),
      col((c) => arr(c.kolonner.sprog)),
      col((c) => arr(c.kolonner.koerekort)),
      col((c) => c.kolonner.postnummer),
    ],
  );
  const ev = fresh.flatMap((c) => c.haendelser.map((h) => ({ c, h })));
  await exec(
    `INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, noegle, "versionId", tidspunkt)
     SELECT u.cpr, u.nr, u.type, u.op, u.el, nullif(u.nk, ''), CASE WHEN u.type = 'Element' THEN u.vid END, u.t
     FROM unnest($1::bpchar[], $2::bpchar[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[]) AS u(cpr, nr, type, op, el, nk, vid, t)
     ORDER BY u.t`,
    [
      ev.map((e) => e.c.cpr),
      ev.map((e) => e.c.cvNummer),
      ev.map((e) => e.h.type),
      ev.map((e) => e.h.operation),
      ev.map((e) => e.h.element),
      ev.map((e) => e.h.noegle),
      ev.map((e) => e.c.versionId),
      ev.map((e) => e.h.tidspunkt.toISOString()),
    ],
  );
  return fresh.length;
}

export interface LoadOptions {
  seed: number;
  n: number;
  /** CVs per chunk (statement set); default 1000. */
  chunk?: number;
  /** Load with the search triggers off and rebuild the projection once at the end (scripts; needs table ownership). */
  bulk?: boolean;
  /** Called after each chunk with the count so far. */
  progress?: (done: number) => void;
}

/**
 * Generates and writes CVs 0..n-1 of a seed. Each chunk is its own statements (autocommit or the
 * caller's transaction). Returns the number of CVs inserted (0 when all existed).
 */
export async function loadGeneratedCvs(exec: Exec, opts: LoadOptions): Promise<number> {
  const { stillinger, postnumre } = await loadReferenceData(exec);
  const gen = cvGenerator(opts.seed, stillinger, postnumre);
  const chunk = opts.chunk ?? 1000;
  const tables = ['cv', 'cv_version', 'cv_stamdata'];
  if (opts.bulk) for (const t of tables) await exec(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  let inserted = 0;
  try {
    for (let start = 0; start < opts.n; start += chunk) {
      const cvs: GeneratedCv[] = [];
      for (let i = start; i < Math.min(opts.n, start + chunk); i++) cvs.push(gen(i));
      inserted += await insertChunk(exec, cvs);
      opts.progress?.(Math.min(opts.n, start + chunk));
    }
  } finally {
    if (opts.bulk) for (const t of tables) await exec(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  }
  if (opts.bulk && inserted > 0) {
    // Statistics first: the rebuild's per-CV statements (cv_soeg_opdater) plan against the loaded tables.
    await exec(`ANALYZE cv, cv_version, cv_stamdata, postnummer`);
    await exec(`SELECT cv_soeg_opdater_alle()`);
    await exec(`ANALYZE cv, cv_version, cv_stamdata, cv_haendelse, cv_soeg`);
  }
  return inserted;
}

export { generatedCpr };
