/**
 * The bench's data: a dedicated database (dropped, recreated and migrated like production),
 * fictitious citizens inserted in bulk, one pre-signed token per citizen, and the request bodies.
 */
import { createSigner } from 'fast-jwt';
import { Pool } from 'pg';
import { applyMigrations } from '../src/db/migrate';
import { LOCAL_ISSUER, LOCAL_KID, loadOrCreateLocalKey } from '../src/auth/local-key';
import { ROLE_SCOPES } from '../src/domain/access';
import { AUDIENCE, DATABASE_NAME, KEY_FILE } from './constants';
import { largeCvInput } from '../src/modules/cv/demo-data';
import { searchColumns, toProfil, type CvContext } from '../src/modules/cv/service';

/** The body of every ReplaceCV: a realistic CV of about 20 KB of JSON. */
export const CV_BODY = largeCvInput();

/**
 * n distinct well-formed CPRs of real dates (DD 01-28, MM 01-12, YY 50-99, 7th digit 1 = 1900s),
 * starting at `from`, so that read and write citizens never overlap.
 */
export function citizens(from: number, n: number): string[] {
  const out: string[] = [];
  for (let i = from; i < from + n; i++) {
    const date = i % (28 * 12 * 50);
    const serial = 1000 + Math.floor(i / (28 * 12 * 50));
    const dd = String((date % 28) + 1).padStart(2, '0');
    const mm = String((Math.floor(date / 28) % 12) + 1).padStart(2, '0');
    const yy = String(50 + Math.floor(date / (28 * 12)));
    out.push(`${dd}${mm}${yy}${serial}`);
  }
  return out;
}

/** A job agent with e-mail and a typical search, the body of every POST. */
export const CREATE_BODY = {
  titel: 'Lagermedarbejder, deltid',
  jobagent: { email: 'Borger@Example.dk', udsendelsesinterval: 'Dagligt', smsNotifikation: false },
  soegeparametre: {
    geografi: { region: ['Hovedstaden'], afstand: { maxAfstand: 25, fraPostnummer: 2100 } },
    arbejdsomraade: {
      stillingsbetegnelser: [
        { conceptUriDa: 'http://data.star.dk/esco/occupation/1234', aliasIdentifier: '5d8e2f1a-9b3c-4d7e-a6f0-1c2b3d4e5f03' },
      ],
    },
    arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 15, deltidMaxTimer: 30 },
  },
};

/** Tilmelding's body: 'Tilmeldt uden ydelse' (klientkategori 3), fuldt ledig (1), today (Copenhagen). */
export function tilmeldingBody(day: string) {
  return { klientKategori: 3, ledighedsgrad: 1, tilmeldingsdato: day, emailadresse: 'borger@example.dk' };
}

const SAVED_SEARCH = { geografi: { region: ['Midtjylland'] }, ansaettelsesvarighed: { ansaettelsesvarighedstyper: ['Fast'] } };

/**
 * A small pool for fixtures and baselines. pg's Pool re-emits the error of an idle client, and
 * an unheard 'error' event crashes the process: a client still closing after `pool.end()` gets
 * 57P01 when its database is dropped WITH (FORCE) right after, which is no failure of ours.
 */
export function fixturePool(url: string, max = 2): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops and recreates the bench database and applies the migrations; returns its URL. */
export async function prepareDatabase(base: string): Promise<string> {
  const admin = fixturePool(`${base}/postgres`, 1);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  const url = `${base}/${DATABASE_NAME}`;
  await applyMigrations(url);
  return url;
}

/**
 * Inserts every citizen in one statement; each reader gets two job agents (one automatic with
 * e-mail, one saved search), like the demo citizen Anna. Writers start with none.
 */
