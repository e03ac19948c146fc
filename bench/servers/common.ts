/**
 * The essential per-request work of the baseline servers (bare, bare-merging, express), shared so
 * that they differ only in the framework and in read merging:
 * the same fast-jwt verification and claims check as the service, one Redis SET NX PX for the
 * request id, the SQL of bench/sql.ts, and the API's JSON shape out.
 */
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { createVerifier } from 'fast-jwt';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import { LOCAL_ISSUER } from '../../src/auth/local-key';
import { ROLES, type RouteAccess } from '../../src/domain/access';
import { isValidCpr } from '../../src/domain/cpr';
import { REDIS_KEY_PREFIX, type ChildSettings, type ParentMessage } from '../constants';

export const settings: ChildSettings = JSON.parse(process.env.BENCH_CHILD ?? '{}');

/** The service's verifier options (src/plugins/auth.ts) with the local key and an audience. */
export function tokenVerifier(): (token: string) => Record<string, unknown> {
  const publicKeyPem = createPublicKey(readFileSync(settings.keyFile, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
  return createVerifier({
    algorithms: ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256'],
    cache: 10_000,
    requiredClaims: ['iss', 'exp', 'sub', 'aud'],
    allowedAud: settings.audience,
    allowedIss: LOCAL_ISSUER,
    key: publicKeyPem,
  }) as (token: string) => Record<string, unknown>;
}

export class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly fejlkode?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

export interface Caller {
  subject: string;
  cpr: string;
  requestId: string;
}

type Headers = Record<string, string | string[] | undefined>;

/** Bearer token, role and scope, the CPR header against the token, the request id header. */
export function authorize(verify: (token: string) => Record<string, unknown>, headers: Headers, access: RouteAccess): Caller {
  const header = headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(header) : null;
  if (!match) throw new HttpAnswer(401);
  let claims: Record<string, unknown>;
  try {
    claims = verify(match[1]);
  } catch {
    throw new HttpAnswer(401);
  }
  const { sub, role, scope, cpr } = claims;
  if (typeof sub !== 'string' || !sub || typeof role !== 'string' || !ROLES.includes(role as never)) throw new HttpAnswer(401);
  if (role === 'borger' && typeof cpr !== 'string') throw new HttpAnswer(401);
  const scopes = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  if (!access.roles.includes(role as never)) throw new HttpAnswer(403, 4575);
  if (!access.scopes.some((s) => scopes.has(s))) throw new HttpAnswer(403, 1013);

  const headerCpr = headers['x-civilregistrationidentifier'];
  if (!isValidCpr(headerCpr)) throw new HttpAnswer(400, 1001);
  if (role === 'borger' && cpr !== headerCpr) throw new HttpAnswer(403, 4575);
  const requestId = headers['x-requestid'];
  if (typeof requestId !== 'string' || requestId.length < 1 || requestId.length > 46) throw new HttpAnswer(400, 1014);
  return { subject: sub, cpr: headerCpr, requestId };
}

export function createPool(): Pool {
  // As src/db/client.ts configures adapter-pg, and as src/plugins/prisma.ts, an idle client's error is logged, not fatal.
  const pool = new Pool({
    connectionString: settings.databaseUrl,
    max: settings.poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
  });
  pool.on('error', (err) => console.error(`idle database connection failed: ${err.message}`));
  return pool;
}

export function createRedis(): Redis {
  return new Redis(settings.redisUrl, { keyPrefix: REDIS_KEY_PREFIX, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true });
}

/** The one Redis round trip: SET NX PX, as the service's idempotency store. 412 for a replay. */
export async function claimRequestId(redis: Redis, caller: Caller): Promise<void> {
  const first = (await redis.set(`idem:${caller.subject}:${caller.requestId}`, '1', 'PX', settings.idempotencyTtlMs, 'NX')) === 'OK';
  if (!first) throw new HttpAnswer(412);
}

/** The API's Jobagent shape, made by the service's own mapping. */
export { toJobagent } from '../../src/modules/jobagent/service';

/** A problem+json-like body for a refusal; the bench counts any such answer as a failure. */
export function problem(status: number, fejlkode?: number) {
  return { status, ...(fejlkode ? { fejl: [{ fejlkode }] } : {}) };
}

/**
 * The child side of the IPC protocol: tells the orchestrator the port, answers usage requests
 * (CPU time so far and RSS), and exits when the orchestrator goes away.
 */
export function serveIpc(port: number, close: () => Promise<void>): void {
  process.on('message', (msg: ParentMessage) => {
    if (msg.type === 'usage') {
      const cpu = process.cpuUsage();
      process.send?.({ type: 'usage', cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss() });
    }
  });
  const stop = () => {
    close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.send?.({ type: 'ready', port });
}

/** Fails the child loudly at start-up; the orchestrator sees the exit. */
export function startOrDie(start: () => Promise<void>): void {
  start().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
