import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export interface CreatePrismaClientOptions {
  /** postgresql:// URL (real PostgreSQL or the embedded PGlite server). */
  url: string;
  /** pg pool size (default 10; keep <= the embedded server's maxConnections). */
  poolSize?: number;
  /** Max wait for a pooled connection / for connecting (default 5000 ms). */
  timeoutMs?: number;
  /**
   * PostgreSQL cancels a statement running longer (default 5000 ms); the client gives up on a
   * query with no answer a second later (a frozen server or network), so no request hangs.
   */
  statementTimeoutMs?: number;
}

/** How much longer the client waits than the server's statement_timeout before giving up itself. */
const QUERY_TIMEOUT_MARGIN_MS = 1_000;

/** How the pool connects, the same for Prisma's adapter and for the typed raw statements of db/sql.ts. */
function poolConfig({ url, poolSize = 10, timeoutMs = 5_000, statementTimeoutMs = 5_000 }: CreatePrismaClientOptions) {
  return {
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    idleTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
  };
}

/**
 * PrismaClient over @prisma/adapter-pg with the Prisma 7 pitfalls handled: finite pool, statement
 * and query timeouts (adapter-pg waits forever by default) and the session time zone forced to
 * UTC (timestamps go wrong otherwise). The adapter owns its pool and ends it on $disconnect.
 */
export function createPrismaClient(options: CreatePrismaClientOptions): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(options)) });
}

/**
 * The app's database: one pg pool, used by Prisma (through the adapter) and directly by the hot
 * statements of db/sql.ts, which skip Prisma's per-call cost. The caller ends the pool.
 */
export function createDatabase(options: CreatePrismaClientOptions): { prisma: PrismaClient; pool: Pool } {
  const pool = new Pool(poolConfig(options));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}
