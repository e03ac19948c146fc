import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiError, RuleViolation } from '../domain/errors';

export const REQUEST_ID_HEADER = 'x-requestid';
export const REQUEST_ID_MAX_LENGTH = 46;

/** Remembers request ids; claim() is true only for the first request with an id. */
export interface IdempotencyStore {
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** One round trip: SET key 1 NX PX ttl. Atomic, so concurrent duplicates cannot both win. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(private readonly redis: Redis) {}
  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`idem:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }
}

/** For the embedded single-process default only: not shared between instances. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly expiresAt = new Map<string, number>();
  private nextSweep = 0;
  constructor(private readonly now: () => number = Date.now) {}
  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    const expiry = this.expiresAt.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiresAt.set(key, now + ttlMs);
    return true;
  }
  private sweep(now: number) {
    for (const [key, expiry] of this.expiresAt) if (expiry <= now) this.expiresAt.delete(key);
    this.nextSweep = now + 60_000;
  }
}

export function validRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= REQUEST_ID_MAX_LENGTH;
}

/**
 * Decorates the app with the store and `claimRequestId`, the onRequest hook of /v1 routes:
 * 400/1014 for a missing or too long x-requestId, 412 for a replay, 503/8236 when the
 * store cannot answer (fail closed: a replay must never run).
 */
async function idempotencyPlugin(app: FastifyInstance, opts: { store?: IdempotencyStore }) {
  const store = opts.store ?? (app.redis ? new RedisIdempotencyStore(app.redis) : new MemoryIdempotencyStore());
  const ttlMs = app.config.idempotencyTtlMs;
  app.decorate('idempotencyStore', store);

  app.decorate('claimRequestId', async function claimRequestId(request: FastifyRequest) {
    const requestId = request.headers[REQUEST_ID_HEADER];
    if (!validRequestId(requestId)) {
      throw new RuleViolation(1014, {
        felt: '/headers/x-requestId',
        detail: `The header x-requestId is required and must be 1 to ${REQUEST_ID_MAX_LENGTH} characters long`,
      });
    }
    let first: boolean;
    try {
      first = await store.claim(`${request.principal.subject}:${requestId}`, ttlMs);
    } catch (err) {
      request.log.error({ err: { message: (err as Error).message } }, 'idempotency store unavailable');
      throw new RuleViolation(8236, { detail: 'The request could not be checked for replay; try again later' });
    }
    if (!first) {
      throw new ApiError(412, 'Request already received', `A request with x-requestId '${requestId}' has already been received; it is not executed again`);
    }
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    claimRequestId(request: FastifyRequest): Promise<void>;
  }
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['redis'] });
