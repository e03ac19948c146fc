/**
 * PostgreSQL down, frozen or overloaded is a dependency outage: 503/8236 with Retry-After in
 * bounded time (design.md section 4), and /health/ready says so. A real bug stays a 500. The app
 * reaches PostgreSQL through a TCP proxy the tests break on purpose.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { rawQuery } from '../../src/db/sql';
import { Prisma } from '../../src/generated/prisma/client';
import { testEnv, v1Headers } from '../helpers/app';
import { TcpProxy } from '../helpers/tcp-proxy';

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

function expectUnavailable(res: Res) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  const problem = res.json();
  expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 8236 })]);
  expect(res.body).not.toMatch(/127\.0\.0\.1|postgres|prisma|stack/i);
}

describe('database outage', () => {
  let proxy: TcpProxy;
  let app: FastifyInstance;
  let logs = '';
  let holding = 0;
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));

  const list = () => app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(DEMO_CITIZENS.anna.cpr) });
  const ready = () => app.inject({ method: 'GET', url: '/health/ready' });

  beforeAll(async () => {
    proxy = await new TcpProxy('127.0.0.1', Number(new URL(process.env.DATABASE_URL!).port || 5432)).start();
    const logStream = new PassThrough();
    logStream.on('data', (chunk) => (logs += chunk));
    app = await buildApp({
      config: loadConfig(
        testEnv({
          LOG_LEVEL: 'info',
          DATABASE_URL: proxy.urlFor(process.env.DATABASE_URL!),
          DATABASE_POOL_SIZE: '2',
          DATABASE_TIMEOUT_MS: '300',
          DATABASE_STATEMENT_TIMEOUT_MS: '1000',
          HEALTH_READY_TIMEOUT_MS: '300',
        }),
      ),
      logStream,
    });
    // Test-only routes: a statement slower than the statement timeout, and a plain bug in SQL.
    app.get('/__test/slow', async () => app.prisma.$queryRaw`SELECT pg_sleep(5)`);
    app.get('/__test/bad-sql', async () => app.prisma.$queryRawUnsafe('SELECT * FROM no_such_table'));
    // The same two on the pool directly (db/sql.ts), which throws pg's own errors.
    app.get('/__test/slow-raw', async () => rawQuery(app.pg, Prisma.sql`SELECT pg_sleep(5)`));
    app.get('/__test/bad-sql-raw', async () => rawQuery(app.pg, Prisma.sql`SELECT * FROM no_such_table`));
    // Holds a pooled connection (an open transaction) until the test opens the gate.
    app.get('/__test/hold', async () =>
      app.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding++;
        await gate;
        return { held: true };
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    proxy.heal();
    await app.close();
    await proxy.stop();
  });
  afterEach(async () => {
    proxy.heal();
    if (!proxy.listening) await proxy.reopen();
  });

  it('answers normally through the proxy', async () => {
    expect((await list()).statusCode).toBe(200);
    expect((await ready()).statusCode).toBe(200);
  });

  it('a frozen PostgreSQL: 503/8236 in bounded time, /health/ready 503, and back to 200 when it thaws', async () => {
    expect((await list()).statusCode).toBe(200); // the pool holds open connections
    proxy.freeze();
    expectUnavailable(await list());
    expectUnavailable(await list());
    const r = await ready();
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ status: 'fejl', checks: { database: 'fejl', redis: 'ok' } });
    proxy.heal();
    expect((await list()).statusCode).toBe(200);
    expect((await ready()).statusCode).toBe(200);
  });

  it('connection refused: 503/8236, /health/ready 503, and back to 200 when it listens again', async () => {
    await proxy.refuse();
    expectUnavailable(await list());
    expectUnavailable(await list());
    expect((await ready()).statusCode).toBe(503);
    await proxy.reopen();
    expect((await list()).statusCode).toBe(200);
  });

  it('the server closes the connection during a request: 503/8236', async () => {
    expect((await list()).statusCode).toBe(200);
    proxy.freeze();
    const pending = list();
    // Wait until the request's query reached the (frozen) proxy, then drop every connection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.resetAll();
    expectUnavailable(await pending);
  });

  it('a statement over DATABASE_STATEMENT_TIMEOUT_MS is cancelled: 503/8236', async () => {
    expectUnavailable(await app.inject({ method: 'GET', url: '/__test/slow' }));
    expectUnavailable(await app.inject({ method: 'GET', url: '/__test/slow-raw' }));
  });

  it('no free pooled connection within DATABASE_TIMEOUT_MS: 503/8236', async () => {
    const held = [app.inject({ method: 'GET', url: '/__test/hold' }), app.inject({ method: 'GET', url: '/__test/hold' })];
    while (holding < 2) await new Promise((resolve) => setTimeout(resolve, 10)); // both pooled connections are taken
    expectUnavailable(await list());
    openGate();
    for (const res of await Promise.all(held)) expect(res.statusCode).toBe(200);
    expect((await list()).statusCode).toBe(200);
  });

  it.each(['/__test/bad-sql', '/__test/bad-sql-raw'])('a real bug in a query stays a 500 (%s)', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json().fejl).toEqual([]);
  });

  it('logs an outage as one line without a stack, and a bug as an unhandled error', () => {
    const lines = logs.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const outages = lines.filter((l) => l.msg === 'database unavailable');
    expect(outages.length).toBeGreaterThan(0);
    for (const l of outages) expect(JSON.stringify(l)).not.toMatch(/"stack"/);
    expect(lines.filter((l) => l.msg === 'unhandled error')).toHaveLength(2) // bad-sql and bad-sql-raw;
  });
});
