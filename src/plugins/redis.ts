import fp from 'fastify-plugin';
import { Cluster, Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';

type Client = Redis | Cluster;

/** Connection attempts at start-up; each one a fresh client that does not retry by itself. */
const START_ATTEMPTS = 3;

/**
 * Connects a lazily connecting client, settling within `deadlineMs` whatever happens. ioredis's own
 * promise is not enough: a Cluster whose ready check fails (CLUSTER INFO answers cluster_state:fail,
 * or times out because the event loop was busy) disconnects with its close listener already removed,
 * and with no retry strategy its connect() then never settles. So the client's 'end' and a timer
 * settle it too.
 */
function connectWithin(redis: Client, deadlineMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let lastError: Error | undefined;
    let connected = false;
    const onError = (err: Error) => (lastError = err);
    const onConnect = () => (connected = true);
    const settle = (err?: Error) => {
      clearTimeout(timer);
      redis.off('end', onEnd);
      redis.off('connect', onConnect);
      redis.off('error', onError);
      redis.off('node error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onEnd = () =>
      settle(lastError ?? new Error(`the connection ended before it was ready${connected ? ' (its ready check, CLUSTER INFO or INFO, failed or timed out)' : ''}`));
    const timer = setTimeout(
      () => settle(new Error(`not ready within ${deadlineMs} ms${lastError ? ` (${lastError.message})` : ''}`)),
      deadlineMs,
    );
    redis.on('error', onError);
    redis.on('node error', onError);
    redis.once('end', onEnd);
    redis.on('connect', onConnect);
    redis.connect().then(
      () => settle(),
      (err: Error) => settle(err),
    );
  });
}

/**
 * Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES) for the /v1 request gate (rate limit
 * and x-requestId). Commands fail fast while disconnected (no offline queue, a command timeout)
 * so a Redis outage turns into 503 at once, never into requests that hang.
 *
 * Start-up either becomes ready or fails with a clear message, always before fastify's plugin
 * timeout: up to three attempts (a busy start can time out a ready check once), all within a
 * deadline below `pluginTimeout`. Only a started client reconnects by itself.
 */
async function redisPlugin(app: FastifyInstance) {
  const { url, clusterNodes, keyPrefix, commandTimeoutMs } = app.config.redis;
  if (!url && !clusterNodes) {
    app.decorate('redis', null);
    return;
  }
  let started = false;
  const retry = (times: number) => (started ? Math.min(times * 200, 2000) : null);
  const connection = {
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs * 2,
  };
  const makeClient = (): Client => {
    const client = clusterNodes
      ? new Cluster(clusterNodes, {
          keyPrefix,
          lazyConnect: true,
          enableOfflineQueue: false,
          clusterRetryStrategy: retry,
          slotsRefreshTimeout: commandTimeoutMs,
          redisOptions: connection,
        })
      : new Redis(url!, { ...connection, keyPrefix, lazyConnect: true, enableOfflineQueue: false, retryStrategy: retry });
    client.on('error', (err) => app.log.warn({ err: { message: err.message } }, 'redis error'));
    return client;
  };

  const pluginTimeout = app.initialConfig.pluginTimeout ?? 10_000;
  const budgetMs = pluginTimeout > 0 ? Math.max(pluginTimeout - 2000, pluginTimeout / 2) : 30_000;
  const deadline = Date.now() + budgetMs;
  let redis: Client | undefined;
  const failures: string[] = [];
  for (let attempt = 1; attempt <= START_ATTEMPTS && !redis; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const client = makeClient();
    try {
      await connectWithin(client, left);
      redis = client;
    } catch (err) {
      client.disconnect();
      failures.push((err as Error).message);
      if (attempt < START_ATTEMPTS) await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, deadline - Date.now()))));
    }
  }
  if (!redis) {
    const where = clusterNodes ? `the cluster nodes ${clusterNodes.map((n) => `${n.host}:${n.port}`).join(',')}` : url!.replace(/\/\/[^@/]*@/, '//***@');
    const why = failures.length ? `${[...new Set(failures)].join('; ')} (${failures.length} attempt${failures.length > 1 ? 's' : ''})` : `no attempt within ${budgetMs} ms`;
    throw new Error(`Redis is not reachable at ${where}: ${why}`);
  }
  started = true;
  if (failures.length) app.log.warn({ failures }, 'redis connected after failed attempts');
  const client = redis;
  app.decorate<FastifyInstance['redis']>('redis', client);
  app.addHook('onClose', async () => {
    await client.quit().catch(() => client.disconnect());
  });
}

export default fp(redisPlugin, { name: 'redis', decorators: { fastify: ['config'] } });
