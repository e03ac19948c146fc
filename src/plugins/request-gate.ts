import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Cluster, Redis, Result } from 'ioredis';
import { ApiError, RuleViolation } from '../domain/errors';

export const REQUEST_ID_HEADER = 'x-requestid';
export const REQUEST_ID_MAX_LENGTH = 46;

export interface GateLimits {
  /** Requests per subject per window. */
  max: number;
  windowMs: number;
  /** How long a claimed x-requestId is remembered. */
  idTtlMs: number;
}

/**
 * The gate's answer for one request. `limited`: over the rate limit, the id is not claimed.
 * `replay`: the id was claimed before. `count` is this window's requests (this one included).
 */
export interface GateVerdict {
  outcome: 'pass' | 'replay' | 'limited';
  count: number;
  resetMs: number;
}

/** Rate limit and request-id claim for one /v1 request, in one atomic step (one Redis round trip). */
export interface RequestGateStore {
  pass(subject: string, requestId: string): Promise<GateVerdict>;
}

const OUTCOMES = ['pass', 'replay', 'limited'] as const;

/**
 * Fixed window per subject, then SET NX PX of the id unless over the limit. A replay counts
 * against the limit; a limited request does not claim its id.
 */
const GATE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = -1
if count > 1 then ttl = redis.call('PTTL', KEYS[1]) end
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if count > tonumber(ARGV[1]) then return {2, count, ttl} end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then return {0, count, ttl} end
return {1, count, ttl}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    requestGate(
      rateKey: string,
      idKey: string,
      max: number,
      windowMs: number,
      idTtlMs: number,
    ): Result<[number, number, number], Context>;
  }
}

/**
 * The keys of one request. Both carry the same hash tag, the subject, so Redis Cluster keeps them
 * in one slot (a script may only touch one slot). The subject is URI-encoded so it cannot hold a
 * brace and change the tag; REDIS_KEY_PREFIX may not hold braces either (config.ts).
 */
export function gateKeys(subject: string, requestId: string): { rateKey: string; idKey: string } {
  const tag = `{${encodeURIComponent(subject)}}`;
  return { rateKey: `rl:${tag}`, idKey: `idem:${tag}:${requestId}` };
}

/** One EVALSHA per request (ioredis sends the script itself once per connection, then its SHA). */
export class RedisRequestGate implements RequestGateStore {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly limits: GateLimits,
  ) {
    redis.defineCommand('requestGate', { numberOfKeys: 2, lua: GATE_SCRIPT });
  }

  async pass(subject: string, requestId: string): Promise<GateVerdict> {
    const { rateKey, idKey } = gateKeys(subject, requestId);
    const { max, windowMs, idTtlMs } = this.limits;
    const [outcome, count, resetMs] = await this.redis.requestGate(rateKey, idKey, max, windowMs, idTtlMs);
    return { outcome: OUTCOMES[outcome], count, resetMs };
  }
}

/** For the embedded single-process default only: not shared between instances. */
export class MemoryRequestGate implements RequestGateStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly ids = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly limits: GateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async pass(subject: string, requestId: string): Promise<GateVerdict> {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    const { max, windowMs, idTtlMs } = this.limits;
    let window = this.windows.get(subject);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(subject, window);
    }
    const count = ++window.count;
    const resetMs = window.resetAt - now;
    if (count > max) return { outcome: 'limited', count, resetMs };
    const key = `${subject}\n${requestId}`;
    const expiry = this.ids.get(key);
    if (expiry !== undefined && expiry > now) return { outcome: 'replay', count, resetMs };
    this.ids.set(key, now + idTtlMs);
    return { outcome: 'pass', count, resetMs };
  }

  private sweep(now: number) {
    for (const [key, expiry] of this.ids) if (expiry <= now) this.ids.delete(key);
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    this.nextSweep = now + 60_000;
  }
}

export function validRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= REQUEST_ID_MAX_LENGTH;
}

/** Seconds, rounded up, for the rate-limit headers (at least 1 while a window is open). */
const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * Decorates the app with the store and `gateRequest`, the last onRequest hook of /v1 routes
 * (after authentication, so the limit is per token subject, as the id's scope is):
 * 400/1014 for a missing or too long x-requestId; 429 over the rate limit (the id stays unused);
 * 412 for a replay; 503/8236 when the store cannot answer (fail closed: a replay must never run).
 */
async function requestGatePlugin(app: FastifyInstance, opts: { store?: RequestGateStore }) {
  const { max, windowMs } = app.config.http.rateLimit;
  const limits: GateLimits = { max, windowMs, idTtlMs: app.config.idempotencyTtlMs };
  const store = opts.store ?? (app.redis ? new RedisRequestGate(app.redis, limits) : new MemoryRequestGate(limits));
  const limitHeader = String(max);
  app.decorate('requestGate', store);

  app.decorate('gateRequest', async function gateRequest(request: FastifyRequest, reply: FastifyReply) {
    const requestId = request.headers[REQUEST_ID_HEADER];
    if (!validRequestId(requestId)) {
      throw new RuleViolation(1014, {
        felt: '/headers/x-requestId',
        detail: `The header x-requestId is required and must be 1 to ${REQUEST_ID_MAX_LENGTH} characters long`,
      });
    }
    let verdict: GateVerdict;
    try {
      verdict = await store.pass(request.principal.subject, requestId);
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'request gate (Redis) unavailable');
      reply.header('retry-after', '5');
      throw new RuleViolation(8236, { detail: 'The request could not be checked for replay; try again later' });
    }
    const reset = seconds(verdict.resetMs);
    reply.headers({
      'x-ratelimit-limit': limitHeader,
      'x-ratelimit-remaining': String(Math.max(0, max - verdict.count)),
      'x-ratelimit-reset': reset,
    });
    if (verdict.outcome === 'limited') {
      reply.header('retry-after', reset);
      throw new ApiError(429, 'Too Many Requests', `Rate limit of ${max} requests per ${windowMs / 1000} s exceeded; the x-requestId was not used`);
    }
    if (verdict.outcome === 'replay') {
      throw new ApiError(412, 'Request already received', `A request with x-requestId '${requestId}' has already been received; it is not executed again`);
    }
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    requestGate: RequestGateStore;
    gateRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export default fp(requestGatePlugin, { name: 'request-gate', dependencies: ['redis'] });
