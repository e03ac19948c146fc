/**
 * Jest globalSetup (runs once, in the parent process, before any worker starts):
 *
 * 1. checks that PostgreSQL and Redis are reachable, failing fast with a clear message;
 * 2. drops (WITH (FORCE)) and recreates the database `jobnet_test` (TEST_DATABASE_NAME)
 *    on the server TEST_DATABASE_URL_BASE (default postgresql://postgres@127.0.0.1:5432);
 * 3. applies prisma/migrations with src/db/migrate.ts and seeds the demo data;
 * 4. sets DATABASE_URL and REDIS_URL (default redis://127.0.0.1:6379) in process.env,
 *    which the workers inherit.
 *
 * The database is left in place after the run for inspection (see global-teardown.ts).
 */
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient } from '../src/db/client';
import { seedDemoData } from '../src/modules/demo-data';

const CONNECT_TIMEOUT_MS = 3_000;

function withDatabase(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  redis.on('error', (e: Error) => {
    lastError = e; // reported below
  });
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
  } catch (e) {
    throw new Error(
      `Redis is not reachable at ${redact(url)} (${(lastError ?? (e as Error)).message}). ` +
        'Start it (e.g. `apt-get install redis-server`) or set REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const base = process.env.TEST_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const dbName = process.env.TEST_DATABASE_NAME ?? 'jobnet_test';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`TEST_DATABASE_NAME must be a plain identifier, got "${dbName}"`);

  const admin = new Client({ connectionString: withDatabase(base, 'postgres'), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await admin.connect();
  } catch (e) {
    await admin.end().catch(() => {});
    throw new Error(
      `PostgreSQL is not reachable at ${redact(base)} (${(e as Error).message}). ` +
        'Start it (e.g. `apt-get install postgresql`) or set TEST_DATABASE_URL_BASE.',
    );
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }

  await checkRedis(redisUrl);

  const url = withDatabase(base, dbName);
  await applyMigrations(url);
  const prisma = createPrismaClient({ url, poolSize: 1 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }

  process.env.DATABASE_URL = url;
  process.env.REDIS_URL = redisUrl;
  if (process.env.DEBUG_TEST_SETUP) {
    console.log(`\n[global-setup] ${redact(url)} ready in ${Date.now() - started} ms`);
  }
}
