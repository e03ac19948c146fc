import fp from 'fastify-plugin';
import { Cluster, Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';

/**
 * Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES) for the /v1 request gate (rate limit
 * and x-requestId). Commands fail fast while disconnected (no offline queue, a command timeout)
 * so a Redis outage turns into 503 at once, never into requests that hang.
 */
async function redisPlugin(app: FastifyInstance) {
  const { url, clusterNodes, keyPrefix, commandTimeoutMs } = app.config.redis;
  if (!url && !clusterNodes) {
    app.decorate('redis', null);
    return;
  }
  // No retries while starting: an unreachable Redis fails the start instead of retrying forever.
  let started = false;
  const retry = (times: number) => (started ? Math.min(times * 200, 2000) : null);
  const connection = {
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs * 2,
  };
  const redis = clusterNodes
    ? new Cluster(clusterNodes, {
        keyPrefix,
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: retry,
        slotsRefreshTimeout: commandTimeoutMs,
        redisOptions: connection,
      })
    : new Redis(url!, { ...connection, keyPrefix, lazyConnect: true, enableOfflineQueue: false, retryStrategy: retry });
  redis.on('error', (err) => app.log.warn({ err: { message: err.message } }, 'redis error'));
  try {
    await redis.connect();
    started = true;
  } catch (err) {
    redis.disconnect();
    const where = clusterNodes ? `the cluster nodes ${clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}` : url!.replace(/\/\/[^@/]*@/, '//***@');
    throw new Error(`Redis is not reachable at ${where}: ${(err as Error).message}`);
  }
  app.decorate<FastifyInstance['redis']>('redis', redis);
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
}

export default fp(redisPlugin, { name: 'redis', decorators: { fastify: ['config'] } });
