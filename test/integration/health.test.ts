/**
 * Operations endpoints (design §7): liveness, readiness (database and Redis), Prometheus
 * metrics, all open without a token; security headers on every response.
 */
import type { FastifyInstance } from 'fastify';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { buildTestApp, v1Headers } from '../helpers/app';

/** Keeps the event loop busy (synchronously) for `ms` milliseconds. */
function busy(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* spin */
  }
}
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

describe('health, metrics and security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ env: { CORS_ORIGINS: 'https://www.jobnet.dk' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health/live: 200 without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready: 200 with database and redis ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
  });

  it('GET /metrics: 200 Prometheus text without a token, with HTTP metrics', async () => {
    await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(DEMO_CITIZENS.anna.cpr) });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^# HELP /m);
    expect(res.body).toMatch(/http_request_duration_seconds/);
    expect(res.body).toMatch(/process_cpu_user_seconds_total/);
  });

  it('metrics carry no CPR or request ids', async () => {
    await app.inject({ method: 'GET', url: `/v1/Jobagent?cpr=${DEMO_CITIZENS.bo.cpr}`, headers: v1Headers(DEMO_CITIZENS.bo.cpr) });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).not.toContain(DEMO_CITIZENS.bo.cpr);
  });

  it.each(['/health/live', '/openapi.json', '/v1/Jobagent', '/findes-ikke'])('security headers (helmet) on %s', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // The JSON API's strict CSP (Swagger UI's own is checked in security-headers.test.ts).
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('CORS: the configured origin may call with the API headers, others get no CORS headers', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/Jobagent',
      headers: {
        origin: 'https://www.jobnet.dk',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-civilregistrationidentifier,x-requestid',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://www.jobnet.dk');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/x-requestid/);

    const foreign = await app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('/health/ready answers 503 when Redis is down', async () => {
    const other = await buildTestApp();
    try {
      other.redis!.disconnect();
      const res = await other.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'fejl', checks: { database: 'ok', redis: 'fejl' } });
    } finally {
      await other.close();
    }
  });

  /**
   * Load shedding (under-pressure) is off in the other tests (a busy test machine must not shed
   * their requests); turned on, a busy event loop makes /v1 answer 503 with Retry-After, while
   * /health/live keeps answering 200, or an orchestrator would restart a busy but healthy instance.
   * Busy spells of three sampling intervals, with yields in between, make sure a whole interval was busy.
   */
  it('load shedding, when configured: /v1 answers 503 with Retry-After on a busy event loop, /health/live stays 200', async () => {
    const shedding = await buildTestApp({ env: { LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '50', LOAD_SHEDDING_SAMPLE_INTERVAL_MS: '100' } });
    try {
      for (let i = 0; i < 3; i++) {
        busy(300);
        await yieldToLoop();
      }
      const v1 = await shedding.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(DEMO_CITIZENS.anna.cpr) });
      expect(v1.statusCode).toBe(503);
      expect(v1.headers['retry-after']).toBe('10');
      expect(v1.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(v1.json().detail).toMatch(/too much load/);
      const live = await shedding.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
    } finally {
      await shedding.close();
    }
  }, 15_000);
});
