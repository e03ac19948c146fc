import { PrismaPg } from '@prisma/adapter-pg';
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

/**
 * PrismaClient over @prisma/adapter-pg with the Prisma 7 pitfalls handled: finite pool, statement
 * and query timeouts (adapter-pg waits forever by default) and the session time zone forced to
 * UTC (timestamps go wrong otherwise).
 */
export function createPrismaClient({ url, poolSize = 10, timeoutMs = 5_000, statementTimeoutMs = 5_000 }: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    idleTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
  });
  return new PrismaClient({ adapter });
}
