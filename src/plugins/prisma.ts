import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { createDatabase } from '../db/client';

/** One pg pool per process, used by Prisma and by db/sql.ts; closed when the app closes. */
async function prismaPlugin(app: FastifyInstance) {
  const { url, poolSize, timeoutMs, statementTimeoutMs } = app.config.database;
  if (!url) throw new Error('database url missing: server.ts starts the embedded database when DATABASE_URL is unset');
  const { prisma, pool } = createDatabase({ url, poolSize, timeoutMs, statementTimeoutMs });
  // An idle connection that breaks (server restart, network) must not crash the process.
  pool.on('error', (err) => app.log.warn({ err: { message: err.message } }, 'idle database connection failed'));
  await prisma.$connect();
  app.decorate('prisma', prisma);
  app.decorate('pg', pool);
  app.addHook('onClose', async () => {
    await prisma.$disconnect();
    await pool.end();
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The pg pool under Prisma, for the hot statements of db/sql.ts. */
    pg: Pool;
  }
}

export default fp(prismaPlugin, { name: 'prisma', decorators: { fastify: ['config'] } });
