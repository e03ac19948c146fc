import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** Resolves 'ok' when `check` succeeds within `ms`, 'fejl' when it fails or takes longer. */
async function bounded(check: () => Promise<unknown>, ms: number): Promise<'ok' | 'fejl'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'fejl'>((resolve) => {
    timer = setTimeout(() => resolve('fejl'), ms);
  });
  try {
    return await Promise.race([check().then(() => 'ok' as const, () => 'fejl' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (the process answers) and readiness (database and Redis answer within
 * HEALTH_READY_TIMEOUT_MS, and the process is not shutting down). Open, no token.
 * GET and HEAD (app.ts exposes no automatic HEAD routes).
 */
async function healthPlugin(app: FastifyInstance) {
  const timeoutMs = app.config.healthReadyTimeoutMs;
  let draining = false;
  app.decorate('startDraining', () => {
    draining = true;
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/health/live',
    schema: { hide: true },
    logLevel: 'warn',
    handler: async () => ({ status: 'ok' }),
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/health/ready',
    schema: { hide: true },
    logLevel: 'warn',
    handler: async (_request, reply) => {
      if (draining) return reply.code(503).send({ status: 'lukker', checks: {} });
      const [database, redis] = await Promise.all([
        bounded(() => app.prisma.$queryRaw`SELECT 1`, timeoutMs),
        bounded(() => (app.redis ? app.redis.ping() : Promise.resolve('PONG')), timeoutMs),
      ]);
      const ready = database === 'ok' && redis === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'fejl', checks: { database, redis } });
    },
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Readiness answers 503 from now on (SIGTERM: the load balancer stops sending before the server closes). */
    startDraining(): void;
  }
}

export default fp(healthPlugin, { name: 'health', dependencies: ['prisma', 'redis'] });
