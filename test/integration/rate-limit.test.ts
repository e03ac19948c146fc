/**
 * Rate limiting (src/plugins/security.ts): @fastify/rate-limit backed by Redis, so the limit is
 * shared by every instance. Each test uses its own REDIS_KEY_PREFIX, so neither other test files
 * sharing the Redis server nor the other tests here see its counters (or its x-requestIds).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { buildTestApp, v1Headers } from '../helpers/app';
import { createCitizen } from '../helpers/db';

const MAX = 3;
const WINDOW_MS = 60_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const apps: FastifyInstance[] = [];
const prefixes: string[] = [];
let cpr: string;

function newPrefix(): string {
  const prefix = `jobnet-test-ratelimit-${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

async function limitedApp(prefix: string): Promise<FastifyInstance> {
  const app = await buildTestApp({
    env: { RATE_LIMIT_MAX: String(MAX), RATE_LIMIT_WINDOW_MS: String(WINDOW_MS), REDIS_KEY_PREFIX: prefix },
  });
  apps.push(app);
  return app;
}

const list = (app: FastifyInstance, headers: Record<string, string> = v1Headers(cpr)) =>
  app.inject({ method: 'GET', url: '/v1/Jobagent', headers });

function expect429(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status: 429, title: expect.any(String), instance: '/v1/Jobagent', requestId: expect.any(String), fejl: [] });
  expect(res.headers['x-ratelimit-limit']).toBe(String(MAX));
  expect(res.headers['x-ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
  expect(Number(res.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(WINDOW_MS / 1000);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  return body;
}

beforeAll(async () => {
  ({ cpr } = await createCitizen());
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  // Remove this file's counters and request ids.
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

describe('rate limit (RATE_LIMIT_MAX=3 per 60 s and IP)', () => {
  it('the first 3 /v1 requests pass with rate-limit headers; the 4th gets 429 application/problem+json', async () => {
    const app = await limitedApp(newPrefix());
    for (let i = 1; i <= MAX; i++) {
      const res = await list(app);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(MAX));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(MAX - i));
      expect(res.headers['x-ratelimit-reset']).toBeDefined();
    }
    const headers = v1Headers(cpr);
    const body = expect429(await list(app, headers));
    expect(body.requestId).toBe(headers['x-requestId']);
    expect(body.detail).toMatch(/Rate limit of 3 requests/);
    // and it stays limited
    expect429(await list(app));
  });

  it('/health/live is never limited (even after the limit is used up)', async () => {
    const app = await limitedApp(newPrefix());
    for (let i = 0; i < MAX + 1; i++) await list(app);
    expect429(await list(app));
    for (let i = 0; i < 3 * MAX; i++) {
      const res = await app.inject({ method: 'GET', url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('is shared through Redis: two instances with the same prefix count together', async () => {
    const prefix = newPrefix();
    const a = await limitedApp(prefix);
    const b = await limitedApp(prefix);
    expect((await list(a)).statusCode).toBe(200);
    expect((await list(b)).statusCode).toBe(200);
    const third = await list(a);
    expect(third.statusCode).toBe(200);
    expect(third.headers['x-ratelimit-remaining']).toBe('0');
    expect429(await list(b));
    expect429(await list(a));

    // The counter lives in Redis under the app's prefix, not in process memory.
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      const keys = await redis.keys(`${prefix}ratelimit:*`);
      expect(keys.length).toBe(1);
      expect(Number(await redis.get(keys[0]))).toBeGreaterThanOrEqual(MAX + 2);
    } finally {
      await redis.quit();
    }
  });

  // The rate-limit hook is a *route-level* onRequest hook (@fastify/rate-limit adds it in onRoute),
  // and Fastify runs route-level hooks after the instance's hooks, so in /v1 it runs after
  // authenticate, checkCitizenHeader and claimRequestId (src/modules/v1.ts:14-16). Two bugs follow.

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('a request refused with 429 does not use up its x-requestId: the retry after the window runs', async () => {
    const prefix = newPrefix();
    const app = await limitedApp(prefix);
    for (let i = 0; i < MAX; i++) expect((await list(app)).statusCode).toBe(200);
    const headers = v1Headers(cpr);
    expect429(await list(app, headers));
    // The window ends: remove the counter, as its PEXPIRE would.
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      const keys = await redis.keys(`${prefix}ratelimit:*`);
      expect(keys.length).toBe(1);
      await redis.del(...keys);
    } finally {
      await redis.quit();
    }
    expect((await list(app, headers)).statusCode).toBe(200);
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('requests with an invalid token count too: the 4th from the same IP gets 429', async () => {
    const app = await limitedApp(newPrefix());
    const bad = { ...v1Headers(cpr), authorization: 'Bearer x.y.z' };
    for (let i = 0; i < MAX; i++) expect((await list(app, { ...bad, 'x-requestId': randomUUID() })).statusCode).toBe(401);
    expect429(await list(app, { ...bad, 'x-requestId': randomUUID() }));
  });

  it('an instance with another prefix has its own counter', async () => {
    const a = await limitedApp(newPrefix());
    const b = await limitedApp(newPrefix());
    for (let i = 0; i < MAX; i++) expect((await list(a)).statusCode).toBe(200);
    expect429(await list(a));
    expect((await list(b)).statusCode).toBe(200);
  });
});
