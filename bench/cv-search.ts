/**
 * The `cv-search` scenario of `npm run bench`: the CV search and change feeds on generated sets of
 * realistic CVs (src/modules/cv/generator; BENCH_CV_SIZES, default 10,000 and 100,000), against the
 * service in production mode over HTTP, one request at a time (latency, not throughput). For each
 * measure it also times the same SQL sent directly with pg (the baseline: what the database alone
 * takes), and prints the service's p95 against the target, against that baseline, and its growth
 * from the smallest to the largest set. docs/benchmark.md ("cv-search") and docs/cv-feeds.md.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import { Client, type Pool, type PoolClient } from 'pg';
import { applyMigrations } from '../src/db/migrate';
import { LOCAL_ISSUER, LOCAL_KID, loadOrCreateLocalKey } from '../src/auth/local-key';
import { ROLE_SCOPES, type Role } from '../src/domain/access';
import { loadGeneratedCvs, type Exec } from '../src/modules/cv/generator/load';
import { GENERATOR_EPOCH } from '../src/modules/cv/generator/generate';
import { eventPageSql, windowPageSql } from '../src/modules/cv/aendringer/service';
import { encodeCursor } from '../src/modules/cv/aendringer/cursor';
import { AUDIENCE, DATA_DIR, DATABASE_NAME, envInt, KEY_FILE, type ChildSettings } from './constants';
import { searchMeasures } from './cv-search-queries';
import { fixturePool } from './fixtures';

export const CV_SEARCH_DATABASE = `${DATABASE_NAME}_cvsoeg`;
const SEED = 42;

export interface CvSearchOptions {
  databaseBase: string;
  redisUrl: string;
  poolSize: number;
  settings: Omit<ChildSettings, 'databaseUrl'>;
  startService(settings: ChildSettings): Promise<{ port: number; stop(): Promise<void> }>;
}

/** One kind of request measured: how to build the i-th request, and the same work as SQL alone. */
export interface Measure {
  name: string;
  title: string;
  /** Target for the service's p95, ms. */
  targetMs: number;
  request(i: number): { method: 'GET' | 'POST'; path: string; body?: unknown; cpr: string; token: string };
  /** The baseline: the same work without HTTP (the feeds' SQL sent with pg; the search service's own call). */
  baseline?: { what: string; run(i: number, db: PoolClient, pool: Pool): Promise<unknown> };
  /** Checks an answer once (status and shape), before measuring. */
  check?(status: number, body: unknown): string | undefined;
}

export interface MeasureResult {
  size: number;
  name: string;
  title: string;
  targetMs: number;
  service: { p50: number; p95: number; p99: number; n: number };
  /** The baseline (the same work without HTTP). */
  sql?: { p50: number; p95: number; p99: number; n: number; what: string };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10 : NaN;
};
const stats = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), n: xs.length });

/** A token of a role (and organisation), signed with the bench key, with every scope of the role. */
export function roleToken(role: Role, org?: string): string {
  const key = loadOrCreateLocalKey(KEY_FILE);
  const sign = createSigner({ key: key.privateKeyPem, algorithm: 'ES256', kid: LOCAL_KID, iss: LOCAL_ISSUER, aud: AUDIENCE, expiresIn: 8 * 3600_000 });
  return sign({ sub: `bench-${role}`, role, scope: ROLE_SCOPES[role].join(' '), ...(org ? { org } : {}) });
}

