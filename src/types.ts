import type { Cluster, Redis } from 'ioredis';
import type { Config } from './config';
import type { Clock } from './domain/clock';
import type { Principal, RouteAccess } from './domain/access';
import type { PrismaClient } from './generated/prisma/client';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    prisma: PrismaClient;
    /** A Redis Cluster with REDIS_CLUSTER_NODES; absent on the embedded default (neither that nor REDIS_URL). */
    redis: Redis | Cluster | null;
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
