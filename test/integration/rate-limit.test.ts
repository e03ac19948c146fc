/**
 * Rate limiting (src/plugins/request-gate.ts): a fixed window per token subject, counted in the
 * same Redis script that claims the x-requestId, so the limit is shared by every instance and
 * costs no extra round trip. Each test uses its own REDIS_KEY_PREFIX, so neither other test files
 * sharing the Redis server nor the other tests here see its counters (or its x-requestIds).
 */
import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { MemoryRequestGate } from '../../src/plugins/request-gate';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen } from '../helpers/db';

const MAX = 3;
const WINDOW_MS = 60_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const apps: FastifyInstance[] = [];
const prefixes: string[] = [];
let cpr: string;
/** One client (token subject) for most tests; each test has its own prefix, so its own counter. */
let token: string;
const SUB = `borger-rl-${randomUUID()}`;

function newPrefix(): string {
  const prefix = `jobnet-test-ratelimit-${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

async function limitedApp(prefix: string, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildTestApp({
    env: { RATE_LIMIT_MAX: String(MAX), RATE_LIMIT_WINDOW_MS: String(WINDOW_MS), REDIS_KEY_PREFIX: prefix, ...env },
  });
  apps.push(app);
  return app;
}

async function withRedis<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    await redis.quit();
  }
}

const list = (app: FastifyInstance, headers: Record<string, string> = v1Headers(cpr, token)) =>
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
  token = tokenFor({ cpr, sub: SUB });
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  // Remove this file's counters and request ids.
  await withRedis(async (redis) => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  });
});

describe('rate limit (RATE_LIMIT_MAX=3 per 60 s and token subject)', () => {
  it('the first 3 /v1 requests pass with rate-limit headers; the 4th gets 429 application/problem+json', async () => {
    const app = await limitedApp(newPrefix());
    for (let i = 1; i <= MAX; i++) {
      const res = await list(app);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(MAX));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(MAX - i));
      expect(res.headers['x-ratelimit-reset']).toBeDefined();
    }
    const headers = v1Headers(cpr, token);
    const body = expect429(await list(app, headers));
    expect(body.requestId).toBe(headers['x-requestId']);
    expect(body.detail).toMatch(/Rate limit of 3 requests/);
    // and it stays limited
    expect429(await list(app));
  });

  it('counts per token subject: another client (same IP, same citizen) is not limited', async () => {
    const app = await limitedApp(newPrefix());
    for (let i = 0; i < MAX; i++) expect((await list(app)).statusCode).toBe(200);
    expect429(await list(app));
    const other = tokenFor({ cpr, sub: `borger-other-${randomUUID()}` });
    const res = await list(app, v1Headers(cpr, other));
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-remaining']).toBe(String(MAX - 1));
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

  it('is shared through Redis: two instances with the same prefix count together, under rl:{subject}', async () => {
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
    await withRedis(async (redis) => {
      expect(await redis.keys(`${prefix}rl:*`)).toEqual([`${prefix}rl:{${SUB}}`]);
      expect(Number(await redis.get(`${prefix}rl:{${SUB}}`))).toBe(MAX + 2);
      const pttl = await redis.pttl(`${prefix}rl:{${SUB}}`);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(WINDOW_MS);
    });
  });

  it('a request refused with 429 does not use up its x-requestId: the retry after the window runs', async () => {
    const prefix = newPrefix();
    const app = await limitedApp(prefix);
    for (let i = 0; i < MAX; i++) expect((await list(app)).statusCode).toBe(200);
    const headers = v1Headers(cpr, token);
    expect429(await list(app, headers));
    await withRedis(async (redis) => {
      expect(await redis.exists(`${prefix}idem:{${SUB}}:${headers['x-requestId']}`)).toBe(0);
      // The window ends: remove the counter, as its PEXPIRE would.
      expect(await redis.del(`${prefix}rl:{${SUB}}`)).toBe(1);
    });
    expect((await list(app, headers)).statusCode).toBe(200);
    expect((await list(app, headers)).statusCode).toBe(412);
  });

  it('a replay (412) counts against the limit too', async () => {
    const app = await limitedApp(newPrefix());
    const headers = v1Headers(cpr, token);
    expect((await list(app, headers)).statusCode).toBe(200);
    const replay = await list(app, headers);
    expect(replay.statusCode).toBe(412);
    expect(replay.headers['x-ratelimit-remaining']).toBe(String(MAX - 2));
    expect((await list(app)).statusCode).toBe(200);
    expect429(await list(app, headers));
  });

  it('requests refused before the gate (invalid token, wrong CPR, no x-requestId) are not counted and touch no key', async () => {
    const prefix = newPrefix();
    const app = await limitedApp(prefix);
    const bad = { ...v1Headers(cpr, token), authorization: 'Bearer x.y.z' };
    for (let i = 0; i < MAX + 2; i++) expect((await list(app, { ...bad, 'x-requestId': randomUUID() })).statusCode).toBe(401);
    const { cpr: otherCpr } = await createCitizen();
    for (let i = 0; i < MAX + 2; i++) expect((await list(app, v1Headers(otherCpr, token))).statusCode).toBe(403);
    const { 'x-requestId': _omitted, ...noId } = v1Headers(cpr, token);
    for (let i = 0; i < MAX + 2; i++) expect((await list(app, noId)).statusCode).toBe(400);
    expect(await withRedis((redis) => redis.keys(`${prefix}*`))).toEqual([]);
    const res = await list(app);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-remaining']).toBe(String(MAX - 1));
  });

  it('an instance with another prefix has its own counter', async () => {
    const a = await limitedApp(newPrefix());
    const b = await limitedApp(newPrefix());
    for (let i = 0; i < MAX; i++) expect((await list(a)).statusCode).toBe(200);
    expect429(await list(a));
    expect((await list(b)).statusCode).toBe(200);
  });
});

describe('the embedded default (no Redis): the same gate in process', () => {
  it('limits per subject, refuses replays and leaves a limited id unused', async () => {
    const app = await limitedApp(newPrefix(), { REDIS_URL: '' });
    expect(app.redis).toBeNull();
    const first = v1Headers(cpr, token);
    expect((await list(app, first)).statusCode).toBe(200);
    expect((await list(app, first)).statusCode).toBe(412);
    expect((await list(app)).statusCode).toBe(200);
    const limited = v1Headers(cpr, token);
    expect429(await list(app, limited));
    expect((await list(app, v1Headers(cpr, tokenFor({ cpr })))).statusCode).toBe(200);
  });
});

describe('MemoryRequestGate: the rate-limit part (injected now())', () => {
  it('counts a fixed window per subject, answers limited without claiming, and starts over after the window', async () => {
    let now = 0;
    const gate = new MemoryRequestGate({ max: 2, windowMs: 1000, idTtlMs: 60_000 }, () => now);
    expect(await gate.pass('a', '1')).toEqual({ outcome: 'pass', count: 1, resetMs: 1000 });
    now = 400;
    expect(await gate.pass('a', '2')).toEqual({ outcome: 'pass', count: 2, resetMs: 600 });
    expect(await gate.pass('a', '3')).toEqual({ outcome: 'limited', count: 3, resetMs: 600 });
    expect((await gate.pass('b', '3')).outcome).toBe('pass');
    now = 1000;
    expect(await gate.pass('a', '3')).toEqual({ outcome: 'pass', count: 1, resetMs: 1000 });
    expect((await gate.pass('a', '1')).outcome).toBe('replay');
  });
});

/**
 * A /v1 request whose body is malformed on the wire (a bad chunk size): Node's parser rejects it
 * and the socket is gone while the /v1 hooks still run. @fastify/rate-limit then threw a TypeError
 * (normalizeIP of an undefined address), logged as "unhandled error" with a stack.
 */
describe('a /v1 request with malformed follow-on bytes', () => {
  it('is answered 400 by the parser and logs nothing at level error', async () => {
    const lines: string[] = [];
    const logs = new PassThrough();
    logs.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
    const errorLines = () => lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    const prefix = newPrefix();
    const app = await buildTestApp({ env: { LOG_LEVEL: 'info', REDIS_KEY_PREFIX: prefix }, logStream: logs });
    apps.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;

    const ids: string[] = [];
    const answers: string[] = [];
    for (const target of ['POST /v1/Jobagent', `PUT /v1/Jobagent/${randomUUID()}`]) {
      const id = randomUUID();
      ids.push(id);
      const answer = await new Promise<string>((resolve, reject) => {
        let received = '';
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end(
            `${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
              `x-civilRegistrationIdentifier: ${cpr}\r\nx-requestId: ${id}\r\nContent-Type: application/json\r\n` +
              'Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
          );
        });
        socket.on('data', (d) => (received += String(d)));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      answers.push(answer.split('\r\n')[0]);
    }
    // The /v1 hooks go on after the socket is gone. Wait until they have passed the gate (the ids
    // are claimed) or something was logged as an error; at most ~5 s (the old failure came at once),
    // as a busy machine may shed the request (503) before the gate.
    await withRedis(async (redis) => {
      const claimed = async () => (await redis.exists(...ids.map((id) => `${prefix}idem:{${SUB}}:${id}`))) === ids.length;
      for (let i = 0; i < 250 && errorLines().length === 0 && !(await claimed()); i++) await new Promise((r) => setTimeout(r, 20));
    });
    await app.close();

    expect(answers).toEqual(['HTTP/1.1 400 Bad Request', 'HTTP/1.1 400 Bad Request']);
    expect(errorLines()).toEqual([]);
  });
});
