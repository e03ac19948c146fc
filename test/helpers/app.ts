import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { loadOrCreateLocalKey, signLocalToken } from '../../src/auth/local-key';
import { ROLE_SCOPES, type Role } from '../../src/domain/access';

export const TEST_KEY_FILE = path.join(os.tmpdir(), 'jobnet-citizen-api-test-key.pem');

/** Environment of an app under test: the real PostgreSQL and Redis of test/global-setup.ts. */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: 'jobnet-test:',
    AUTH_LOCAL_KEY_FILE: TEST_KEY_FILE,
    RATE_LIMIT_MAX: '100000',
    DATABASE_POOL_SIZE: '5',
    // Off: a busy test machine (ts-jest compiling in the same worker) must not shed test requests.
    // test/integration/health.test.ts turns it on to prove it works.
    LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...overrides,
  };
}

/** A full app (every plugin, real database and Redis), ready for inject(). Close it in afterAll. */
export async function buildTestApp(
  options: { env?: Record<string, string | undefined> } & Omit<AppOptions, 'config'> = {},
): Promise<FastifyInstance> {
  const { env, ...rest } = options;
  const app = await buildApp({ config: loadConfig(testEnv(env)), ...rest });
  await app.ready();
  return app;
}

/** A bearer token signed with the test key; a citizen token by default, with every scope of the role. */
export function tokenFor(opts: { cpr?: string; role?: Role; scope?: string; sub?: string; org?: string } = {}): string {
  const role = opts.role ?? 'borger';
  return signLocalToken(loadOrCreateLocalKey(TEST_KEY_FILE), {
    sub: opts.sub ?? `${role}-${randomUUID()}`,
    role,
    scope: opts.scope ?? ROLE_SCOPES[role].join(' '),
    ...(opts.cpr && role === 'borger' ? { cpr: opts.cpr } : {}),
    ...(opts.org ? { org: opts.org } : {}),
  });
}

/** The headers of a /v1 request: bearer token, CPR and a fresh x-requestId. */
export function v1Headers(cpr: string, token = tokenFor({ cpr }), requestId = randomUUID()): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-civilRegistrationIdentifier': cpr, 'x-requestId': requestId };
}
