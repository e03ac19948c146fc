/**
 * npm run explain:cv-search [-- --n 100000] [--database <name>]
 *
 * Prints EXPLAIN (ANALYZE, BUFFERS) of the statements behind the CV search and the change feeds, on a
 * realistic generated set (src/modules/cv/generator), and fails (exit 1) when a plan reads one of the
 * big CV tables with a sequential scan where an index should be used (a scan that keeps at least
 * BROAD_SCAN_SHARE of the rows it reads is reported but allowed: most rows match, the heap in order is cheapest;
 * one that reads under SMALL_SCAN_ROWS rows is allowed: the table is small at the moment).
 *
 * It sends the requests of the cv-search bench scenario (bench/cv-search-queries.ts and
 * bench/cv-search.ts) to the app built in-process on the database `jobnet_cv_explain` (or --database;
 * created and migrated on 127.0.0.1 if missing, topped up to N CVs of seed 42, the bench's), records every statement the app sends to
 * PostgreSQL while answering (pg's Client.query), and explains the reads among them. A statement that
 * writes (the search's frozen result, the audit log) is explained inside a transaction that is rolled
 * back. So the plans are those of the service's own SQL, whatever module builds it.
 */
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { applyMigrations } from '../src/db/migrate';
import { loadOrCreateLocalKey } from '../src/auth/local-key';
import { loadGeneratedCvs, type Exec } from '../src/modules/cv/generator/load';
import { AUDIENCE, KEY_FILE } from '../bench/constants';
import { feedMeasures } from '../bench/cv-search';
import { searchMeasures } from '../bench/cv-search-queries';
import { fixturePool } from '../bench/fixtures';

