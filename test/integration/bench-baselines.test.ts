/**
 * `npm run bench` is compiled and run outside Jest, so a schema change could break its fixtures or
 * its baselines (bench/sql.ts sends the service's own statements) unnoticed until the next bench run.
 * This runs each of them once, on a few citizens, in a database of its own.
 */
import type { Pool as PgPool } from 'pg';

type Fixtures = typeof import('../../bench/fixtures');
type Baselines = typeof import('../../bench/sql');

let pool: PgPool;
let fx: Fixtures;
let sql: Baselines;

beforeAll(async () => {
  // Before the bench modules load: their database name comes from BENCH_NAME.
  process.env.BENCH_NAME = `jest_${process.pid}`;
  fx = require('../../bench/fixtures') as Fixtures;
  sql = require('../../bench/sql') as Baselines;
  const base = new URL(process.env.DATABASE_URL!);
  base.pathname = '';
  const url = await fx.prepareDatabase(base.toString().replace(/\/$/, ''));
  pool = fx.fixturePool(url);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  const { DATABASE_NAME } = require('../../bench/constants') as typeof import('../../bench/constants');
  const { Client } = require('pg') as typeof import('pg');
  const base = new URL(process.env.DATABASE_URL!);
  base.pathname = '/postgres';
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
  await admin.end();
});

it('the bench fixtures seed, and every baseline answers as the service would (Jobagent, Tilmelding, CV, Borgerbooking)', async () => {
  const [reader, writer, tilmelder] = fx.citizens(0, 3);
  await fx.seed(pool, [reader], [writer], [tilmelder]);
  await fx.seedCv(pool, [reader], [writer]);

  expect(await sql.listJobagenter(pool, reader)).toHaveLength(2);
  expect((await sql.listJobagenterMany(pool, [reader])).get(reader)).toHaveLength(2);
  expect((await sql.createJobagent(pool, writer, fx.CREATE_BODY as never)).titel).toBe(fx.CREATE_BODY.titel);

  const { today, systemClock } = require('../../src/domain/clock') as typeof import('../../src/domain/clock');
  const svar = await sql.tilmeld(pool, tilmelder, 'bench', fx.tilmeldingBody(today(systemClock)) as never);
  expect(svar.tilmeldingId).toEqual(expect.any(String));
  expect((await sql.tilmeldingsstatus(pool, tilmelder)).tilmeldt).toBe(true);
  expect((await sql.tilmeldingsstatusMany(pool, [tilmelder])).get(tilmelder)?.tilmeldt).toBe(true);

  expect((await sql.getCv(pool, reader)).cvProfil).toBeDefined();
  expect((await sql.replaceCv(pool, writer, fx.CV_BODY)).serviceKvittering.beskedId).toEqual(expect.any(String));

  // Borgerbooking: the read, a booking, a second booking of the type (8273), the contention slot, the resets.
  await fx.seedBooking(pool, 10);
  const q = new URLSearchParams(fx.bookingLaesPath().split('?')[1]);
  const tider = await sql.selvbookingMoedetider(pool, reader, fx.BENCH_TILBUD, q.get('startMoedetidsinterval')!, q.get('slutMoedetidsinterval')!);
  expect(tider.moedetider).toHaveLength(fx.BENCH_LAES_DAGE * 4);
  expect(tider.bookbareSagsbehandlere).toHaveLength(1);
  const id = await sql.createBooking(pool, tilmelder, fx.BENCH_TILBUD, JSON.parse(fx.bookingBody(0)));
  expect(id).toEqual(expect.any(String));
  await expect(sql.createBooking(pool, tilmelder, fx.BENCH_TILBUD, JSON.parse(fx.bookingBody(1)))).rejects.toMatchObject({ status: 409, fejlkode: 8273 });
  await sql.createBooking(pool, writer, fx.BENCH_KAMP_TILBUD, JSON.parse(fx.KAMP_BODY()));
  expect(await fx.kampTilstand(pool)).toEqual({ optagnePladser: 1, moeder: 1 });
  await fx.resetBookinger(pool, fx.BENCH_KAMP_TILBUD);
  expect(await fx.kampTilstand(pool)).toEqual({ optagnePladser: 0, moeder: 0 });
  await fx.resetBookinger(pool, fx.BENCH_TILBUD);
  expect(await sql.createBooking(pool, tilmelder, fx.BENCH_TILBUD, JSON.parse(fx.bookingBody(0)))).toEqual(expect.any(String));

  await fx.resetWriters(pool, [writer]);
  await fx.resetTilmeldere(pool, [tilmelder]);
  await fx.resetCvWriters(pool, [writer]);
  expect(await sql.listJobagenter(pool, writer)).toEqual([]);
}, 60_000);

it('the cv-search scenario: generated CVs load in bulk, and every measure\'s baseline SQL runs', async () => {
  const { loadGeneratedCvs } = require('../../src/modules/cv/generator/load') as typeof import('../../src/modules/cv/generator/load');
  const cvs = require('../../bench/cv-search') as typeof import('../../bench/cv-search');
  const queries = require('../../bench/cv-search-queries') as typeof import('../../bench/cv-search-queries');
  const client = await pool.connect();
  try {
    const exec = async <Row>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[];
    expect(await loadGeneratedCvs(exec, { seed: 42, n: 60, bulk: true, chunk: 25 })).toBe(60);
    expect(await loadGeneratedCvs(exec, { seed: 42, n: 60, bulk: true })).toBe(0);
    const [{ n }] = await exec<{ n: number }>('SELECT count(*)::int AS n FROM cv_soeg');
    expect(n).toBeGreaterThan(30);
    const measures = [...(await queries.searchMeasures(pool)), ...(await cvs.feedMeasures(pool))];
    expect(measures.map((m) => m.name)).toEqual(expect.arrayContaining(['search-2f', 'geo-40', 'feed-500', 'updated-day']));
    for (const m of measures) {
      expect(m.request(0).path).toMatch(/^\/v1\/CV\//);
      await m.baseline?.run(0, client, pool);
    }
  } finally {
    client.release();
  }
}, 60_000);