export async function seed(pool: Pool, readers: string[], writers: string[], tilmeldere: string[] = []): Promise<void> {
  const all = [...readers, ...writers, ...tilmeldere];
  await pool.query(
    `INSERT INTO borger (cpr, fornavn, efternavn) SELECT cpr, 'Bench', 'Borger' FROM unnest($1::bpchar[]) AS cpr`,
    [all],
  );
  await pool.query(
    `INSERT INTO jobagent (id, cpr, titel, email, "emailVerificeret", udsendelsesinterval, "smsNotifikation", soegeparametre, oprettet, opdateret)
     SELECT gen_random_uuid(), cpr, 'Lagermedarbejder, deltid', 'borger@example.dk', true, 'Dagligt', false, $2::jsonb, now() - interval '2 days', now()
       FROM unnest($1::bpchar[]) AS cpr
     UNION ALL
     SELECT gen_random_uuid(), cpr, 'Gemt søgning: lager', NULL, false, NULL, false, $3::jsonb, now() - interval '1 day', now()
       FROM unnest($1::bpchar[]) AS cpr`,
    [readers, JSON.stringify(CREATE_BODY.soegeparametre), JSON.stringify(SAVED_SEARCH)],
  );
  // Direct inserts must keep the citizen's job-agent counter equal to the rows (docs/write-pattern.md).
  await pool.query(`UPDATE borger SET "antalJobagenter" = 2 WHERE cpr = ANY($1::bpchar[])`, [readers]);
  // The readers are enrolled (GetTilmeldingsstatus reads a current period), since 30 days.
  await pool.query(
    `INSERT INTO tilmelding (id, cpr, klientkategori, ledighedsgrad, tilmeldingsdato, kilde, "jobnetFlag", oprettet, opdateret)
     SELECT gen_random_uuid(), cpr, 3, 1, current_date - 30, 'Jobnet', true, now(), now() FROM unnest($1::bpchar[]) AS cpr`,
    [readers],
  );
  await pool.query('ANALYZE borger, jobagent, tilmelding');
}

/** Removes the enrollments of the Tilmelding writers, so every run enrolls citizens that are not enrolled. */
export async function resetTilmeldere(pool: Pool, tilmeldere: string[]): Promise<void> {
  await pool.query('DELETE FROM tilmelding WHERE cpr = ANY($1::bpchar[])', [tilmeldere]);
  await pool.query('VACUUM (ANALYZE) tilmelding, tilmelding_haendelse');
}

/** Removes the writers' job agents, so no run meets the 25-per-citizen limit or a bigger table than the others. */
export async function resetWriters(pool: Pool, writers: string[]): Promise<void> {
  await pool.query('DELETE FROM jobagent WHERE cpr = ANY($1::bpchar[])', [writers]);
  await pool.query(`UPDATE borger SET "antalJobagenter" = 0 WHERE cpr = ANY($1::bpchar[])`, [writers]);
  await pool.query('DELETE FROM mail_udbakke');
  await pool.query('VACUUM (ANALYZE) borger, jobagent, mail_udbakke');
}

/** One token per citizen, as the identity provider would issue them: role borger, all citizen scopes, cpr, sub. */
export function signTokens(cprs: string[]): Record<string, string> {
  const key = loadOrCreateLocalKey(KEY_FILE);
  const sign = createSigner({ key: key.privateKeyPem, algorithm: 'ES256', kid: LOCAL_KID, iss: LOCAL_ISSUER, aud: AUDIENCE, expiresIn: 8 * 3600_000 });
  const scope = ROLE_SCOPES.borger.join(' ');
  return Object.fromEntries(cprs.map((cpr, i) => [cpr, sign({ sub: `bench-borger-${i}`, role: 'borger', scope, cpr })]));
}

/**
 * CV data: every citizen gets a Jobnet account (CV number 3xxxxxxx) and registry facts; every
 * reader also a CV of about 20 KB (the ReplaceCV body), so GetCV reads a realistic document.
 */
export async function seedCv(pool: Pool, readers: string[], writers: string[]): Promise<void> {
  const all = [...readers, ...writers];
  await pool.query(
    `INSERT INTO jobnet_konto (cpr, "cvNummer") SELECT cpr, (30000000 + n)::text FROM unnest($1::bpchar[]) WITH ORDINALITY AS t(cpr, n)`,
    [all],
  );
  await pool.query(
    `INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, ydelsesgruppe, adresselinje, postnummer, postdistrikt)
     SELECT cpr, '751', 'Aarhus', 'Dagpenge', 'Åboulevarden 12', '8000', 'Aarhus C' FROM unnest($1::bpchar[]) AS cpr`,
    [all],
  );
  // Members of a-kasse 1001 (the shared fact CV's context joins), as the demo citizens are.
  await pool.query(
    `INSERT INTO akasse_medlemskab (id, cpr, "akasseNummer", "akasseNavn", forsikringskategori, "fraDato")
     SELECT gen_random_uuid(), cpr, '1001', 'Bench A-kasse', 1, DATE '2020-01-01' FROM unnest($1::bpchar[]) AS cpr`,
    [all],
  );
  const ctx = { cpr: readers[0], fornavn: 'Bench', efternavn: 'Borger', adresselinje: 'Åboulevarden 12', postnummer: '8000', postdistrikt: 'Aarhus C', landekode: 'DK' } as CvContext;
  const dokument = toProfil(ctx, '30000001', CV_BODY);
  const s = searchColumns(dokument);
  await pool.query(
    `WITH r AS (SELECT cpr, gen_random_uuid() AS id FROM unnest($1::bpchar[]) AS cpr),
     c AS (INSERT INTO cv (cpr, "versionId", oprettet, opdateret) SELECT cpr, id, now(), now() FROM r)
     INSERT INTO cv_version (id, cpr, aarsag, tidspunkt, dokument, stillinger, uddannelsesniveauer, sprog, koerekort, postnummer, opdateret)
     SELECT id, cpr, 'ReplaceCV', now(), $2::jsonb, $3::int[], $4::text[], $5::text[], $6::text[], $7, now() FROM r`,
    [readers, JSON.stringify(dokument), s.stillinger, s.uddannelsesniveauer, s.sprog, s.koerekort, s.postnummer],
  );
  await pool.query('ANALYZE jobnet_konto, cv_stamdata, akasse_medlemskab, cv, cv_version');
}