/** The tables big enough that a sequential scan of them is a missing index (the small code tables may be scanned). */
export const BIG_TABLES = ['cv_soeg', 'cv_haendelse', 'cv_version', 'cv', 'borger', 'jobnet_konto', 'cv_stamdata', 'cv_adgangslog', 'cv_soegning'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/**
 * A sequential scan that keeps at least this share of the rows it reads is the right plan, not a missing
 * index: a search whose filters match most CVs (e.g. driver licence B or English) reads most of the table
 * whichever way, and the heap in order is the cheapest way. It is reported, not failed.
 */
export const BROAD_SCAN_SHARE = 0.3;
/**
 * A sequential scan that reads fewer rows than this is not a missing index either: the table is small at the
 * moment (cv_soegning holds the searches of the last 30 minutes; a fresh database has a handful) and a scan of
 * a page or two is what the planner rightly prefers.
 */
export const SMALL_SCAN_ROWS = 1000;

/** The sequential scans of big tables in a plan (JSON format) that keep less than BROAD_SCAN_SHARE of the rows read. */
export function seqScansOfBigTables(plan: PlanNode, out: string[] = [], broad: string[] = []): string[] {
  if (plan['Node Type'] === 'Seq Scan' && plan['Relation Name'] && BIG_TABLES.includes(plan['Relation Name'])) {
    const kept = (plan['Actual Rows'] ?? 0) * (plan['Actual Loops'] ?? 1);
    const read = kept + (plan['Rows Removed by Filter'] ?? 0) * (plan['Actual Loops'] ?? 1);
    if (read > 0 && kept / read >= BROAD_SCAN_SHARE) broad.push(`${plan['Relation Name']} (keeps ${kept} of ${read} rows)`);
    else if (read >= SMALL_SCAN_ROWS) out.push(plan['Relation Name']);
  }
  for (const p of plan.Plans ?? []) seqScansOfBigTables(p, out, broad);
  return out;
}
export function indexesUsed(plan: PlanNode, out = new Set<string>()): Set<string> {
  if (plan['Index Name']) out.add(plan['Index Name']);
  for (const p of plan.Plans ?? []) indexesUsed(p, out);
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const nAt = args.indexOf('--n');
  const n = nAt >= 0 ? Number(args[nAt + 1]) : 100_000;
  const base = process.env.EXPLAIN_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const dbAt = args.indexOf('--database');
  const dbName = dbAt >= 0 ? args[dbAt + 1]! : 'jobnet_cv_explain';
  if (!/^[a-z0-9_]{1,60}$/.test(dbName)) throw new Error('--database: lower-case letters, digits and _');
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = `${base}/${dbName}`;
  await applyMigrations(url);
  const loader = new Client({ connectionString: url });
  await loader.connect();
  const exec: Exec = async <Row>(sql: string, params: unknown[] = []) => (await loader.query(sql, params)).rows as Row[];
  const t0 = Date.now();
  const inserted = await loadGeneratedCvs(exec, { seed: 42, n, bulk: true, chunk: 2000 });
  if (inserted > 0) await exec('VACUUM (ANALYZE) cv, cv_version, cv_stamdata, cv_haendelse, cv_soeg, borger, jobnet_konto');
  const [{ cvs, events }] = await exec<{ cvs: string; events: string }>('SELECT (SELECT count(*) FROM cv)::text AS cvs, (SELECT count(*) FROM cv_haendelse)::text AS events');
  console.log(`database ${dbName}: ${cvs} CVs, ${events} events (${inserted} generated now, ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);

  loadOrCreateLocalKey(KEY_FILE);
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    AUTH_LOCAL_KEY_FILE: KEY_FILE,
    AUTH_AUDIENCE: AUDIENCE,
    SEED_DEMO_DATA: 'false',
    RATE_LIMIT_MAX: '100000',
    LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0',
  });
  const app = await buildApp({ config });
  await app.ready();

  // Record what the app sends while answering one request.
  let recording: { text: string; values: unknown[] }[] | undefined;
  const proto = Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as string | { text: string; values?: unknown[] };
    if (recording) {
      const text = typeof q === 'string' ? q : q?.text;
      const values = (typeof q === 'string' ? (a[1] as unknown[]) : q?.values) ?? [];
      if (text) recording.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return original.apply(this, a);
  };

  const pool = fixturePool(url);
  const measures = [...(await searchMeasures(pool)), ...(await feedMeasures(pool))];
  // A citizen's own event log (GetCVList for one CPR, as system).
  const [{ cpr }] = await exec<{ cpr: string }>('SELECT cpr FROM cv_haendelse ORDER BY id DESC LIMIT 1');
  measures.push({
    name: 'citizen-log',
    title: "GetCVList: one citizen's event log",
    targetMs: 50,
    request: () => ({ method: 'GET', path: '/v1/CV/Haendelser', cpr, token: measures.find((m) => m.name === 'feed-500')!.request(0).token }),
  });

  const explainer = new Client({ connectionString: url });
  await explainer.connect();
  const failures: string[] = [];
  for (const m of measures) {
    const r = m.request(7);
    recording = [];
    const res = await app.inject({
      method: r.method,
      url: r.path,
      headers: { authorization: `Bearer ${r.token}`, 'x-civilRegistrationIdentifier': r.cpr, 'x-requestId': randomUUID(), ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(r.body !== undefined ? { payload: JSON.stringify(r.body) } : {}),
    });
    const statements = recording.filter((s) => /\b(cv_soeg|cv_haendelse|postnummer|cv_version|cv_soegning)\b/.test(s.text) && !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SELECT 1\b)/i.test(s.text));
    recording = undefined;
    console.log(`=== ${m.name}: ${m.title}\n    ${r.method} ${r.path}${r.body !== undefined ? ` ${JSON.stringify(r.body)}` : ''} -> ${res.statusCode}`);
    if (res.statusCode >= 400) {
      failures.push(`${m.name}: the request answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      continue;
    }
    // Each EXPLAIN ANALYZE runs in a transaction that is rolled back; a statement that stored the search's
    // snapshot under its id is explained after that row is removed (inside the same transaction).
    const explained = async <T>(sql: string, values: unknown[], writesSnapshot: boolean): Promise<T[]> => {
      await explainer.query('BEGIN');
      try {
        if (writesSnapshot) await explainer.query('DELETE FROM cv_soegning');
        return (await explainer.query(sql, values)).rows as T[];
      } finally {
        await explainer.query('ROLLBACK');
      }
    };
    for (const [k, s] of statements.entries()) {
      const writesSnapshot = /INSERT INTO cv_soegning/.test(s.text);
      {
        const json = (await explained<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values, writesSnapshot))[0]!['QUERY PLAN'][0];
        const text = (await explained<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values, writesSnapshot)).map((x) => x['QUERY PLAN']).join('\n');
        const broad: string[] = [];
        const seq = seqScansOfBigTables(json.Plan, [], broad);
        console.log(
          `--- statement ${k + 1} of ${statements.length}: ${json['Execution Time'].toFixed(2)} ms; indexes: ${[...indexesUsed(json.Plan)].join(', ') || 'none'}` +
            `${seq.length ? `; SEQ SCAN of ${seq.join(', ')}` : ''}${broad.length ? `; broad sequential scan (the filters match most rows; no index would help) of ${broad.join(', ')}` : ''}`,
        );
        console.log(s.text.replace(/\s+/g, ' ').slice(0, 600));
        console.log(text);
        if (seq.length) failures.push(`${m.name}, statement ${k + 1}: sequential scan of ${seq.join(', ')}`);
      }
    }
    console.log('');
  }
  proto.query = original;
  await explainer.end();
  await pool.end();
  await loader.end();
  await app.close();
  console.log(`(database ${dbName} kept for the next run; drop it with: DROP DATABASE ${dbName})`);
  if (failures.length) {
    console.error(`FAILED: ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('OK: no sequential scan of a big table where an index would serve');
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
