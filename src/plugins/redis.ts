import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';

/**
 * Redis for idempotency and rate limiting. Commands fail fast while disconnected
 * (no offline queue, a command timeout) so a Redis outage turns into 503 at once,
 * never into requests that hang.
 */
async function redisPlugin(app: FastifyInstance) {
  const { url, keyPrefix, commandTimeoutMs } = app.config.redis;
  if (!url) {
    app.decorate('redis', null);
    return;
  }
  // No retries while starting: an unreachable Redis fails the start instead of retrying forever.
  let started = false;
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs * 2,
    retryStrategy: (times) => (started ? Math.min(times * 200, 2000) : null),
  });
  redis.on('error', (err) => app.log.warn({ err: { message: err.message } }, 'redis error'));
  try {
    await redis.connect();
    started = true;
  } catch (err) {
    redis.disconnect();
    const where = url.replace(/\/\/[^@/]*@/, '//***@');
    throw new Error(`Redis is not reachable at ${where}: ${(err as Error).message}`);
  }
  app.decorate('redis', redis);
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
}

export default fp(redisPlugin, { name: 'redis', decorators: { fastify: ['config'] } });
