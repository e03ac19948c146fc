/**
 * npm run bench: the whole /v1 pipeline against a bare baseline, in one run on one machine.
 *
 * Baseline: bare Fastify + pg + ioredis doing the same essential work per request (SET NX PX for the
 * request id, one SELECT of the citizen's job agents, JSON out). Service: the real app (token
 * verification, CPR check, idempotency, validation, Prisma, serialisation, logging to /dev/null).
 * Both run against the machine's PostgreSQL and Redis, on 127.0.0.1 only, bounded in time.
 * Results are ratios against the baseline measured in the same run; absolute numbers vary by machine.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { applyMigrations } from '../src/db/migrate';
import { seedDemoData } from '../src/db/seed';
import { DEMO_CITIZENS } from '../src/db/demo-data';
import { loadOrCreateLocalKey, signLocalToken } from '../src/auth/local-key';
import { ROLE_SCOPES } from '../src/domain/access';

const BASE = process.env.BENCH_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const KEY_FILE = '.data/bench-signing-key.pem';

async function prepareDatabase(): Promise<string> {
  const admin = new Pool({ connectionString: `${BASE}/postgres`, max: 1 });
  await admin.query('DROP DATABASE IF EXISTS jobnet_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE jobnet_bench');
  await admin.end();
  const url = `${BASE}/jobnet_bench`;
  await applyMigrations(url);
  return url;
}

async function measure(name: string, url: string, headers: () => Record<string, string>) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...headers() } }) }],
  });
  const ok = result['2xx'];
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${name.padEnd(9)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${ok} ok, ${bad} not ok)`,
  );
  if (bad > 0) {
    throw new Error(`${name}: ${bad} requests failed (${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors, ${result.timeouts} timeouts)`);
  }
  return result;
}

async function main() {
  const databaseUrl = await prepareDatabase();
  const anna = DEMO_CITIZENS.anna;

  // Baseline: the same essential work with no framework features.
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const redis = new Redis(REDIS_URL, { keyPrefix: 'jobnet-bench:' });
  const baseline = Fastify();
  baseline.get('/v1/Jobagent', async (request, reply) => {
    const id = request.headers['x-requestid'] as string;
    if ((await redis.set(`idem:${id}`, '1', 'PX', 60_000, 'NX')) !== 'OK') return reply.code(412).send();
    const cpr = request.headers['x-civilregistrationidentifier'] as string;
    const { rows } = await pool.query('SELECT * FROM jobagent WHERE cpr = $1 ORDER BY oprettet, id', [cpr]);
    return { jobagenter: rows };
  });
  const baselineAddress = await baseline.listen({ host: '127.0.0.1', port: 0 });

  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: 'jobnet-bench:',
    AUTH_JWKS_URL: 'https://unused.invalid/jwks.json',
    AUTH_ISSUER: 'unused',
    RATE_LIMIT_MAX: '100000000',
  });
  // Production mode, but with the local key so the bench needs no JWKS server.
  config.auth.jwksUrl = undefined;
  config.auth.issuer = undefined;
  config.auth.localKeyFile = KEY_FILE;
  const app = await buildApp({ config, logStream: createWriteStream('/dev/null') });
  await seedDemoData(app.prisma);
  const appAddress = await app.listen({ host: '127.0.0.1', port: 0 });

  const token = signLocalToken(loadOrCreateLocalKey(KEY_FILE), {
    sub: 'bench',
    role: 'borger',
    scope: ROLE_SCOPES.borger.join(' '),
    cpr: anna.cpr,
  });
  const headers = () => ({
    authorization: `Bearer ${token}`,
    'x-civilRegistrationIdentifier': anna.cpr,
    'x-requestId': randomUUID(),
  });

  console.log(`GET /v1/Jobagent, ${CONNECTIONS} connections, ${DURATION_S} s each, after a 3 s warm-up`);
  await autocannon({ url: `${baselineAddress}/v1/Jobagent`, connections: 5, duration: 3, requests: [{ setupRequest: (r) => ({ ...r, headers: headers() }) }] });
  await autocannon({ url: `${appAddress}/v1/Jobagent`, connections: 5, duration: 3, requests: [{ setupRequest: (r) => ({ ...r, headers: headers() }) }] });
  const base = await measure('baseline', `${baselineAddress}/v1/Jobagent`, headers);
  const svc = await measure('service', `${appAddress}/v1/Jobagent`, headers);
  console.log(
    `ratio service/baseline: throughput ${(svc.requests.average / base.requests.average).toFixed(2)}, ` +
      `p99 latency ${(svc.latency.p99 / Math.max(base.latency.p99, 1)).toFixed(2)}`,
  );

  await app.close();
  await baseline.close();
  await pool.end();
  redis.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
