/**
 * GetCVList's cursor delivers every change exactly once, with no gaps, when transactions commit out
 * of order (real PostgreSQL). Writers: ReplaceCV, UpdateCVAvailability and SetCVStatus over HTTP,
 * concurrently, plus transactions held open while later ones commit (one explicitly until the later
 * writers have committed, others with pg_sleep). A reader follows the cursor the whole time with small
 * pages. Afterwards it has seen each of the writers' events exactly once. A naive reader that pages by
 * the event id alone runs beside it and misses the held transaction's event: the test can fail.
 */
import type { FastifyInstance } from 'fastify';
import type { PoolClient } from 'pg';
import { buildTestApp } from '../helpers/app';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import { BASE, call, createCvCitizen, token, type TestCitizen } from './helpers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('GetCVList: a reader following the cursor sees every event of concurrent, out-of-order transactions exactly once', async () => {
  const citizens: TestCitizen[] = [];
  for (let i = 0; i < 8; i++) citizens.push(await createCvCitizen({ kommunekode: '751' }));
  const ours = new Set(citizens.map((c) => c.cpr));
  const seen = new Map<string, number>();
  const naiveSeen = new Set<string>();
  const pool = app.pg;

  let writersDone = false;
  let pollsWhileHeld = 0;
  let held: PoolClient | undefined;

  // The reader: follows the cursor over the whole log (0000000000, system) in pages of 7.
  const reader = (async () => {
    let cursor = '';
    let naiveLast = '0';
    for (let round = 0; round < 20_000; round++) {
      const res = await call(app, 'GET', `${BASE}/Haendelser?antal=7${cursor ? `&efter=${cursor}` : ''}`, '0000000000', { token: token('system') });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      for (const h of page.haendelser) if (ours.has(h.cpr)) seen.set(h.haendelseId, (seen.get(h.haendelseId) ?? 0) + 1);
      cursor = page.naesteMarkoer;
      if (held) pollsWhileHeld++;
      // The naive reader: "id > the last id seen", committed rows only.
      const naive = await pool.query<{ id: string; cpr: string }>('SELECT id::text, cpr FROM cv_haendelse WHERE id > $1 ORDER BY id LIMIT 100000', [naiveLast]);
      for (const r of naive.rows) {
        if (ours.has(r.cpr)) naiveSeen.add(r.id);
        naiveLast = r.id;
      }
      if (writersDone && !page.flere) return;
      if (!page.flere) await sleep(5);
    }
    throw new Error('the reader did not catch up');
  })();

  // Writer 1: a transaction that takes its xid and writes first, and stays open until the later writers have committed.
  held = await pool.connect();
  await held.query('BEGIN');
  await held.query(
    `INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, tidspunkt) VALUES ($1, $2, 'Soegbarhed', 'Update', 'Active', now())`,
    [citizens[0]!.cpr, citizens[0]!.cvNummer],
  );

  // Later writers: concurrent HTTP writes, and transactions that sleep before committing (commit order != start order).
  const sleepers = [150, 40, 90].map(async (ms, i) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const cit = citizens[1 + i]!;
      await c.query(`INSERT INTO cv_haendelse (cpr, "cvNummer", type, operation, element, tidspunkt) VALUES ($1, $2, 'Soegbarhed', 'Update', 'Inactive', now())`, [cit.cpr, cit.cvNummer]);
      await c.query('SELECT pg_sleep($1)', [ms / 1000]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  const http = citizens.slice(1).map(async (c, i) => {
    expect((await call(app, 'PUT', BASE, c.cpr, { body: demoCvInput(i % 2 ? 'anna' : 'frida') })).statusCode).toBe(200);
    expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, c.cpr, { body: { soegbarhed: 'Inactive' } })).statusCode).toBe(200);
    expect((await call(app, 'PUT', `${BASE}/Status`, c.cpr, { body: { cvStatus: 2 }, token: token('jobcenter') })).statusCode).toBe(200);
    expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, c.cpr, { body: { soegbarhed: 'Active' } })).statusCode).toBe(200);
  });
  await Promise.all([...sleepers, ...http]);
  // The reader (and the naive one) poll while the first transaction is open and the later ones have committed.
  pollsWhileHeld = 0;
  for (let i = 0; i < 2000 && pollsWhileHeld < 3; i++) await sleep(5);
  expect(pollsWhileHeld).toBeGreaterThanOrEqual(3);
  await held.query('COMMIT');
  held.release();
  held = undefined;
  // More writes after the held commit.
  for (const c of citizens.slice(1, 4)) expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, c.cpr, { body: { soegbarhed: 'Inactive' } })).statusCode).toBe(200);
  writersDone = true;
  await reader;

  const expected = (await pool.query<{ id: string }>('SELECT id::text FROM cv_haendelse WHERE cpr = ANY($1::bpchar[]) ORDER BY id', [[...ours]])).rows.map((r) => r.id);
  expect(expected.length).toBeGreaterThan(50);
  expect([...seen.keys()].sort()).toEqual([...expected].sort());
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  // The naive id cursor skipped the held transaction's event (it committed behind ids already passed).
  expect(naiveSeen.size).toBeLessThan(expected.length);
}, 60_000);
