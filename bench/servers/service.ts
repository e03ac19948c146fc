/**
 * The service: src/app.ts buildApp as production runs it (NODE_ENV=production, PostgreSQL, Redis,
 * info logging, here into /dev/null with pino's synchronous destination, as on stdout), compiled by tsc like `npm run build`. Two differences from a
 * deployment, both outside the request path: tokens are verified with the bench's local key instead
 * of keys fetched from a JWKS URL, and the rate limit is set so high that it never answers 429
 * (it still runs on every request).
 */
import pino from 'pino';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { LOCAL_ISSUER } from '../../src/auth/local-key';
import { REDIS_KEY_PREFIX } from '../constants';
import { serveIpc, settings, startOrDie } from './common';

startOrDie(async () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    DATABASE_POOL_SIZE: String(settings.poolSize),
    REDIS_URL: settings.redisUrl,
    REDIS_KEY_PREFIX,
    IDEMPOTENCY_TTL_SECONDS: String(Math.round(settings.idempotencyTtlMs / 1000)),
    // Production requires a JWKS URL; it is replaced by the local key below and never fetched.
    AUTH_JWKS_URL: 'https://jwks.invalid/jwks.json',
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: settings.audience,
    RATE_LIMIT_MAX: '1000000000',
  });
  config.auth.jwksUrl = undefined;
  config.auth.localKeyFile = settings.keyFile;

  const app = await buildApp({ config, logStream: pino.destination({ dest: '/dev/null', sync: true }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  serveIpc(typeof address === 'object' && address ? address.port : 0, () => app.close());
});
