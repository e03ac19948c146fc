import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** Liveness (the process answers) and readiness (database and Redis answer). Open, no token. */
async function healthPlugin(app: FastifyInstance) {
  app.get('/health/live', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'fejl'> = {};
    const results = await Promise.allSettled([
      app.prisma.$queryRaw`SELECT 1`,
      app.redis ? app.redis.ping() : Promise.resolve('PONG'),
    ]);
    checks.database = results[0].status === 'fulfilled' ? 'ok' : 'fejl';
    checks.redis = results[1].status === 'fulfilled' ? 'ok' : 'fejl';
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'fejl', checks });
  });
}

export default fp(healthPlugin, { name: 'health', dependencies: ['prisma', 'redis'] });
