/**
 * Every error is application/problem+json (RFC 9457) with the fejlkoder as `fejl` (design §4),
 * from routing and parsing errors to unexpected crashes (which reveal nothing internal).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { buildTestApp, testEnv, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';

const PROBLEM_KEYS = ['antalFejl', 'detail', 'fejl', 'instance', 'requestId', 'status', 'title', 'type'];
const FEJL_KEYS = ['beskrivelse', 'felt', 'fejlkode', 'fejltekst'];
const SECRET = 'hunter2-db-password';

type Res = Awaited<ReturnType<FastifyInstance['inject']>>;

function expectProblem(res: Res, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(Object.keys(problem).sort()).toEqual(PROBLEM_KEYS);
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  expect(problem.title.length).toBeGreaterThan(0);
  expect(typeof problem.detail).toBe('string');
  expect(typeof problem.requestId).toBe('string');
  expect(Array.isArray(problem.fejl)).toBe(true);
  expect(problem.fejl.length).toBeLessThanOrEqual(20);
  expect(problem.antalFejl).toBeGreaterThanOrEqual(problem.fejl.length);
  for (const f of problem.fejl) {
    for (const key of Object.keys(f)) expect(FEJL_KEYS).toContain(key);
    expect(f).toMatchObject({ fejlkode: expect.any(Number), fejltekst: expect.any(String), beskrivelse: expect.any(String) });
  }
  if (problem.fejl.length > 0) expect(problem.type).toBe(`https://api.jobnet.dk/fejl/${problem.fejl[0].fejlkode}`);
  else expect(problem.type).toBe('about:blank');
  return problem;
}

function expectNothingInternal(res: Res) {
  expect(res.body).not.toContain(SECRET);
  expect(res.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\/|src\/|stack|TypeError|ReferenceError|prisma/i);
}

describe('errors of the running app', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('404', () => {
    it('unknown route: 404 problem, no fejlkode, instance without query string', async () => {
      const requestId = randomUUID();
      const res = await app.inject({ method: 'GET', url: '/findes-ikke?cpr=0101901234', headers: { 'x-requestId': requestId } });
      const problem = expectProblem(res, 404);
      expect(problem.instance).toBe('/findes-ikke');
      expect(problem.requestId).toBe(requestId);
      expect(problem.fejl).toEqual([]);
      expect(problem.title).toBe('Not Found');
    });

    it('unknown /v1 route (404) and a wrong method on a known path (405)', async () => {
      expectProblem(await app.inject({ method: 'GET', url: '/v1/Findes/Ikke', headers: v1Headers(DEMO_CITIZENS.anna.cpr) }), 404);
      expectProblem(await app.inject({ method: 'PATCH', url: '/v1/Jobagent', headers: v1Headers(DEMO_CITIZENS.anna.cpr) }), 405);
    });

    it('gives every problem a request id even without x-requestId', async () => {
      const problem = expectProblem(await app.inject({ method: 'GET', url: '/nope' }), 404);
      expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('strings the database cannot store, outside the body', () => {
    it('U+0000 in a path parameter or a query string: 400/1014 naming it, before schema validation', async () => {
      const headers = v1Headers(DEMO_CITIZENS.anna.cpr);
      const param = expectProblem(await app.inject({ method: 'GET', url: '/v1/Jobagent/a%00b', headers }), 400);
      expect(param.fejl).toEqual([expect.objectContaining({ fejlkode: 1014, felt: '/params/jobagentId' })]);
      const query = expectProblem(
        await app.inject({ method: 'GET', url: '/v1/Borgerbooking/Indkaldelser?x=a%00b', headers: v1Headers(DEMO_CITIZENS.anna.cpr) }),
        400,
      );
      expect(query.fejl).toEqual([expect.objectContaining({ fejlkode: 1014, felt: '/querystring/x' })]);
    });
  });

  describe('body parsing', () => {
    it('body larger than BODY_LIMIT_BYTES (default 256 KiB): 413 problem, nothing written', async () => {
      const { cpr } = await createCitizen();
      const payload = JSON.stringify({ titel: 'x', soegeparametre: {}, fyld: 'x'.repeat(262_144) });
      const res = await app.inject({
        method: 'POST',
        url: '/v1/Jobagent',
        headers: { ...v1Headers(cpr), 'content-type': 'application/json' },
        payload,
      });
      const problem = expectProblem(res, 413);
      expect(problem.instance).toBe('/v1/Jobagent');
      expectNothingInternal(res);
      expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(0);
    });

    // text/plain too: the API documents only application/json request bodies (Fastify parses text/plain by default).
    it.each(['application/xml', 'application/x-www-form-urlencoded', 'text/plain'])('unsupported media type %s: 415 problem', async (type) => {
      const { cpr } = await createCitizen();
      const res = await app.inject({
        method: 'POST',
        url: '/v1/Jobagent',
        headers: { ...v1Headers(cpr), 'content-type': type },
        payload: 'titel=x',
      });
      expectProblem(res, 415);
      expectNothingInternal(res);
      expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(0);
    });

    it.each([
      ['malformed JSON', '{"titel": "x",'],
      ['empty JSON body', ''],
    ])('%s: 400 problem with fejlkode 1014', async (_name, payload) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/Jobagent',
        headers: { ...v1Headers(DEMO_CITIZENS.bo.cpr), 'content-type': 'application/json' },
        payload,
      });
      expect(expectProblem(res, 400).fejl[0].fejlkode).toBe(1014);
      expectNothingInternal(res);
    });
  });

  describe('problem body shape', () => {
    it('schema violations: 400, one fejl entry per field with a JSON pointer', async () => {
      const { cpr } = await createCitizen();
      const headers = v1Headers(cpr);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/Jobagent?x=1',
        headers,
        payload: {
          titel: '',
          jobagent: { email: 'ikke-en-email', udsendelsesinterval: 'Dagligt', smsNotifikation: false },
          soegeparametre: {},
          ukendt: true,
        },
      });
      const problem = expectProblem(res, 400);
      expect(problem).toMatchObject({
        type: 'https://api.jobnet.dk/fejl/1014',
        instance: '/v1/Jobagent',
        requestId: headers['x-requestId'],
      });
      const felter = problem.fejl.map((f: { fejlkode: number; felt: string }) => `${f.fejlkode} ${f.felt}`);
      expect(felter).toEqual(expect.arrayContaining(['1014 /titel', '9158 /jobagent/email', '1014 /ukendt']));
      expect(new Set(felter).size).toBe(felter.length);
      expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(0);
    });

    it('a rule violation from the registry: 400/1001 for a malformed CPR, felt the header', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers('3102901234', systemToken()) });
      const problem = expectProblem(res, 400);
      expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 1001, felt: '/headers/x-civilRegistrationIdentifier' })]);
    });

    it('an unknown citizen: 404/1010', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers('0101011111', systemToken()) });
      expect(expectProblem(res, 404).fejl[0].fejlkode).toBe(1010);
    });
  });
});

const systemToken = () => tokenFor({ role: 'system' });

describe('unexpected errors (500)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: loadConfig(testEnv()) });
    // Test-only routes, added before ready(): each fails in a different unexpected way.
    app.get('/__test/throw', async () => {
      throw new Error(`connect to postgres://app:${SECRET}@db.internal:5432 failed`);
    });
    app.get('/__test/type-error', async () => {
      const value = undefined as unknown as { x: { y: number } };
      return { y: value.x.y, SECRET };
    });
    app.get('/__test/throw-string', async () => {
      throw SECRET; // eslint-disable-line no-throw-literal
    });
    app.get('/__test/status-502', async () => {
      throw Object.assign(new Error(`upstream ${SECRET} answered 502`), { statusCode: 502 });
    });
    app.get(
      '/__test/bad-response',
      { schema: { response: { 200: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } } },
      async () => ({ m: SECRET }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(['/__test/throw', '/__test/type-error', '/__test/throw-string', '/__test/status-502', '/__test/bad-response'])(
    '%s: 500 problem without internals',
    async (url) => {
      const requestId = randomUUID();
      const res = await app.inject({ method: 'GET', url, headers: { 'x-requestId': requestId } });
      const problem = expectProblem(res, 500);
      expect(problem).toMatchObject({ title: 'Internal Server Error', instance: url, requestId, fejl: [] });
      expect(problem.detail).toMatch(/requestId/);
      expectNothingInternal(res);
    },
  );
});