/** Removes the writers' CVs (versions go with them) and the events, so every ReplaceCV run starts alike. */
export async function resetCvWriters(pool: Pool, writers: string[]): Promise<void> {
  await pool.query('DELETE FROM cv WHERE cpr = ANY($1::bpchar[])', [writers]);
  await pool.query('TRUNCATE cv_haendelse, cv_adgangslog');
  await pool.query('VACUUM (ANALYZE) cv, cv_version, cv_haendelse');
}

// ---------------------------------------------------------------------------------------------
// Borgerbooking (GetSelvbookingMoedetider, CreateBooking and the contention case)

/** The offer the read and write scenarios use: Aarhus, Jobsamtale, individual, in person or by phone, open range. */
export const BENCH_TILBUD = 'b0000000-0000-4000-8000-000000000001';
/** The contention offer: one slot with BENCH_KAMP_PLADSER seats. */
export const BENCH_KAMP_TILBUD = 'b0000000-0000-4000-8000-000000000002';
export const BENCH_KAMP_PLADSER = 10;
/** Slots of the write scenario and seats per slot: room for every booker once per run. */
export const BENCH_BOOKING_SLOTS = 600;
/** Read slots: this many per day over BENCH_LAES_DAGE days from tomorrow, 30 minutes apart from 08:00 UTC. */
const BENCH_LAES_PR_DAG = 4;
export const BENCH_LAES_DAGE = 10;

const benchDag = (days: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + days * 86_400_000);
};

/** GetSelvbookingMoedetider's query: from tomorrow 00:00 UTC, BENCH_LAES_DAGE days. */
export function bookingLaesPath(): string {
  const fra = benchDag(1).toISOString();
  const til = benchDag(1 + BENCH_LAES_DAGE).toISOString();
  return `/v1/Borgerbooking/Moedetilbud/${BENCH_TILBUD}/Moedetider?startMoedetidsinterval=${encodeURIComponent(fra)}&slutMoedetidsinterval=${encodeURIComponent(til)}`;
}

/** The write slots start after the read interval: day BENCH_LAES_DAGE + 2 on, 5 minutes apart. */
function bookingSlotStart(j: number): Date {
  return new Date(benchDag(BENCH_LAES_DAGE + 2).getTime() + 7 * 3_600_000 + j * 5 * 60_000);
}

/** The contention slot: the day after the write slots, 09:00 UTC. */
export function kampStart(): Date {
  return new Date(benchDag(BENCH_LAES_DAGE + 4).getTime() + 9 * 3_600_000);
}

/** CreateBooking's body for booker i: slot i mod BENCH_BOOKING_SLOTS, in person, no caseworker named. */
export function bookingBody(i: number): string {
  return JSON.stringify({ moedeStarttidspunkt: bookingSlotStart(i % BENCH_BOOKING_SLOTS).toISOString(), samtaleformType: 1 });
}

export const KAMP_BODY = () => JSON.stringify({ moedeStarttidspunkt: kampStart().toISOString(), samtaleformType: 1 });

/**
 * The Borgerbooking data: a caseworker, the two offers, the read slots (1 seat), the write slots
 * (seats for `bookers` citizens, each booking once) and the contention slot. Citizens need nothing
 * of their own (no deadline, no meeting).
 */
