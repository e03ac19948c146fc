/**
 * Whether an error from Prisma (with adapter-pg) means PostgreSQL is unreachable, too slow or
 * overloaded, rather than a bug: the request then answers 503/8236 with Retry-After (design.md
 * section 4), not 500. What really arrives was found by breaking the connection through a proxy
 * (test/integration/database-outage.test.ts):
 * - connection refused: PrismaClientKnownRequestError P1001 (DriverAdapterError DatabaseNotReachable),
 *   or pg's plain Error "Connection terminated unexpectedly";
 * - a frozen server: pg's "Connection terminated due to connection timeout" (connect),
 *   "Query read timeout" (query_timeout), "timeout exceeded when trying to connect" (pool);
 * - statement_timeout: P2010 with PostgreSQL code 57014;
 * - a closed connection: "Connection terminated unexpectedly", ECONNRESET (ConnectionClosed).
 * Prisma's own connection codes (P1017, P2024...) did not arrive with adapter-pg; they are kept for
 * other adapters and versions.
 */

/** Prisma error codes about the connection, not the query. */
const PRISMA_CODES = new Set([
  'P1001', // can't reach database server
  'P1002', // database server reached but timed out
  'P1008', // operations timed out
  'P1017', // server has closed the connection
  'P2024', // timed out fetching a connection from the pool
  'P2028', // transaction could not start or finish in time
  'P2037', // too many database connections
]);

/** DriverAdapterError kinds (adapter-pg) that mean the server cannot serve us now. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

/**
 * PostgreSQL SQLSTATEs: 08 connection exception, 53 insufficient resources, 57014 query canceled
 * (our statement_timeout), 57P01-57P05 shutdown, cannot connect now, idle timeouts.
 */
const SQLSTATE = /^(08|53|57014|57P0)/;

/** Errors thrown by pg itself, before adapter-pg can classify them. */
const PG_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
];

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

type Loose = { [key: string]: unknown } | undefined;

function unavailableOne(e: Loose): boolean {
  if (!e || typeof e !== 'object') return false;
  const { code, kind, originalCode, message, severity } = e as Record<string, unknown>;
  // pg's own DatabaseError (statements run on the pool directly, db/sql.ts) carries the SQLSTATE as code.
  if (typeof severity === 'string' && typeof code === 'string' && SQLSTATE.test(code)) return true;
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || NODE_CODES.has(code))) return true;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (kind === 'postgres' && typeof code === 'string' && SQLSTATE.test(code)) return true;
  if (typeof originalCode === 'string' && SQLSTATE.test(originalCode)) return true;
  return typeof message === 'string' && PG_MESSAGES.includes(message);
}

/** True when `err` or what it wraps (cause, Prisma's meta.driverAdapterError) says the database is unavailable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const queue: unknown[] = [err];
  for (let depth = 0; queue.length > 0 && depth < 8; depth++) {
    const e = queue.shift() as Loose;
    if (!e || typeof e !== 'object') continue;
    if (unavailableOne(e)) return true;
    queue.push(e.cause, (e.meta as Loose)?.driverAdapterError);
  }
  return false;
}
