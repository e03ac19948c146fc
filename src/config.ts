import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Every setting of the service, read once at start-up from the environment and validated.
 * .env.example lists the same variables with a comment each; keep the two in step.
 */
/** host:port of a Redis Cluster start-up node; an IPv6 address in brackets. */
const CLUSTER_NODE = '([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):\\d{1,5}';

const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], { default: 'development' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),

  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  DATABASE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  EMBEDDED_DATA_DIR: Type.String({ default: '.data/pglite' }),
  SEED_DEMO_DATA: Type.Optional(Type.Boolean()),

  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  REDIS_CLUSTER_NODES: Type.Optional(Type.String({ pattern: `^${CLUSTER_NODE}(,${CLUSTER_NODE})*$` })),
  // No braces: the service sets the hash tags itself (one request's keys share a Redis Cluster slot).
  REDIS_KEY_PREFIX: Type.String({ default: 'jobnet:', pattern: '^[^{}]*$' }),
  REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 1000 }),
  IDEMPOTENCY_TTL_SECONDS: Type.Integer({ minimum: 60, default: 86400 }),

  AUTH_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  AUTH_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  AUTH_AUDIENCE: Type.Optional(Type.String({ minLength: 1 })),
  AUTH_LOCAL_KEY_FILE: Type.String({ default: '.data/local-signing-key.pem' }),

  CORS_ORIGINS: Type.String({ default: '' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 262144 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 15000 }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 600 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60000 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  PROBLEM_TYPE_BASE: Type.String({ default: 'https://api.jobnet.dk/fejl/' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10000 }),
  SHUTDOWN_DRAIN_DELAY_MS: Type.Optional(Type.Integer({ minimum: 0 })),
  HEALTH_READY_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 2000 }),
  LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 1000 }),
  LOAD_SHEDDING_SAMPLE_INTERVAL_MS: Type.Integer({ minimum: 10, default: 1000 }),
  /** Borgerbooking: how long a hold (ReserverMoedetid) keeps its seat before it expires. */
  BOOKING_HOLD_SECONDS: Type.Integer({ minimum: 10, maximum: 3600, default: 300 }),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  publicBaseUrl?: string;
  database: {
    url?: string;
    poolSize: number;
    timeoutMs: number;
    statementTimeoutMs: number;
    embeddedDataDir: string;
    seedDemoData: boolean;
  };
  /** At most one of url and clusterNodes (Redis Cluster start-up nodes). */
  redis: { url?: string; clusterNodes?: { host: string; port: number }[]; keyPrefix: string; commandTimeoutMs: number };
  idempotencyTtlMs: number;
  auth: { jwksUrl?: string; issuer?: string; audience?: string; localKeyFile: string };
  http: {
    corsOrigins: string[];
    bodyLimit: number;
    requestTimeoutMs: number;
    rateLimit: { max: number; windowMs: number };
    trustProxy: boolean;
  };
  problemTypeBase: string;
  shutdownGraceMs: number;
  /** After SIGTERM, how long readiness is 503 while requests are still served, before the server closes. */
  shutdownDrainDelayMs: number;
  healthReadyTimeoutMs: number;
  /** under-pressure thresholds for /v1 (0 turns a check off). */
  loadShedding: { maxEventLoopDelayMs: number; sampleIntervalMs: number };
  /** Borgerbooking: the hold time of ReserverMoedetid (BOOKING_HOLD_SECONDS, default 300). */
  borgerbooking: { holdMs: number };
}

export class ConfigError extends Error {}

/** Strict conversion: "1e3", "3000.5" or "yes" are errors, not silently 1, 3000 or false. */
function convert(key: string, value: string, problems: string[]): unknown {
  const type = (EnvSchema.properties as Record<string, { type?: string; anyOf?: unknown }>)[key].type;
  if (type === 'integer') {
    if (/^\s*\d+\s*$/.test(value)) return Number(value);
    problems.push(`  ${key}: must be a whole number, got '${value}'`);
  } else if (type === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true';
    problems.push(`  ${key}: must be true or false, got '${value}'`);
  }
  return value;
}

function parseEnv(env: NodeJS.ProcessEnv): Env {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = convert(key, value, problems);
  }
  const withDefaults = Value.Default(EnvSchema, raw);
  for (const e of Value.Errors(EnvSchema, withDefaults)) {
    const key = e.path.slice(1).split('/')[0];
    if (!problems.some((p) => p.startsWith(`  ${key}:`))) problems.push(`  ${key}: ${e.message}`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return withDefaults as Env;
}

/** REDIS_CLUSTER_NODES: `host:port,host:port` (an IPv6 host in brackets). */
function clusterNodes(value: string): { host: string; port: number }[] {
  return value.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    const port = Number(node.slice(at + 1));
    if (port < 1 || port > 65535) throw new ConfigError(`REDIS_CLUSTER_NODES: '${node}' has no valid port`);
    return { host: node.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  if (e.NODE_ENV === 'production') {
    const missing = ['DATABASE_URL', 'REDIS_URL', 'AUTH_JWKS_URL'].filter(
      (k) => !e[k as keyof Env] && !(k === 'REDIS_URL' && e.REDIS_CLUSTER_NODES),
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `NODE_ENV=production requires ${missing.join(', ')}: production never runs on the embedded database, ` +
          'the in-process idempotency store or the local signing key.' +
          (missing.includes('REDIS_URL') ? ' For a Redis Cluster, set REDIS_CLUSTER_NODES instead of REDIS_URL.' : ''),
      );
    }
  }
  if (e.NODE_ENV === 'production' && !e.AUTH_AUDIENCE) {
    throw new ConfigError('NODE_ENV=production requires AUTH_AUDIENCE: tokens issued for another service must be refused.');
  }
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES) throw new ConfigError('Set REDIS_URL or REDIS_CLUSTER_NODES, not both.');
  if (e.AUTH_JWKS_URL && !e.AUTH_ISSUER) throw new ConfigError('AUTH_ISSUER is required together with AUTH_JWKS_URL.');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      timeoutMs: e.DATABASE_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      embeddedDataDir: path.resolve(e.EMBEDDED_DATA_DIR),
      seedDemoData: e.SEED_DEMO_DATA ?? !e.DATABASE_URL,
    },
    redis: {
      url: e.REDIS_URL,
      clusterNodes: e.REDIS_CLUSTER_NODES ? clusterNodes(e.REDIS_CLUSTER_NODES) : undefined,
      keyPrefix: e.REDIS_KEY_PREFIX,
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    },
    idempotencyTtlMs: e.IDEMPOTENCY_TTL_SECONDS * 1000,
    auth: { jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE, localKeyFile: path.resolve(e.AUTH_LOCAL_KEY_FILE) },
    http: {
      corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      bodyLimit: e.BODY_LIMIT_BYTES,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
      trustProxy: e.TRUST_PROXY,
    },
    problemTypeBase: e.PROBLEM_TYPE_BASE,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    // A load balancer needs a few seconds to see readiness turn 503; locally nobody is watching.
    shutdownDrainDelayMs: e.SHUTDOWN_DRAIN_DELAY_MS ?? (e.NODE_ENV === 'production' ? 5000 : 0),
    healthReadyTimeoutMs: e.HEALTH_READY_TIMEOUT_MS,
    loadShedding: { maxEventLoopDelayMs: e.LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS, sampleIntervalMs: e.LOAD_SHEDDING_SAMPLE_INTERVAL_MS },
    borgerbooking: { holdMs: e.BOOKING_HOLD_SECONDS * 1000 },
  };
}
