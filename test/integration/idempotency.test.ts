/**
 * x-requestId (design §3): the first request with an id (scoped by the token's subject) runs;
 * every later one gets 412 and is not executed, across instances sharing one Redis. Two
 * simultaneous requests: exactly one runs. Redis unreachable: 503/8236, nothing executed.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { MemoryRequestGate, RedisRequestGate } from '../../src/plugins/request-gate';
import { monitorRedis } from '../helpers/redis-monitor';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';

const body = (titel = 'Idempotens') => ({ titel, soegeparametre: {} });

async function jobagentCount(cpr: string): Promise<number> {
  return testPrisma().jobagent.count({ where: { cpr } });
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem.status).toBe(status);
  return problem;
}

const LIMITS = { max: 1000, windowMs: 60_000, idTtlMs: 1000 };

describe('MemoryRequestGate: the request-id part (injected now())', () => {
  const claims = (results: { outcome: string }[]) => results.map((r) => r.outcome === 'pass');

  it('claims an id once until it expires', async () => {
    let now = 1_000_000;
    const gate = new MemoryRequestGate(LIMITS, () => now);
    const claim = async (id: string) => (await gate.pass('sub', id)).outcome === 'pass';
    expect(await claim('a')).toBe(true);
    expect(await claim('a')).toBe(false);
    expect(await claim('b')).toBe(true);
    now += 999;
    expect(await claim('a')).toBe(false);
    now += 1; // exactly at expiry
    expect(await claim('a')).toBe(true);
    expect(await claim('a')).toBe(false);
  });

  it('scopes ids by subject', async () => {
    const gate = new MemoryRequestGate(LIMITS);
    expect((await gate.pass('one', 'id')).outcome).toBe('pass');
    expect((await gate.pass('two', 'id')).outcome).toBe('pass');
    expect((await gate.pass('one', 'id')).outcome).toBe('replay');
  });

  it('keeps unexpired ids through a sweep and forgets expired ones', async () => {
    let now = 0;
    const gate = new MemoryRequestGate({ ...LIMITS, idTtlMs: 100_000 }, () => now);
    expect((await gate.pass('s', 'old')).outcome).toBe('pass');
    now = 50_000;
    expect((await gate.pass('s', 'mid')).outcome).toBe('pass');
    now = 120_000; // past the sweep interval: 'old' has expired, 'mid' has not
    expect((await gate.pass('s', 'new')).outcome).toBe('pass');
    expect((await gate.pass('s', 'old')).outcome).toBe('pass');
    expect((await gate.pass('s', 'mid')).outcome).toBe('replay');
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const gate = new MemoryRequestGate(LIMITS);
    const results = await Promise.all(Array.from({ length: 50 }, () => gate.pass('sub', 'same')));
    expect(claims(results).filter(Boolean)).toHaveLength(1);
  });
});

describe('RedisRequestGate: the request-id part', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: 'jobnet-test-unit:' });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('stores the id with the TTL under idem:{subject}:id and answers replay the second time', async () => {
    const gate = new RedisRequestGate(redis, { ...LIMITS, idTtlMs: 5000 });
    const sub = `unit-${randomUUID()}`;
    expect(await gate.pass(sub, 'id-1')).toEqual({ outcome: 'pass', count: 1, resetMs: 60_000 });
    expect((await gate.pass(sub, 'id-1')).outcome).toBe('replay');
    const ttl = await redis.pttl(`idem:{${sub}}:id-1`);
    expect(ttl).toBeGreaterThan(4000);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  it('lets exactly one of 50 concurrent claims win', async () => {
    const gate = new RedisRequestGate(redis, LIMITS);
    const sub = `unit-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => gate.pass(sub, 'same')));
    expect(results.filter((r) => r.outcome === 'pass')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'replay')).toHaveLength(49);
  });
});

describe('x-requestId over HTTP (real Redis)', () => {
  let app: FastifyInstance;
  let other: FastifyInstance;
  let redis: Redis;

  beforeAll(async () => {
    [app, other] = await Promise.all([buildTestApp(), buildTestApp()]);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await Promise.all([app?.close(), other?.close(), redis?.quit()]);
  });

  it('50 concurrent requests with one x-requestId: exactly one runs, 49 get 412', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body(`Samtidig ${i}`) })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    for (const res of responses.filter((r) => r.statusCode === 412)) {
      const problem = expectProblem(res, 412);
      expect(problem.requestId).toBe(headers['x-requestId']);
      expect(problem.instance).toBe('/v1/Jobagent');
      expect(problem.detail).toContain(headers['x-requestId']);
    }
    expect(await jobagentCount(cpr)).toBe(1);
  });

  it('a replay after completion gets 412 and is not executed, whatever the method', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const first = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() });
    expect(first.statusCode).toBe(201);
    const id = first.json().jobagentId;

    const again = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body('Igen') });
    expectProblem(again, 412);
    const del = await app.inject({ method: 'DELETE', url: `/v1/Jobagent/${id}`, headers });
    expectProblem(del, 412);
    const get = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers });
    expectProblem(get, 412);

    expect(await jobagentCount(cpr)).toBe(1);
    expect(await testPrisma().jobagent.findUnique({ where: { id } })).not.toBeNull();
  });

  it('an id whose first request failed validation is still used up', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const invalid = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: { soegeparametre: {} } });
    expect(invalid.statusCode).toBe(400);
    const valid = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() });
    expectProblem(valid, 412);
    expect(await jobagentCount(cpr)).toBe(0);
  });

  it('two app instances sharing one Redis reject each other\'s replays', async () => {
    const { cpr } = await createCitizen();
    const token = tokenFor({ cpr });
    const idA = randomUUID();
    const idB = randomUUID();

    expect((await app.inject({ method: 'POST', url: '/v1/Jobagent', headers: v1Headers(cpr, token, idA), payload: body('A') })).statusCode).toBe(201);
    expectProblem(await other.inject({ method: 'POST', url: '/v1/Jobagent', headers: v1Headers(cpr, token, idA), payload: body('A igen') }), 412);

    expect((await other.inject({ method: 'POST', url: '/v1/Jobagent', headers: v1Headers(cpr, token, idB), payload: body('B') })).statusCode).toBe(201);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/Jobagent', headers: v1Headers(cpr, token, idB), payload: body('B igen') }), 412);

    expect(await jobagentCount(cpr)).toBe(2);
  });

  it('concurrent duplicates spread over two instances: exactly one runs', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? app : other).inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body(`Fordelt ${i}`) }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 412)).toHaveLength(19);
    expect(await jobagentCount(cpr)).toBe(1);
  });

  it('the same x-requestId from two different token subjects is not a replay', async () => {
    const { cpr } = await createCitizen();
    const requestId = randomUUID();
    const first = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: v1Headers(cpr, tokenFor({ cpr, sub: `borger-a-${randomUUID()}` }), requestId),
      payload: body('Subjekt A'),
    });
    const second = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: v1Headers(cpr, tokenFor({ cpr, sub: `borger-b-${randomUUID()}` }), requestId),
      payload: body('Subjekt B'),
    });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(await jobagentCount(cpr)).toBe(2);
  });

  it('keeps the record in Redis for the configured TTL (default 24 h), keyed by subject and id', async () => {
    const { cpr } = await createCitizen();
    const sub = `borger-ttl-${randomUUID()}`;
    const requestId = randomUUID();
    const res = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, tokenFor({ cpr, sub }), requestId) });
    expect(res.statusCode).toBe(200);
    const ttl = await redis.pttl(`jobnet-test:idem:{${sub}}:${requestId}`);
    expect(ttl).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('costs exactly one Redis round trip per /v1 request (one EVALSHA: rate limit and claim together); refused requests none', async () => {
    const monitor = await monitorRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const { cpr } = await createCitizen();
      const sub = `borger-rt-${randomUUID()}`;
      const token = tokenFor({ cpr, sub });
      // ioredis sends the script itself once per connection (EVAL), then only its SHA.
      await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, token) });
      const appClient = `127.0.0.1:${(app.redis as Redis).stream.localPort}`;

      const sentFor = async (request: () => Promise<{ statusCode: number }>, status: number) => {
        await monitor.settle();
        monitor.seen.length = 0;
        expect((await request()).statusCode).toBe(status);
        await monitor.settle();
        return {
          sent: monitor.seen.filter((c) => c.source === appClient).map((c) => c.args[0].toLowerCase()),
          inScript: monitor.seen.filter((c) => c.source === 'lua' && c.args[1]?.includes(sub)).map((c) => c.args[0].toLowerCase()),
        };
      };
      const replayed = randomUUID();
      const create = () => app.inject({ method: 'POST', url: '/v1/Jobagent', headers: v1Headers(cpr, token, replayed), payload: body() });
      const oneTrip = { sent: ['evalsha'], inScript: ['incr', 'pttl', 'set'] };

      expect(await sentFor(() => app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, token) }), 200)).toEqual(oneTrip);
      expect(await sentFor(create, 201)).toEqual(oneTrip);
      expect(await sentFor(create, 412)).toEqual(oneTrip);
      // Refused before the gate: no Redis at all.
      const noToken = { ...v1Headers(cpr, token), authorization: 'Bearer x.y.z' };
      expect(await sentFor(() => app.inject({ method: 'GET', url: '/v1/Jobagent', headers: noToken }), 401)).toEqual({ sent: [], inScript: [] });
      const otherCpr = { ...v1Headers(cpr, token), 'x-civilRegistrationIdentifier': '0101010000' };
      expect(await sentFor(() => app.inject({ method: 'GET', url: '/v1/Jobagent', headers: otherCpr }), 403)).toEqual({ sent: [], inScript: [] });
    } finally {
      await monitor.stop();
    }
  });

  describe('header validation', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['47 characters', 'x'.repeat(47)],
    ])('%s x-requestId: 400 with fejlkode 1014 and felt /headers/x-requestId, nothing written', async (_label, value) => {
      const { cpr } = await createCitizen();
      const headers: Record<string, string> = v1Headers(cpr);
      if (value === undefined) delete headers['x-requestId'];
      else headers['x-requestId'] = value;
      const res = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() });
      const problem = expectProblem(res, 400);
      expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 1014, felt: '/headers/x-requestId' })]);
      // An invalid id is not echoed as the request id; the service makes its own.
      expect(problem.requestId).not.toBe(value);
      expect(problem.requestId.length).toBeGreaterThan(0);
      expect(await jobagentCount(cpr)).toBe(0);
    });

    it('accepts 46 characters (and exactly one run for it)', async () => {
      const { cpr } = await createCitizen();
      const requestId = `${randomUUID()}-${'y'.repeat(9)}`;
      expect(requestId).toHaveLength(46);
      const headers = { ...v1Headers(cpr), 'x-requestId': requestId };
      const res = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() });
      expect(res.statusCode).toBe(201);
      expectProblem(await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() }), 412);
      expect(await jobagentCount(cpr)).toBe(1);
    });

    it('accepts a single character', async () => {
      const { cpr } = await createCitizen();
      const sub = `borger-one-${randomUUID()}`;
      const res = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: { ...v1Headers(cpr, tokenFor({ cpr, sub })), 'x-requestId': '1' } });
      expect(res.statusCode).toBe(200);
    });
  });
});

/**
 * Redis outage. The redis plugin connects at start-up, so an app cannot even be built with an
 * unreachable REDIS_URL; the outage is simulated by disconnecting the app's own client after
 * start-up (commands then fail at once: no offline queue).
 */