async function prepare(base: string): Promise<string> {
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${CV_SEARCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${CV_SEARCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = `${base}/${CV_SEARCH_DATABASE}`;
  await applyMigrations(url);
  return url;
}

/** The change-feed measures: a GetCVList page of 500 from cursors spread over the log, and GetUpdatedCVs for one day. */
export async function feedMeasures(pool: Pool): Promise<Measure[]> {
  const system = roleToken('system');
  const { rows: bounds } = await pool.query<{ lo: string; hi: string }>('SELECT min(id)::text AS lo, max(id)::text AS hi FROM cv_haendelse');
  const lo = Number(bounds[0]!.lo);
  const hi = Number(bounds[0]!.hi);
  const ids = Array.from({ length: 64 }, (_, k) => String(Math.floor(lo + ((hi - lo) * ((k * 37) % 64)) / 64)));
  const { rows: positions } = await pool.query<{ xid: string; id: string }>('SELECT xid::text, id::text FROM cv_haendelse WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  const cursor = (i: number) => positions[i % positions.length]!;
  const day = (i: number) => new Date(GENERATOR_EPOCH - (1 + ((i * 13) % 300)) * 86_400_000);
  const dayIso = (d: Date) => d.toISOString().slice(0, 10);
  return [
    {
      name: 'feed-500',
      title: 'GetCVList: a page of 500 events after a cursor (0000000000, system)',
      targetMs: 50,
      request: (i) => ({
        method: 'GET',
        path: `/v1/CV/Haendelser?antal=500&efter=${encodeCursor({ xid: BigInt(cursor(i).xid), id: BigInt(cursor(i).id) })}`,
        cpr: '0000000000',
        token: system,
      }),
      baseline: {
        what: 'its SQL with pg',
        run: (i, db) => {
          const s = eventPageSql({ xid: BigInt(cursor(i).xid), id: BigInt(cursor(i).id) }, 500, {});
          return db.query(s.text, s.values);
        },
      },
      check: (status, body) => (status === 200 && (body as { haendelser: unknown[] }).haendelser.length === 500 ? undefined : `expected 500 events, got ${status}`),
    },
    {
      name: 'updated-day',
      title: 'GetUpdatedCVs: the CVs changed in one day, page 1',
      targetMs: 50,
      request: (i) => ({
        method: 'GET',
        path: `/v1/CV/OpdateredeCVer?fra=${dayIso(day(i))}T00:00:00Z&til=${dayIso(new Date(day(i).getTime() + 86_400_000))}T00:00:00Z`,
        cpr: '0000000000',
        token: system,
      }),
      baseline: {
        what: 'its SQL with pg',
        run: (i, db) => {
          const f = new Date(`${dayIso(day(i))}T00:00:00Z`);
          const s = windowPageSql(f, new Date(f.getTime() + 86_400_000), 1);
          return db.query(s.text, s.values);
        },
      },
      check: (status, body) => (status === 200 && Array.isArray((body as { cver: unknown[] }).cver) ? undefined : `expected a list, got ${status}`),
    },
  ];
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

export async function runCvSearch(o: CvSearchOptions): Promise<MeasureResult[]> {
  const sizes = (process.env.BENCH_CV_SIZES ?? '10000,100000').split(',').map(Number).sort((a, b) => a - b);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('BENCH_CV_SIZES: comma-separated positive whole numbers');
  const requests = envInt('BENCH_CV_REQUESTS', 300);
  const warmup = envInt('BENCH_CV_WARMUP', 30);
  loadOrCreateLocalKey(KEY_FILE);
  const url = await prepare(o.databaseBase);
  const pool = fixturePool(url);
  const client = await pool.connect();
  const exec: Exec = async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[];
  const service = await o.startService({ ...o.settings, databaseUrl: url });
  const results: MeasureResult[] = [];
  try {
    for (const size of sizes) {
      const [loadMs, inserted] = await time(() => loadGeneratedCvs(exec, { seed: SEED, n: size, bulk: true, chunk: 2000 }));
      await exec('VACUUM (ANALYZE) cv, cv_version, cv_stamdata, cv_haendelse, cv_soeg, borger, jobnet_konto');
      const [{ events }] = await exec<{ events: string }>('SELECT count(*)::text AS events FROM cv_haendelse');
      console.log(`cv-search: ${size.toLocaleString('en-US')} CVs (${inserted.toLocaleString('en-US')} generated now in ${(loadMs / 1000).toFixed(1)} s), ${Number(events).toLocaleString('en-US')} events`);
      const measures = [...(await searchMeasures(pool)), ...(await feedMeasures(pool))];
      for (const m of measures) {
        const send = async (i: number) => {
          const r = m.request(i);
          const res = await fetch(`http://127.0.0.1:${service.port}${r.path}`, {
            method: r.method,
            headers: {
              authorization: `Bearer ${r.token}`,
              'x-civilRegistrationIdentifier': r.cpr,
              'x-requestId': randomUUID(),
              ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
          });
          const text = await res.text();
          return { status: res.status, text };
        };
        const first = await send(0);
        const problem = m.check?.(first.status, first.status < 500 ? JSON.parse(first.text) : undefined);
        if (problem || first.status >= 400) throw new Error(`cv-search ${m.name}: ${problem ?? first.status} ${first.text.slice(0, 400)}`);
        for (let i = 0; i < warmup; i++) await send(i);
        const lat: number[] = [];
        for (let i = 0; i < requests; i++) {
          const [ms, r] = await time(() => send(i));
          if (r.status >= 400) throw new Error(`cv-search ${m.name}: request ${i} answered ${r.status}: ${r.text.slice(0, 300)}`);
          lat.push(ms);
        }
        let sqlStats: MeasureResult['sql'];
        if (m.baseline) {
          const sl: number[] = [];
          for (let i = 0; i < warmup + requests; i++) {
            const [ms] = await time(() => m.baseline!.run(i, client, pool));
            if (i >= warmup) sl.push(ms);
          }
          sqlStats = { ...stats(sl), what: m.baseline.what };
        }
        const r: MeasureResult = { size, name: m.name, title: m.title, targetMs: m.targetMs, service: stats(lat), ...(sqlStats ? { sql: sqlStats } : {}) };
        results.push(r);
        console.log(
          `cv-search ${String(size).padStart(6)} ${m.name.padEnd(16)} p50 ${r.service.p50} ms  p95 ${r.service.p95} ms  p99 ${r.service.p99} ms` +
            (r.sql ? `   baseline (${r.sql.what}) p95 ${r.sql.p95} ms` : ''),
        );
      }
    }
  } finally {
    client.release();
    await pool.end();
    await service.stop();
  }
  console.log('');
  console.log(cvSearchTable(results));
  writeFileSync(path.join(DATA_DIR, 'bench-cv-search-result.json'), JSON.stringify({ at: new Date().toISOString(), requests, warmup, results }, null, 2));
  return results;
}

/** The markdown table: per set size and measure, p95 against the target and the SQL baseline, and the growth. */
export function cvSearchTable(results: MeasureResult[]): string {
  const sizes = [...new Set(results.map((r) => r.size))];
  const smallest = sizes[0];
  const lines = [
    `| CVs | measure | p50 ms | p95 ms | p99 ms | target p95 | | baseline p95 ms | service / baseline | p95 vs ${smallest?.toLocaleString('en-US')} |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const base = results.find((x) => x.name === r.name && x.size === smallest);
    lines.push(
      `| ${r.size.toLocaleString('en-US')} | ${r.name} | ${r.service.p50} | ${r.service.p95} | ${r.service.p99} | ≤ ${r.targetMs} | ${r.service.p95 <= r.targetMs ? 'PASS' : `FAIL (${(r.service.p95 / r.targetMs).toFixed(2)}×)`} | ` +
        `${r.sql ? `${r.sql.p95} (${r.sql.what})` : '–'} | ${r.sql ? `${(r.service.p95 / r.sql.p95).toFixed(2)}×` : '–'} | ${base && base !== r ? `${(r.service.p95 / base.service.p95).toFixed(2)}×` : '1.00×'} |`,
    );
  }
  return lines.join('\n');
}
