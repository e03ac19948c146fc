import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Clock } from './domain/clock';
import type { Principal, RouteAccess } from './domain/access';
import type { PrismaClient } from './generated/prisma/client';
import type { IdempotencyStore } from './plugins/idempotency';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    prisma: PrismaClient;
    /** Absent on the embedded default (no REDIS_URL). */
    redis: Redis | null;
    idempotencyStore: IdempotencyStore;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 request. */
    principal: Principal;
    /** The validated x-civilRegistrationIdentifier of a /v1 request. */
    cpr: string;
  }
  interface FastifyContextConfig {
    /** Required on every /v1 route: which roles and scopes may call it. */
    access?: RouteAccess;
  }
}
