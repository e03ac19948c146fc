import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createPrismaClient } from '../db/client';

/** One Prisma client per process, closed when the app closes. */
async function prismaPlugin(app: FastifyInstance) {
  const { url, poolSize, timeoutMs, statementTimeoutMs } = app.config.database;
  if (!url) throw new Error('database url missing: server.ts starts the embedded database when DATABASE_URL is unset');
  const prisma = createPrismaClient({ url, poolSize, timeoutMs, statementTimeoutMs });
  await prisma.$connect();
  app.decorate('prisma', prisma);
  app.addHook('onClose', async () => {
    await prisma.$disconnect();
  });
}

export default fp(prismaPlugin, { name: 'prisma', decorators: { fastify: ['config'] } });
