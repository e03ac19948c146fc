import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://app@db.internal:5432/jobnet',
  REDIS_URL: 'rediss://cache.internal:6380',
  AUTH_JWKS_URL: 'https://login.example.dk/.well-known/jwks.json',
  AUTH_ISSUER: 'https://login.example.dk',
  AUTH_AUDIENCE: 'jobnet-citizen-api',
};

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults (the embedded default run)', () => {
  const config = loadConfig({});

  it('listens on 127.0.0.1:3000 in development at level info', () => {
    expect(config.env).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.publicBaseUrl).toBeUndefined();
  });

  it('uses the embedded database with demo data and no Redis', () => {
    expect(config.database.url).toBeUndefined();
    expect(config.database.seedDemoData).toBe(true);
    expect(config.database.poolSize).toBe(10);
    expect(config.database.embeddedDataDir).toBe(path.resolve('.data/pglite'));
    expect(config.redis.url).toBeUndefined();
    expect(config.redis.keyPrefix).toBe('jobnet:');
  });

  it('keeps request ids for 24 hours', () => {
    expect(config.idempotencyTtlMs).toBe(24 * 3600 * 1000);
  });

  it('verifies tokens with the local key, no CORS origins, 256 KiB bodies', () => {
    expect(config.auth.jwksUrl).toBeUndefined();
    expect(config.auth.localKeyFile).toBe(path.resolve('.data/local-signing-key.pem'));
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.http.bodyLimit).toBe(262144);
    expect(config.http.trustProxy).toBe(false);
    expect(config.problemTypeBase).toBe('https://api.jobnet.dk/fejl/');
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: '' });
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe('info');
    expect(c.database.url).toBeUndefined();
  });

  it('does not seed demo data into a real database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/x' }).database.seedDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/x', SEED_DEMO_DATA: 'true' }).database.seedDemoData).toBe(true);
  });

  it('reads numbers, booleans and the TTL in seconds', () => {
    const c = loadConfig({ PORT: '8080', TRUST_PROXY: 'true', IDEMPOTENCY_TTL_SECONDS: '3600', BODY_LIMIT_BYTES: '2048' });
    expect(c.port).toBe(8080);
    expect(c.http.trustProxy).toBe(true);
    expect(c.idempotencyTtlMs).toBe(3_600_000);
    expect(c.http.bodyLimit).toBe(2048);
  });
});

describe('loadConfig: production', () => {
  it('accepts a complete production environment', () => {
    const c = loadConfig(PRODUCTION);
    expect(c.env).toBe('production');
    expect(c.database.url).toBe(PRODUCTION.DATABASE_URL);
    expect(c.redis.url).toBe(PRODUCTION.REDIS_URL);
    expect(c.auth.jwksUrl).toBe(PRODUCTION.AUTH_JWKS_URL);
    expect(c.database.seedDemoData).toBe(false);
  });

  it('refuses to start without DATABASE_URL, REDIS_URL and AUTH_JWKS_URL, naming all three', () => {
    const err = configError({ NODE_ENV: 'production' });
    expect(err.message).toMatch(/NODE_ENV=production requires/);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'AUTH_JWKS_URL']) expect(err.message).toContain(name);
  });

  it.each(['DATABASE_URL', 'REDIS_URL', 'AUTH_JWKS_URL'])('refuses to start without %s alone, naming only it', (name) => {
    const err = configError({ ...PRODUCTION, [name]: undefined });
    expect(err.message).toContain(name);
    for (const other of ['DATABASE_URL', 'REDIS_URL', 'AUTH_JWKS_URL'].filter((n) => n !== name)) {
      expect(err.message).not.toContain(other);
    }
  });

  it('requires AUTH_AUDIENCE (a token issued for another service must be refused)', () => {
    expect(configError({ ...PRODUCTION, AUTH_AUDIENCE: undefined }).message).toMatch(/NODE_ENV=production requires AUTH_AUDIENCE/);
    expect(loadConfig({ ...PRODUCTION, NODE_ENV: 'development', AUTH_AUDIENCE: undefined }).auth.audience).toBeUndefined();
  });

  it('drains for 5 s on shutdown in production, not at all elsewhere, unless set', () => {
    expect(loadConfig(PRODUCTION).shutdownDrainDelayMs).toBe(5000);
    expect(loadConfig({}).shutdownDrainDelayMs).toBe(0);
    expect(loadConfig({ SHUTDOWN_DRAIN_DELAY_MS: '250' }).shutdownDrainDelayMs).toBe(250);
  });

  it('sheds load at 1 s mean event-loop delay by default; 0 turns it off', () => {
    expect(loadConfig(PRODUCTION).loadShedding).toEqual({ maxEventLoopDelayMs: 1000, sampleIntervalMs: 1000 });
    expect(loadConfig({ LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0' }).loadShedding.maxEventLoopDelayMs).toBe(0);
  });

  it('bounds database statements and readiness checks', () => {
    const c = loadConfig(PRODUCTION);
    expect(c.database.statementTimeoutMs).toBe(5000);
    expect(c.healthReadyTimeoutMs).toBe(2000);
  });

  it('requires AUTH_ISSUER with AUTH_JWKS_URL', () => {
    expect(configError({ ...PRODUCTION, AUTH_ISSUER: undefined }).message).toMatch(/AUTH_ISSUER/);
  });
});

describe('loadConfig: invalid values', () => {
  it.each(['abc', '70000', '-1', '65536', '80 80'])('rejects PORT=%j with a ConfigError naming PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toMatch(/^Invalid configuration:/);
    expect(err.message).toMatch(/PORT/);
  });

  // A value that is not a whole number must not be truncated into some other port.
  it.each(['3000.5', '1e3', 'true'])('rejects PORT=%j rather than reading it as another number', (port) => {
    expect(configError({ PORT: port }).message).toMatch(/PORT/);
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost/jobnet'],
    ['REDIS_URL', 'localhost:6379'],
    ['AUTH_JWKS_URL', 'ftp://example.dk/jwks'],
    ['PUBLIC_BASE_URL', 'api.jobnet.dk'],
    ['BODY_LIMIT_BYTES', '10'],
    ['IDEMPOTENCY_TTL_SECONDS', '59'],
    ['TRUST_PROXY', 'yes'],
    ['DATABASE_POOL_SIZE', '0'],
  ])('rejects %s=%j naming the variable', (name, value) => {
    expect(configError({ [name]: value }).message).toContain(name);
  });

  it('lists every invalid variable at once', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('LOG_LEVEL');
  });
});