describe('Redis unreachable: fail closed', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
    app.redis!.disconnect();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a write with 503 and fejlkode 8236 and writes nothing', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const res = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: body() });
    const problem = expectProblem(res, 503);
    expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 8236 })]);
    expect(problem.type).toMatch(/8236$/);
    expect(problem.requestId).toBe(headers['x-requestId']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await jobagentCount(cpr)).toBe(0);
  });

  it('refuses reads too (a replay must never run)', async () => {
    const { cpr } = await createCitizen();
    const res = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr) });
    expect(expectProblem(res, 503).fejl[0].fejlkode).toBe(8236);
  });

  it('still answers 401 before touching Redis', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/Jobagent' });
    expectProblem(res, 401);
  });
});

describe('Redis unreachable at start-up', () => {
  it('building the app fails with a clear message and leaves no client reconnecting', async () => {
    // Capture the plugin's client so the test can check it and never leaves it running.
    const clients: Redis[] = [];
    const connect = Redis.prototype.connect;
    const spy = jest.spyOn(Redis.prototype, 'connect').mockImplementation(function (this: Redis, ...args: Parameters<Redis['connect']>) {
      clients.push(this);
      return connect.apply(this, args);
    });
    try {
      const error = await buildTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_COMMAND_TIMEOUT_MS: '100' } }).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(error).toBeInstanceOf(Error);
      // The plugin tries a bounded number of times, each with a fresh client (plugins/redis.ts).
      expect(clients.length).toBeGreaterThanOrEqual(1);
      expect(clients.length).toBeLessThanOrEqual(3);
      // A start-up failure should say what is down (not just ioredis' "Connection is closed."),
      // and every failed client must be shut down, not retry forever (it kept Jest alive).
      expect({ mentionsRedis: /redis/i.test(error!.message), clientStatuses: clients.map((c) => c.status) }).toEqual({
        mentionsRedis: true,
        clientStatuses: clients.map(() => 'end'),
      });
    } finally {
      spy.mockRestore();
      for (const client of clients) client.disconnect();
    }
  });
});