export async function seedBooking(pool: Pool, bookers: number): Promise<void> {
  const { rows } = await pool.query(
    `INSERT INTO booking_sagsbehandler ("eksterntId", fornavne, efternavn, telefonnummer, kommunekode)
     VALUES ('BENCH-RID-1', 'Bench', 'Sagsbehandler', '+4587130000', '751') RETURNING id`,
  );
  const sagsbehandlerId = rows[0].id as number;
  for (const id of [BENCH_TILBUD, BENCH_KAMP_TILBUD]) {
    await pool.query(
      `INSERT INTO moedetilbud (id, kommunekode, "samtaleType", "moedeGruppeType", samtaleformer, vejnavn, husnummer, postnummer, bynavn, "moedeVarighed",
         "selvbookingTilladt", "borgerKanVaelgeSagsbehandler", straksbooking, moedetitel, moedebeskrivelse, "obligatoriskFremmoede",
         "ombookingFristMinutter", "aflysningFristMinutter", aktiv)
       VALUES ($1, '751', 1, 1, '{1,2}', 'Værkmestergade', '2', '8000', 'Aarhus C', 30, true, true, false, 'Jobsamtale', 'Bench', true, 60, 60, true)`,
      [id],
    );
    await pool.query(`INSERT INTO moedetilbud_sagsbehandler ("moedetilbudId", "sagsbehandlerId") VALUES ($1, $2)`, [id, sagsbehandlerId]);
  }
  const laes = Array.from({ length: BENCH_LAES_DAGE * BENCH_LAES_PR_DAG }, (_, k) =>
    new Date(benchDag(1 + Math.floor(k / BENCH_LAES_PR_DAG)).getTime() + 8 * 3_600_000 + (k % BENCH_LAES_PR_DAG) * 30 * 60_000),
  );
  const skriv = Array.from({ length: BENCH_BOOKING_SLOTS }, (_, j) => bookingSlotStart(j));
  const pladser = Math.ceil(bookers / BENCH_BOOKING_SLOTS) + 1;
  const slots = [
    ...laes.map((start) => ({ tilbud: BENCH_TILBUD, start, pladser: 1 })),
    ...skriv.map((start) => ({ tilbud: BENCH_TILBUD, start, pladser })),
    { tilbud: BENCH_KAMP_TILBUD, start: kampStart(), pladser: BENCH_KAMP_PLADSER },
  ];
  await pool.query(
    `WITH m AS (
       INSERT INTO moedetid (id, "moedetilbudId", starttidspunkt, pladser, "optagnePladser", samtaleformer, "ombookingMulig", "aflysningMulig", aktiv)
       SELECT gen_random_uuid(), t, s, p, 0, '{1,2}', true, true, true FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS x(t, s, p)
       RETURNING id, "moedetilbudId")
     INSERT INTO moedetid_sagsbehandler ("moedetidId", "moedetilbudId", "sagsbehandlerId") SELECT id, "moedetilbudId", $4 FROM m`,
    [slots.map((s) => s.tilbud), slots.map((s) => s.start), slots.map((s) => s.pladser), sagsbehandlerId],
  );
  await pool.query('ANALYZE booking_sagsbehandler, moedetilbud, moedetilbud_sagsbehandler, moedetid, moedetid_sagsbehandler');
}

/** Every booking on an offer cancelled away (deleted) and its seats freed, so each run books from the same state. */
export async function resetBookinger(pool: Pool, moedetilbudId: string): Promise<void> {
  await pool.query(`DELETE FROM indkaldelse WHERE "moedetilbudId" = $1`, [moedetilbudId]);
  await pool.query(`DELETE FROM moedetid_hold h USING moedetid m WHERE h."moedetidId" = m.id AND m."moedetilbudId" = $1`, [moedetilbudId]);
  await pool.query(`UPDATE moedetid SET "optagnePladser" = 0 WHERE "moedetilbudId" = $1`, [moedetilbudId]);
  await pool.query('VACUUM (ANALYZE) indkaldelse, moedetid, moedetid_hold');
}

/** The contention slot: how many seats are taken and how many active meetings it has. */
export async function kampTilstand(pool: Pool): Promise<{ optagnePladser: number; moeder: number }> {
  const { rows } = await pool.query(
    `SELECT m."optagnePladser" AS "optagnePladser", (SELECT count(*)::int FROM indkaldelse i WHERE i."moedetidId" = m.id AND i.status = 'Aktiv') AS moeder
     FROM moedetid m WHERE m."moedetilbudId" = $1`,
    [BENCH_KAMP_TILBUD],
  );
  return rows[0];
}
