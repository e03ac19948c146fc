import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export interface CreatePrismaClientOptions {
  /** postgresql:// URL (real PostgreSQL or the embedded PGlite server). */
  url: string;
  /** pg pool size (default 10; keep <= the embedded server's maxConnections). */
  poolSize?: number;
  /** Max wait for a pooled connection / for connecting (default 5000 ms). */
  timeoutMs?: number;
}

/**
 * PrismaClient over @prisma/adapter-pg with the Prisma 7 pitfalls handled: finite pool
 * timeouts (adapter-pg waits forever by default) and the session time zone forced to UTC
 * (timestamps go wrong otherwise).
 */
export function createPrismaClient({ url, poolSize = 10, timeoutMs = 5_000 }: CreatePrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
  });
  return new PrismaClient({ adapter });
}