describe('loadConfig: CORS_ORIGINS', () => {
  it.each([
    ['', []],
    ['https://jobnet.dk', ['https://jobnet.dk']],
    ['https://jobnet.dk,https://www.jobnet.dk', ['https://jobnet.dk', 'https://www.jobnet.dk']],
    [' https://jobnet.dk , https://www.jobnet.dk ,, ', ['https://jobnet.dk', 'https://www.jobnet.dk']],
    [',', []],
  ])('%j gives %j', (value, origins) => {
    expect(loadConfig({ CORS_ORIGINS: value }).http.corsOrigins).toEqual(origins);
  });
});

describe('loadConfig: Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  const CLUSTER = { ...PRODUCTION, REDIS_URL: undefined, REDIS_CLUSTER_NODES: 'redis-0.internal:6379,10.0.0.2:7000,[::1]:7001' };

  it('reads the start-up nodes (an IPv6 host in brackets) and satisfies production instead of REDIS_URL', () => {
    const c = loadConfig(CLUSTER);
    expect(c.redis.url).toBeUndefined();
    expect(c.redis.clusterNodes).toEqual([
      { host: 'redis-0.internal', port: 6379 },
      { host: '10.0.0.2', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
  });

  it('has no cluster by default', () => {
    expect(loadConfig({}).redis.clusterNodes).toBeUndefined();
  });

  it('names both Redis variables when production has neither', () => {
    expect(configError({ ...PRODUCTION, REDIS_URL: undefined }).message).toMatch(/requires REDIS_URL: .* set REDIS_CLUSTER_NODES instead/);
  });

  it('refuses REDIS_URL together with REDIS_CLUSTER_NODES', () => {
    expect(configError({ ...CLUSTER, REDIS_URL: PRODUCTION.REDIS_URL }).message).toMatch(/REDIS_URL or REDIS_CLUSTER_NODES, not both/);
  });

  it.each(['redis-0', 'redis-0:', 'a:6379,', 'a:6379, b:6380', 'redis://a:6379', 'a:0', 'a:70000'])('rejects REDIS_CLUSTER_NODES=%j', (value) => {
    expect(configError({ REDIS_CLUSTER_NODES: value }).message).toContain('REDIS_CLUSTER_NODES');
  });

  it.each(['{jobnet}:', 'job{net:', 'jobnet}:'])('rejects REDIS_KEY_PREFIX=%j (the service sets the hash tags itself)', (value) => {
    expect(configError({ REDIS_KEY_PREFIX: value }).message).toContain('REDIS_KEY_PREFIX');
  });
});
