/**
 * Logs (design §6): pino JSON, exactly one completion line per request with request id
 * (= x-requestId), route, status and duration; CPR numbers and tokens never appear.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { buildTestApp, testEnv, tokenFor, v1Headers } from '../helpers/app';
import { LineCollector, settle } from '../helpers/log-capture';
import { createCitizen } from '../helpers/db';

describe('request logging (LOG_LEVEL=info)', () => {
  const logs = new LineCollector();
  let app: FastifyInstance;
  let cpr: string;
  let otherCpr: string;

  beforeAll(async () => {
    app = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream: logs });
    ({ cpr } = await createCitizen());
    ({ cpr: otherCpr } = await createCitizen());
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => logs.clear());

  function completionLines(requestId: string) {
    return logs.records.filter((r) => r.reqId === requestId && r.msg === 'request completed');
  }

  it('writes JSON lines', async () => {
    await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr) });
    await settle();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const line of logs.lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('one completion line per request: request id, method, route, status, duration', async () => {
    const token = tokenFor({ cpr });
    const headers = v1Headers(cpr, token);
    const res = await app.inject({ method: 'POST', url: '/v1/Jobagent?debug=1', headers, payload: { titel: 'Lager', soegeparametre: {} } });
    expect(res.statusCode).toBe(201);
    await settle();
    const lines = completionLines(headers['x-requestId']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, reqId: headers['x-requestId'], method: 'POST', route: '/v1/Jobagent', status: 201 });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(lines[0].durationMs).toBeGreaterThanOrEqual(0);
    // Only one completion line at all for this request.
    expect(logs.records.filter((r) => r.msg === 'request completed')).toHaveLength(1);
  });

  it('the route is the pattern, not the URL with ids', async () => {
    const headers = v1Headers(cpr);
    const id = randomUUID();
    await app.inject({ method: 'GET', url: `/v1/Jobagent/${id}`, headers });
    await settle();
    const [line] = completionLines(headers['x-requestId']);
    expect(line).toMatchObject({ route: '/v1/Jobagent/:jobagentId', status: 404 });
    expect(logs.text).not.toContain(id);
  });

  it('errors and replays are logged once each, with their status', async () => {
    const headers = v1Headers(cpr);
    await app.inject({ method: 'GET', url: '/v1/Jobagent', headers });
    await app.inject({ method: 'GET', url: '/v1/Jobagent', headers });
    await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: { ...headers, authorization: 'Bearer x', 'x-requestId': 'unauth-1' } });
    await settle();
    expect(completionLines(headers['x-requestId']).map((l) => l.status)).toEqual([200, 412]);
    expect(completionLines('unauth-1').map((l) => l.status)).toEqual([401]);
  });

  it('never writes the CPR (header, body, foreign CPR, validation errors) or the token', async () => {
    const token = tokenFor({ cpr });
    const requests = [
      // CPR header and CPR-like values in the body (title, e-mail, unknown property).
      {
        method: 'POST' as const,
        url: '/v1/Jobagent',
        headers: v1Headers(cpr, token),
        payload: {
          titel: `Job til ${otherCpr}`,
          jobagent: { email: `${otherCpr}@example.dk`, udsendelsesinterval: 'Dagligt', smsNotifikation: false },
          soegeparametre: {},
        },
      },
      // A validation error about a CPR-like value.
      { method: 'POST' as const, url: '/v1/Jobagent', headers: v1Headers(cpr, token), payload: { titel: 1, cpr: otherCpr, soegeparametre: {} } },
      // Another citizen's CPR: 403.
      { method: 'GET' as const, url: '/v1/Jobagent', headers: v1Headers(otherCpr, token) },
      // A CPR in the query string and a malformed CPR-ish header.
      { method: 'GET' as const, url: `/v1/Jobagent?cpr=${otherCpr}`, headers: v1Headers(cpr, token) },
      // Unknown route with the CPR in the path.
      { method: 'GET' as const, url: `/v1/Borger/${otherCpr}`, headers: v1Headers(cpr, token) },
      // A client-chosen x-requestId holding a CPR (it is the reqId of every line), on a success and a refusal.
      { method: 'GET' as const, url: '/v1/Jobagent', headers: { ...v1Headers(cpr, token), 'x-requestId': `id-${otherCpr}` } },
      { method: 'GET' as const, url: '/v1/Jobagent', headers: { ...v1Headers(cpr, 'bad'), 'x-requestId': `${cpr.slice(0, 6)}-${cpr.slice(6)}` } },
    ];
    for (const r of requests) await app.inject(r);
    await settle();

    expect(logs.lines.length).toBeGreaterThanOrEqual(requests.length);
    expect(logs.records.filter((r) => r.reqId === 'id-[cpr]')).toHaveLength(1);
    expect(logs.text).not.toContain(cpr);
    expect(logs.text).not.toContain(otherCpr);
    expect(logs.text).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    expect(logs.text).not.toContain(token);
    expect(logs.text).not.toContain(token.split('.')[2]);
    expect(logs.text).not.toMatch(/authorization|bearer/i);
  });
});

describe('logging of unexpected errors', () => {
  const logs = new LineCollector();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ config: loadConfig(testEnv({ LOG_LEVEL: 'info' })), logStream: logs });
    app.get('/__test/crash', async (request) => {
      const cpr = request.headers['x-test-cpr'];
      throw new Error(`lookup of borger ${cpr} failed`);
    });
    app.get('/__test/crash-sentence', async (request) => {
      const cpr = request.headers['x-test-cpr'];
      throw new Error(`No borger with cpr ${cpr}.`);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => logs.clear());

  it('logs the error with the request id, scrubbing a CPR in its message and stack', async () => {
    const requestId = randomUUID();
    const res = await app.inject({ method: 'GET', url: '/__test/crash', headers: { 'x-requestId': requestId, 'x-test-cpr': '1502851237' } });
    expect(res.statusCode).toBe(500);
    await settle();
    const errorLine = logs.records.find((r) => r.level >= 50);
    expect(errorLine).toBeDefined();
    expect(errorLine!.reqId).toBe(requestId);
    expect(logs.text).toContain('lookup of borger [cpr] failed');
    expect(logs.text).not.toContain('1502851237');
    expect(logs.records.filter((r) => r.msg === 'request completed' && r.reqId === requestId)).toHaveLength(1);
  });

  it('scrubs a CPR that ends a sentence in an error message', async () => {
    const res = await app.inject({ method: 'GET', url: '/__test/crash-sentence', headers: { 'x-requestId': randomUUID(), 'x-test-cpr': '1502851237' } });
    expect(res.statusCode).toBe(500);
    await settle();
    expect(logs.text).toContain('No borger with cpr');
    expect(logs.text).not.toContain('1502851237');
  });
});
