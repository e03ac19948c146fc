/**
 * Jobagent (seed 001) over HTTP: app.inject against the real PostgreSQL and Redis.
 *
 * Every test works on its own fresh citizens (createCitizen), so files and tests never share
 * job agents (the limit is 25 per citizen). Rows are seeded directly with testPrisma() where
 * the HTTP route under test is not the point (e.g. "already has 25").
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';
import { DEMO_CITIZENS, DEMO_JOBAGENT_IDS } from '../../src/db/demo-data';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Json = Record<string, unknown>;

const GUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROBLEM_JSON = /^application\/problem\+json/;
const BASE = '/v1/Jobagent';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});

afterAll(async () => {
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

interface CallOptions {
  token?: string;
  requestId?: string;
  body?: unknown;
  /** A raw payload (e.g. malformed JSON); sent with content-type application/json. */
  raw?: string;
  /** Replace the headers completely. */
  headers?: Record<string, string>;
}

function call(method: Method, url: string, cpr: string, opts: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = opts.headers ?? {
    ...v1Headers(cpr, opts.token ?? tokenFor({ cpr })),
    ...(opts.requestId !== undefined ? { 'x-requestId': opts.requestId } : {}),
  };
  if (opts.raw !== undefined) {
    return app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: opts.raw });
  }
  return app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as Json } : {}) });
}

const list = (cpr: string, opts?: CallOptions) => call('GET', BASE, cpr, opts);
const getOne = (cpr: string, id: string, opts?: CallOptions) => call('GET', `${BASE}/${id}`, cpr, opts);
const create = (cpr: string, body: unknown, opts?: CallOptions) => call('POST', BASE, cpr, { ...opts, body });
const update = (cpr: string, id: string, body: unknown, opts?: CallOptions) => call('PUT', `${BASE}/${id}`, cpr, { ...opts, body });
const verify = (cpr: string, id: string, opts?: CallOptions) => call('PUT', `${BASE}/${id}/action/verificerEmail`, cpr, opts);
const remove = (cpr: string, id: string, opts?: CallOptions) => call('DELETE', `${BASE}/${id}`, cpr, opts);
const soegPaaEmail = (email: unknown, opts: CallOptions & { cpr?: string } = {}) =>
  call('POST', `${BASE}/action/soegPaaEmail`, opts.cpr ?? '0000000000', {
    token: tokenFor({ role: 'system' }),
    ...opts,
    body: { email },
  });

/**
 * Asserts an application/problem+json answer with the given status, first fejlkode and (when
 * given) first felt; returns the body. Without a fejlkode the `fejl` list must be empty.
 */
function expectProblem(res: LightMyRequestResponse, status: number, fejlkode?: number, felt?: string) {
  const body = res.json();
  expect({
    status: res.statusCode,
    contentType: res.headers['content-type'],
    bodyStatus: body.status,
    fejlkode: body.fejl?.[0]?.fejlkode,
    ...(felt !== undefined ? { felt: body.fejl?.[0]?.felt } : {}),
  }).toEqual({
    status,
    contentType: expect.stringMatching(PROBLEM_JSON),
    bodyStatus: status,
    fejlkode,
    ...(felt !== undefined ? { felt } : {}),
  });
  if (fejlkode === undefined) expect(body.fejl).toEqual([]);
  else expect(body.type).toBe(`https://api.jobnet.dk/fejl/${fejlkode}`);
  return body;
}

const countFor = (cpr: string) => testPrisma().jobagent.count({ where: { cpr } });
const rowOf = (id: string) => testPrisma().jobagent.findUnique({ where: { id } });

/** A job agent row written directly (bypassing the API). */
async function seedJobagent(cpr: string, data: { email?: string | null; emailVerificeret?: boolean; titel?: string } = {}) {
  return testPrisma().jobagent.create({
    data: {
      id: randomUUID(),
      cpr,
      titel: data.titel ?? 'Seeded',
      email: data.email === undefined ? `seed-${randomUUID()}@example.dk` : data.email,
      emailVerificeret: data.emailVerificeret ?? false,
      udsendelsesinterval: data.email === null ? null : 'Ugentligt',
      smsNotifikation: false,
      soegeparametre: { geografi: { region: ['Syddanmark'] } },
    },
  });
}

async function seedMany(cpr: string, n: number) {
  await testPrisma().jobagent.createMany({
    data: Array.from({ length: n }, (_, i) => ({ id: randomUUID(), cpr, titel: `Seeded ${i}`, soegeparametre: {} })),
  });
}

const uniqueEmail = (prefix = 'ja') => `${prefix}-${randomUUID()}@example.dk`;

/** A fully populated automatic job agent. */
function fullInput(email = uniqueEmail()) {
  return {
    titel: 'Pædagog i København',
    jobagent: { email, udsendelsesinterval: 'Dagligt', smsNotifikation: true },
    soegeparametre: {
      udMineFraKravTilJobsoegning: false,
      geografi: {
        region: ['Hovedstaden', 'Sjaelland'],
        andreOmraader: ['Bornholm'],
        afstand: { minAfstand: 0, maxAfstand: 25, fraPostnummer: 2100 },
        rejsetid: { minMinutter: 10, maxMinutter: 60 },
      },
      arbejdsomraade: {
        beskaeftigelsesomraader: [{ hierarkielementId: '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', hierarkitype: 'Beskaeftigelsesomraade' }],
        stillingsbetegnelser: [
          { conceptUriDa: 'http://data.star.dk/esco/occupation/1234', aliasIdentifier: '5d8e2f1a-9b3c-4d7e-a6f0-1c2b3d4e5f03' },
        ],
      },
      ansaettelsesvilkaar: { ansaettelsesvilkaartyper: ['Ordinaer', 'Fleksjob'] },
      ansaettelsesvarighed: { ansaettelsesvarighedstyper: ['Fast'] },
      arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 15, deltidMaxTimer: 30 },
    },
  };
}

/** A plain saved search (no e-mail block). */
const savedSearch = (titel = 'Gemt søgning') => ({ titel, soegeparametre: { geografi: { region: ['Nordjylland'] } } });

function expectRecentIso(value: unknown) {
  expect(typeof value).toBe('string');
  expect(value as string).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const ms = Date.parse(value as string);
  expect(Math.abs(Date.now() - ms)).toBeLessThan(60_000);
}

// ---------------------------------------------------------------------------------------------
// happy paths

describe('happy paths', () => {
  let cpr: string;
  let automatic: Json;
  let saved: Json;

  beforeAll(async () => {
    ({ cpr } = await createCitizen());
  });

  test('CreateJobagent: 201, Location, full body; e-mail stored lower-case and unverified', async () => {
    const input = fullInput(`Anna.Andersen-${randomUUID()}@Example.DK`);
    const res = await create(cpr, input);
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.jobagentId).toMatch(GUID_LOWER);
    expect(res.headers.location).toBe(`/v1/Jobagent/${body.jobagentId}`);
    expect(body).toEqual({
      jobagentId: body.jobagentId,
      titel: 'Pædagog i København',
      jobagent: { email: input.jobagent.email.toLowerCase(), emailVerificeret: false, udsendelsesinterval: 'Dagligt', smsNotifikation: true },
      soegeparametre: input.soegeparametre,
      oprettet: expect.any(String),
      opdateret: expect.any(String),
    });
    expectRecentIso(body.oprettet);
    expectRecentIso(body.opdateret);

    const row = await rowOf(body.jobagentId);
    expect(row).toMatchObject({
      cpr,
      titel: 'Pædagog i København',
      email: input.jobagent.email.toLowerCase(),
      emailVerificeret: false,
      udsendelsesinterval: 'Dagligt',
      smsNotifikation: true,
    });
    expect(row!.soegeparametre).toEqual(input.soegeparametre);
    automatic = body;
  });

  test('CreateJobagent: a saved search without e-mail has no jobagent block', async () => {
    const res = await create(cpr, savedSearch());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).not.toHaveProperty('jobagent');
    expect(body).toMatchObject({ titel: 'Gemt søgning', soegeparametre: { geografi: { region: ['Nordjylland'] } } });
    const row = await rowOf(body.jobagentId);
    expect(row).toMatchObject({ email: null, emailVerificeret: false, udsendelsesinterval: null, smsNotifikation: false });
    saved = body;
  });

  test('CreateJobagent: titel of exactly 100 characters and x-requestId of exactly 46 are accepted', async () => {
    const titel = 'æ'.repeat(100);
    const res = await create(cpr, savedSearch(titel), { requestId: `r${randomUUID()}`.padEnd(46, 'x') });
    expect(res.statusCode).toBe(201);
    expect(res.json().titel).toBe(titel);
    await remove(cpr, res.json().jobagentId);
  });

  test('GetJobagenter: all of the citizen\'s job agents, oldest first', async () => {
    const res = await list(cpr);
    expect(res.statusCode).toBe(200);
    const { jobagenter } = res.json();
    expect(jobagenter).toHaveLength(2);
    expect(jobagenter).toEqual([automatic, saved].sort((a, b) => String(a.oprettet).localeCompare(String(b.oprettet)) || String(a.jobagentId).localeCompare(String(b.jobagentId))));
  });

  test('GetJobagenter: a known citizen without job agents gets an empty list', async () => {
    const other = await createCitizen();
    const res = await list(other.cpr);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ jobagenter: [] });
  });

  test('GetJobagenter: a system token may read any citizen', async () => {
    const res = await list(cpr, { token: tokenFor({ role: 'system' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json().jobagenter.map((j: Json) => j.jobagentId).sort()).toEqual([automatic.jobagentId, saved.jobagentId].sort());
  });

  test('GetJobagent: one job agent, exactly as created', async () => {
    const res = await getOne(cpr, automatic.jobagentId as string);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(automatic);
  });

  test('GetJobagent: an upper-case GUID in the path is accepted and the id is returned lower-case', async () => {
    const res = await getOne(cpr, (saved.jobagentId as string).toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(saved);
    expect(res.json().jobagentId).toMatch(GUID_LOWER);
  });

  test('GetJobagenterPaaEmail: system and STAR find it, case-insensitively, across citizens', async () => {
    const email = uniqueEmail('paa-email');
    const other = await createCitizen();
    const a = (await create(cpr, fullInput(email))).json();
    const b = (await create(other.cpr, fullInput(email.toUpperCase()))).json();
    await create(cpr, fullInput()); // another address: must not be found

    for (const token of [tokenFor({ role: 'system' }), tokenFor({ role: 'star' })]) {
      const res = await soegPaaEmail(email.replace('paa-email', 'PAA-Email').replace('example.dk', 'Example.DK'), { token });
      expect(res.statusCode).toBe(200);
      const found = res.json().jobagenter;
      expect(found.map((j: Json) => j.jobagentId).sort()).toEqual([a.jobagentId, b.jobagentId].sort());
      expect(found.find((j: Json) => j.jobagentId === a.jobagentId)).toEqual(a);
      expect(found.every((j: { jobagent: { email: string } }) => j.jobagent.email === email.toLowerCase())).toBe(true);
    }
    await remove(cpr, a.jobagentId);
  });

  test('GetJobagenterPaaEmail: an unknown address gives an empty list', async () => {
    const res = await soegPaaEmail(uniqueEmail('nobody'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ jobagenter: [] });
  });

  test('VerificereEmail: marks the e-mail verified (response and database)', async () => {
    const res = await verify(cpr, automatic.jobagentId as string);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...automatic,
      jobagent: { ...(automatic.jobagent as Json), emailVerificeret: true },
      opdateret: expect.any(String),
    });
    expect((await rowOf(automatic.jobagentId as string))!.emailVerificeret).toBe(true);
  });

  test('UpdateJobagent: keeping the e-mail (any case) keeps it verified; title and search are replaced', async () => {
    const id = automatic.jobagentId as string;
    const before = await rowOf(id);
    const input = {
      titel: 'Ny titel',
      jobagent: { email: ((automatic.jobagent as Json).email as string).toUpperCase(), udsendelsesinterval: 'Ugentligt', smsNotifikation: false },
      soegeparametre: { geografi: { afstand: { maxAfstand: 10, fraKommune: 101 } }, arbejdstid: { arbejdstidstype: 'Fuldtid' } },
    };
    const res = await update(cpr, id, input);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      jobagentId: id,
      titel: 'Ny titel',
      jobagent: { email: (automatic.jobagent as Json).email, emailVerificeret: true, udsendelsesinterval: 'Ugentligt', smsNotifikation: false },
      soegeparametre: input.soegeparametre,
      oprettet: automatic.oprettet,
      opdateret: expect.any(String),
    });
    expect(Date.parse(body.opdateret)).toBeGreaterThanOrEqual(before!.opdateret.getTime());
    const row = await rowOf(id);
    expect(row).toMatchObject({ titel: 'Ny titel', emailVerificeret: true, udsendelsesinterval: 'Ugentligt', smsNotifikation: false });
    expect(row!.soegeparametre).toEqual(input.soegeparametre);
    automatic = body;
  });

  test('UpdateJobagent: changing the e-mail resets emailVerificeret', async () => {
    const id = automatic.jobagentId as string;
    const email = uniqueEmail('changed');
    const res = await update(cpr, id, { ...fullInput(email.toUpperCase()), titel: 'Ændret e-mail' });
    expect(res.statusCode).toBe(200);
    expect(res.json().jobagent).toEqual({ email, emailVerificeret: false, udsendelsesinterval: 'Dagligt', smsNotifikation: true });
    expect(await rowOf(id)).toMatchObject({ email, emailVerificeret: false });
  });

  test('UpdateJobagent: with an upper-case GUID; removing the e-mail block makes it a saved search', async () => {
    const id = automatic.jobagentId as string;
    const res = await update(cpr, id.toUpperCase(), savedSearch('Nu en gemt søgning'));
    expect(res.statusCode).toBe(200);
    expect(res.json().jobagentId).toBe(id);
    expect(res.json()).not.toHaveProperty('jobagent');
    expect(await rowOf(id)).toMatchObject({ titel: 'Nu en gemt søgning', email: null, emailVerificeret: false, udsendelsesinterval: null });
  });

  test('VerificereEmail: with an upper-case GUID', async () => {
    const { id } = await seedJobagent(cpr, { emailVerificeret: false });
    const res = await verify(cpr, id.toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobagentId: id, jobagent: { emailVerificeret: true } });
    expect((await rowOf(id))!.emailVerificeret).toBe(true);
  });

  test('DeleteJobagent: 204, the row is gone, a second delete (new x-requestId) is 404/4589', async () => {
    const id = saved.jobagentId as string;
    const before = await countFor(cpr);
    const res = await remove(cpr, id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await rowOf(id)).toBeNull();
    expect(await countFor(cpr)).toBe(before - 1);

    expectProblem(await remove(cpr, id), 404, 4589, '/jobagentId');
    expectProblem(await getOne(cpr, id), 404, 4589, '/jobagentId');
  });

  test('DeleteJobagent: with an upper-case GUID', async () => {
    const { id } = await seedJobagent(cpr);
    const res = await remove(cpr, id.toUpperCase());
    expect(res.statusCode).toBe(204);
    expect(await rowOf(id)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// authentication and authorisation first, for every route

describe('authentication runs first on every route', () => {
  let owner: string;
  let intruder: string;
  let id: string;
  const email = uniqueEmail('auth');

  beforeAll(async () => {
    owner = (await createCitizen()).cpr;
    intruder = (await createCitizen()).cpr;
    id = (await seedJobagent(owner, { email, emailVerificeret: false })).id;
  });


  const ROUTES: { op: string; method: Method; url: () => string; body?: () => unknown }[] = [
    { op: 'GetJobagenter', method: 'GET', url: () => BASE },
    { op: 'GetJobagent', method: 'GET', url: () => `${BASE}/${id}` },
    { op: 'GetJobagenterPaaEmail', method: 'POST', url: () => `${BASE}/action/soegPaaEmail`, body: () => ({ email }) },
    { op: 'CreateJobagent', method: 'POST', url: () => BASE, body: () => fullInput() },
    { op: 'UpdateJobagent', method: 'PUT', url: () => `${BASE}/${id}`, body: () => ({ ...fullInput(), titel: 'Hacked' }) },
    { op: 'VerificereEmail', method: 'PUT', url: () => `${BASE}/${id}/action/verificerEmail` },
    { op: 'DeleteJobagent', method: 'DELETE', url: () => `${BASE}/${id}` },
  ];

  test('the table covers every Jobagent operation of the OpenAPI document (7)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/Jobagent'))
      .flatMap(([, ops]) => Object.values(ops).map((op) => op.operationId))
      .sort();
    expect(documented).toEqual(ROUTES.map((r) => r.op).sort());
    expect(documented).toHaveLength(7);
  });

  test.each(ROUTES)('$op: no token -> 401 (valid headers and body otherwise)', async (route) => {
    const headers = v1Headers(owner);
    delete headers.authorization;
    const res = await app.inject({ method: route.method, url: route.url(), headers, ...(route.body ? { payload: route.body() as Json } : {}) });
    const body = expectProblem(res, 401);
    expect(body.requestId).toBe(headers['x-requestId']);
  });

  test.each(ROUTES)('$op: no token with garbage headers and body -> still 401', async (route) => {
    const res = await app.inject({
      method: route.method,
      url: route.url(),
      headers: {
        authorization: 'Basic dXNlcjpwYXNz',
        'x-civilRegistrationIdentifier': 'not-a-cpr',
        'x-requestId': 'x'.repeat(200),
        'content-type': 'application/json',
      },
      payload: '{"titel": ',
    });
    expectProblem(res, 401);
  });

  test.each(ROUTES)('$op: a bearer token that is not a valid JWT -> 401', async (route) => {
    const headers = { ...v1Headers(owner), authorization: 'Bearer not.a.jwt' };
    const res = await app.inject({ method: route.method, url: route.url(), headers, ...(route.body ? { payload: route.body() as Json } : {}) });
    expectProblem(res, 401);
  });

  test.each(ROUTES)('$op: a citizen token for another CPR -> 403/4575', async (route) => {
    const headers = v1Headers(owner, tokenFor({ cpr: intruder }));
    const res = await app.inject({ method: route.method, url: route.url(), headers, ...(route.body ? { payload: route.body() as Json } : {}) });
    expectProblem(res, 403, 4575);
  });

  test('after all the refused calls above, nothing was created, changed, verified or deleted', async () => {
    expect(await countFor(owner)).toBe(1);
    expect(await countFor(intruder)).toBe(0);
    expect(await rowOf(id)).toMatchObject({ cpr: owner, titel: 'Seeded', email, emailVerificeret: false });
  });

  test('a 401 does not use up the x-requestId', async () => {
    const requestId = randomUUID();
    const token = tokenFor({ cpr: owner });
    const headers = v1Headers(owner, token, requestId);
    expectProblem(await app.inject({ method: 'GET', url: BASE, headers: { ...headers, authorization: 'Bearer nope' } }), 401);
    const res = await app.inject({ method: 'GET', url: BASE, headers });
    expect(res.statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// fejlkoder

describe('1001 invalid CPR header', () => {
  const system = () => tokenFor({ role: 'system' });

  test.each([
    ['letters', 'abcdefghij'],
    ['too short', '010190123'],
    ['too long', '01019012345'],
    ['day 32', '3201901234'],
    ['31 April (pattern)', '3104901234'],
    ['29 Feb 1901 (7th digit 1 -> 1901, not a leap year)', '2902011234'],
    ['29 Feb 1900 (7th digit 1 -> 1900, not a leap year)', '2902001234'],
  ])('%s -> 400/1001', async (_name, cpr) => {
    const res = await list(cpr, { token: system() });
    const body = expectProblem(res, 400, 1001, '/headers/x-civilRegistrationIdentifier');
    expect(body.fejl[0].fejltekst).toBe('Invalid cpr');
  });

  test('missing header -> 400/1001', async () => {
    const headers = v1Headers('0101901234', system());
    delete headers['x-civilRegistrationIdentifier'];
    expectProblem(await app.inject({ method: 'GET', url: BASE, headers }), 400, 1001, '/headers/x-civilRegistrationIdentifier');
  });

  test('with a citizen token too, an impossible date is 1001 (checked before the CPR match)', async () => {
    expectProblem(await list('2902011234', { token: tokenFor({ cpr: '2902011234' }) }), 400, 1001);
  });

  test('on a write: 1001 and nothing is created', async () => {
    expectProblem(await create('2902011234', savedSearch(), { token: system() }), 400, 1001);
    expect(await countFor('2902011234')).toBe(0);
  });

  test('29 Feb 2000 with 7th digit 4 is a real date: passes the CPR check (404/1010, not 1001)', async () => {
    expectProblem(await list('2902004999', { token: system() }), 404, 1010);
  });
});

describe('1010 unknown citizen', () => {
  const unknown = '2902004998'; // valid (29 Feb 2000), not in the database
  const someId = randomUUID();

  test.each([
    ['GetJobagenter', () => list(unknown)],
    ['GetJobagent', () => getOne(unknown, someId)],
    ['CreateJobagent', () => create(unknown, fullInput())],
    ['UpdateJobagent', () => update(unknown, someId, fullInput())],
    ['VerificereEmail', () => verify(unknown, someId)],
    ['DeleteJobagent', () => remove(unknown, someId)],
  ])('%s -> 404/1010', async (_op, run) => {
    expectProblem(await run(), 404, 1010, '/headers/x-civilRegistrationIdentifier');
  });

  test('a failed create for an unknown citizen writes nothing', async () => {
    expectProblem(await create(unknown, savedSearch(), { token: tokenFor({ role: 'system' }) }), 404, 1010);
    expect(await countFor(unknown)).toBe(0);
  });
});

describe('1013 / 4575 roles and scopes', () => {
  let cpr: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
  });

  test('citizen token with only the read scope: reads work, create -> 403/1013 and nothing is written', async () => {
    const token = tokenFor({ cpr, scope: 'match.jobagent.read' });
    expect((await list(cpr, { token })).statusCode).toBe(200);
    expectProblem(await create(cpr, savedSearch(), { token }), 403, 1013);
    expect(await countFor(cpr)).toBe(0);
  });

  test('citizen token with only the write scope: GET -> 403/1013', async () => {
    expectProblem(await list(cpr, { token: tokenFor({ cpr, scope: 'match.jobagent.write' }) }), 403, 1013);
  });

  test('citizen token without scopes: update, verify, delete -> 403/1013', async () => {
    const { id } = await seedJobagent(cpr);
    const token = tokenFor({ cpr, scope: '' });
    expectProblem(await update(cpr, id, savedSearch(), { token }), 403, 1013);
    expectProblem(await verify(cpr, id, { token }), 403, 1013);
    expectProblem(await remove(cpr, id, { token }), 403, 1013);
    expect(await rowOf(id)).toMatchObject({ titel: 'Seeded', emailVerificeret: false });
  });

  test('STAR without scopes on GetJobagenterPaaEmail -> 403/1013', async () => {
    expectProblem(await soegPaaEmail(uniqueEmail(), { token: tokenFor({ role: 'star', scope: '' }) }), 403, 1013);
  });

  test('a role that is not allowed (jobcenter), even with the scopes -> 403/4575', async () => {
    const token = tokenFor({ role: 'jobcenter', scope: 'match.jobagent.read match.jobagent.write match.jobagent.writeread' });
    expectProblem(await list(cpr, { token }), 403, 4575);
    expectProblem(await create(cpr, savedSearch(), { token }), 403, 4575);
    expectProblem(await soegPaaEmail(uniqueEmail(), { token }), 403, 4575);
    expect(await countFor(cpr)).toBe(1);
  });

  test('STAR may read but not write -> 403/4575', async () => {
    const token = tokenFor({ role: 'star' });
    expect((await list(cpr, { token })).statusCode).toBe(200);
    expectProblem(await create(cpr, savedSearch(), { token }), 403, 4575);
  });

  test('a citizen may not search by e-mail (even their own CPR) -> 403/4575', async () => {
    expectProblem(await soegPaaEmail(uniqueEmail(), { cpr, token: tokenFor({ cpr }) }), 403, 4575);
  });

  test('a citizen token for another CPR -> 403/4575 (create writes nothing)', async () => {
    const other = await createCitizen();
    const res = await create(cpr, savedSearch(), { token: tokenFor({ cpr: other.cpr }) });
    const body = expectProblem(res, 403, 4575);
    expect(body.fejl[0].fejltekst).toBe('You are not authorized');
    expect(await countFor(cpr)).toBe(1);
    expect(await countFor(other.cpr)).toBe(0);
  });
});

describe('1014 request-id header', () => {
  let cpr: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
  });

  test('missing x-requestId -> 400/1014', async () => {
    const headers = v1Headers(cpr);
    delete headers['x-requestId'];
    const body = expectProblem(await app.inject({ method: 'GET', url: BASE, headers }), 400, 1014, '/headers/x-requestId');
    expect(body.requestId).toMatch(GUID_LOWER); // a generated id instead
  });

  test('empty x-requestId -> 400/1014', async () => {
    expectProblem(await list(cpr, { requestId: '' }), 400, 1014, '/headers/x-requestId');
  });

  test('x-requestId of 47 characters -> 400/1014, and a create is not executed', async () => {
    expectProblem(await create(cpr, savedSearch(), { requestId: 'a'.repeat(47) }), 400, 1014, '/headers/x-requestId');
    expect(await countFor(cpr)).toBe(0);
  });
});

describe('1014 body and path validation', () => {
  let cpr: string;
  let id: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
    id = (await seedJobagent(cpr, { titel: 'Uændret' })).id;
  });

  afterEach(async () => {
    // Nothing half-written: no validation failure creates or changes a row.
    expect(await countFor(cpr)).toBe(1);
    expect(await rowOf(id)).toMatchObject({ titel: 'Uændret' });
  });

  test('titel of 101 characters -> 400/1014 at /titel', async () => {
    expectProblem(await create(cpr, savedSearch('x'.repeat(101))), 400, 1014, '/titel');
    expectProblem(await update(cpr, id, savedSearch('x'.repeat(101))), 400, 1014, '/titel');
  });

  test('several violations give several entries, each with a JSON pointer', async () => {
    const res = await create(cpr, {
      titel: '',
      ukendt: true,
      soegeparametre: {
        geografi: { region: ['Mars'], afstand: { maxAfstand: 0, fraPostnummer: 2100 } },
        arbejdstid: { arbejdstidstype: 'Deltid', deltidMaxTimer: 99 },
      },
    });
    const body = expectProblem(res, 400, 1014);
    expect(body.fejl.map((f: { fejlkode: number }) => f.fejlkode)).toEqual(Array(body.fejl.length).fill(1014));
    expect(body.fejl.map((f: { felt: string }) => f.felt).sort()).toEqual(
      [
        '/titel',
        '/ukendt',
        '/soegeparametre/geografi/region/0',
        '/soegeparametre/geografi/afstand/maxAfstand',
        '/soegeparametre/arbejdstid/deltidMaxTimer',
      ].sort(),
    );
    expect(body.title).toBe('Failed to validate message');
  });

  test('missing required fields are pointed at the missing property', async () => {
    const body = expectProblem(await create(cpr, { jobagent: { udsendelsesinterval: 'Dagligt', smsNotifikation: false } }), 400, 1014);
    expect(body.fejl.map((f: { felt: string }) => f.felt).sort()).toEqual(['/jobagent/email', '/soegeparametre', '/titel']);
  });

  test('unknown property at the top and nested -> 400/1014', async () => {
    expectProblem(await create(cpr, { ...savedSearch(), ekstra: 1 }), 400, 1014, '/ekstra');
    expectProblem(
      await update(cpr, id, { titel: 'x', soegeparametre: { geografi: { by: 'Aarhus' } } }),
      400,
      1014,
      '/soegeparametre/geografi/by',
    );
  });

  test('malformed JSON body -> 400/1014', async () => {
    const body = expectProblem(await call('POST', BASE, cpr, { raw: '{"titel": "x", ' }), 400, 1014);
    expect(body.fejl).toHaveLength(1);
    expect(body.fejl[0]).not.toHaveProperty('felt');
    expectProblem(await call('PUT', `${BASE}/${id}`, cpr, { raw: '{not json' }), 400, 1014);
  });

  test('no body at all on create -> 400/1014 at /', async () => {
    expectProblem(await call('POST', BASE, cpr), 400, 1014, '/');
  });

  test('duplicate entries in a list -> 400/1014', async () => {
    expectProblem(
      await create(cpr, { titel: 'Dubletter', soegeparametre: { geografi: { region: ['Hovedstaden', 'Hovedstaden'] } } }),
      400,
      1014,
      '/soegeparametre/geografi/region',
    );
  });

  const CROSS_FIELD: [string, Json, string][] = [
    ['afstand without fraPostnummer or fraKommune', { geografi: { afstand: { maxAfstand: 10 } } }, '/soegeparametre/geografi/afstand'],
    ['afstand with both fraPostnummer and fraKommune', { geografi: { afstand: { maxAfstand: 10, fraPostnummer: 8000, fraKommune: 751 } } }, '/soegeparametre/geografi/afstand'],
    ['minAfstand > maxAfstand', { geografi: { afstand: { minAfstand: 20, maxAfstand: 10, fraPostnummer: 8000 } } }, '/soegeparametre/geografi/afstand/minAfstand'],
    ['minMinutter > maxMinutter', { geografi: { rejsetid: { minMinutter: 90, maxMinutter: 30 } } }, '/soegeparametre/geografi/rejsetid/minMinutter'],
    ['Deltid without deltidMaxTimer', { arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 10 } }, '/soegeparametre/arbejdstid/deltidMaxTimer'],
    ['Fuldtid with hours', { arbejdstid: { arbejdstidstype: 'Fuldtid', deltidMaxTimer: 20 } }, '/soegeparametre/arbejdstid'],
    ['deltidMinTimer > deltidMaxTimer', { arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 30, deltidMaxTimer: 20 } }, '/soegeparametre/arbejdstid/deltidMinTimer'],
  ];

  test.each(CROSS_FIELD)('create: %s -> 400/1014', async (_name, soegeparametre, felt) => {
    expectProblem(await create(cpr, { titel: 'Regel', soegeparametre }), 400, 1014, felt);
  });

  test.each(CROSS_FIELD)('update: %s -> 400/1014', async (_name, soegeparametre, felt) => {
    expectProblem(await update(cpr, id, { titel: 'Regel', soegeparametre }), 400, 1014, felt);
  });

  test('the boundaries of the cross-field rules are accepted (minAfstand = maxAfstand, deltidMin = deltidMax)', async () => {
    const res = await update(cpr, id, {
      titel: 'Uændret',
      soegeparametre: {
        geografi: { afstand: { minAfstand: 10, maxAfstand: 10, fraKommune: 751 }, rejsetid: { minMinutter: 30, maxMinutter: 30 } },
        arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 20, deltidMaxTimer: 20 },
      },
    });
    expect(res.statusCode).toBe(200);
  });

  test.each([
    ['GET', (bad: string) => getOne(cpr, bad)],
    ['PUT', (bad: string) => update(cpr, bad, savedSearch())],
    ['PUT verificerEmail', (bad: string) => verify(cpr, bad)],
    ['DELETE', (bad: string) => remove(cpr, bad)],
  ] as const)('%s with a non-GUID path id -> 400/1014 at /params/jobagentId', async (_name, run) => {
    const body = expectProblem(await run('not-a-guid'), 400, 1014, '/params/jobagentId');
    expect(body.fejl).toHaveLength(1);
    expectProblem(await run(`${randomUUID()}0`), 400, 1014, '/params/jobagentId');
  });
});

describe('9158 invalid e-mail', () => {
  let cpr: string;
  let id: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
    id = (await seedJobagent(cpr, { email: 'gammel@example.dk' })).id;
  });

  test.each(['@example.dk', 'no-at-sign', 'two@@example.dk', 'with space@example.dk', 'a@', `${'a'.repeat(192)}@example.dk`])(
    'create with %j -> 400/9158 at /jobagent/email; nothing written',
    async (email) => {
      const res = await create(cpr, fullInput(email));
      const body = expectProblem(res, 400, 9158, '/jobagent/email');
      expect(body.fejl[0].fejltekst).toBe('The submitted mail address is invalid');
      expect(await countFor(cpr)).toBe(1);
    },
  );

  test('update with an invalid e-mail -> 400/9158; the row keeps its e-mail', async () => {
    expectProblem(await update(cpr, id, fullInput('no-at-sign')), 400, 9158, '/jobagent/email');
    expect((await rowOf(id))!.email).toBe('gammel@example.dk');
  });

  test('GetJobagenterPaaEmail with an invalid e-mail -> 400/9158 at /email', async () => {
    expectProblem(await soegPaaEmail('@example.dk'), 400, 9158, '/email');
    expectProblem(await soegPaaEmail('no-at-sign'), 400, 9158, '/email');
  });
});

describe('4405 deceased citizen', () => {
  let cpr: string;
  let id: string;
  let savedId: string;

  beforeAll(async () => {
    ({ cpr } = await createCitizen({ doedsdato: new Date('2024-05-01T00:00:00.000Z') }));
    id = (await seedJobagent(cpr, { titel: 'Før døden', emailVerificeret: false })).id;
    savedId = (await seedJobagent(cpr, { email: null })).id;
  });

  test('create -> 422/4405 and nothing is written', async () => {
    const body = expectProblem(await create(cpr, fullInput()), 422, 4405);
    expect(body.fejl[0].fejltekst).toBe('The person with specified cpr is dead');
    expect(await countFor(cpr)).toBe(2);
  });

  test('update -> 422/4405 and the row is unchanged', async () => {
    expectProblem(await update(cpr, id, savedSearch('Efter døden')), 422, 4405);
    expect(await rowOf(id)).toMatchObject({ titel: 'Før døden', emailVerificeret: false });
  });

  test('verify -> 422/4405 and the e-mail stays unverified', async () => {
    expectProblem(await verify(cpr, id), 422, 4405);
    expect((await rowOf(id))!.emailVerificeret).toBe(false);
  });

  test('reads are still allowed', async () => {
    const all = await list(cpr);
    expect(all.statusCode).toBe(200);
    expect(all.json().jobagenter.map((j: Json) => j.jobagentId).sort()).toEqual([id, savedId].sort());
    const one = await getOne(cpr, id);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ jobagentId: id, titel: 'Før døden' });
  });

  test('delete is allowed (removing data is never refused)', async () => {
    expect((await remove(cpr, savedId)).statusCode).toBe(204);
    expect(await rowOf(savedId)).toBeNull();
  });
});

describe('4589 unknown identifier', () => {
  let cpr: string;
  let otherCpr: string;
  let othersId: string;

  beforeAll(async () => {
    ({ cpr } = await createCitizen());
    otherCpr = (await createCitizen()).cpr;
    othersId = (await seedJobagent(otherCpr, { titel: 'Andens', emailVerificeret: false })).id;
    await seedJobagent(cpr); // the citizen has job agents, just not these
  });


  const OPS = [
    ['GetJobagent', (c: string, i: string) => getOne(c, i)],
    ['UpdateJobagent', (c: string, i: string) => update(c, i, savedSearch('Overtaget'))],
    ['VerificereEmail', (c: string, i: string) => verify(c, i)],
    ['DeleteJobagent', (c: string, i: string) => remove(c, i)],
  ] as const;

  test.each(OPS)('%s with an id that does not exist -> 404/4589', async (_op, run) => {
    const body = expectProblem(await run(cpr, randomUUID()), 404, 4589, '/jobagentId');
    expect(body.fejl[0].fejltekst).toBe('Unknown identifier');
  });

  test.each(OPS)('%s with another citizen\'s id -> 404/4589, and that row is untouched', async (_op, run) => {
    expectProblem(await run(cpr, othersId), 404, 4589, '/jobagentId');
    expectProblem(await run(cpr, othersId.toUpperCase()), 404, 4589, '/jobagentId');
  });

  test('a system token naming the wrong citizen gets 404/4589 too', async () => {
    const token = tokenFor({ role: 'system' });
    expectProblem(await getOne(cpr, othersId, { token }), 404, 4589);
    expectProblem(await remove(cpr, othersId, { token }), 404, 4589);
  });

  test('the other citizen\'s job agent survived every attempt unchanged', async () => {
    expect(await rowOf(othersId)).toMatchObject({ cpr: otherCpr, titel: 'Andens', emailVerificeret: false });
  });
});

describe('4375 verify without e-mail', () => {
  test('a saved search without e-mail cannot be verified -> 422/4375', async () => {
    const { cpr } = await createCitizen();
    const created = (await create(cpr, savedSearch())).json();
    const body = expectProblem(await verify(cpr, created.jobagentId), 422, 4375, '/jobagentId');
    expect(body.fejl[0].fejltekst).toBe('Can not allow e-mail notification when no EmailAddressIdentifier is specified');
    expect(await rowOf(created.jobagentId)).toMatchObject({ email: null, emailVerificeret: false });
  });
});

describe('9901 at most 25 job agents', () => {
  test('the 26th create -> 409/9901 and the count stays 25; after a delete a create works again', async () => {
    const { cpr } = await createCitizen();
    await seedMany(cpr, 25);
    const body = expectProblem(await create(cpr, fullInput()), 409, 9901);
    expect(body.fejl[0].fejltekst).toBe('Too many job agents');
    expect(await countFor(cpr)).toBe(25);

    const one = await testPrisma().jobagent.findFirstOrThrow({ where: { cpr } });
    expect((await remove(cpr, one.id)).statusCode).toBe(204);
    expect((await create(cpr, savedSearch())).statusCode).toBe(201);
    expect(await countFor(cpr)).toBe(25);
  });

  test('the 25th create is allowed', async () => {
    const { cpr } = await createCitizen();
    await seedMany(cpr, 24);
    expect((await create(cpr, savedSearch())).statusCode).toBe(201);
    expect(await countFor(cpr)).toBe(25);
  });

  test('concurrency: with 24 existing, 5 simultaneous creates -> exactly one 201, four 409/9901, 25 rows (3 rounds)', async () => {
    // A race is not always lost on the first try; three independent rounds make a missing lock show.
    for (let round = 0; round < 3; round++) {
      const { cpr } = await createCitizen();
      await seedMany(cpr, 24);
      const token = tokenFor({ cpr });
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => create(cpr, savedSearch(`Samtidig ${i}`), { token })));
      expect({ round, statuses: results.map((r) => r.statusCode).sort(), count: await countFor(cpr) }).toEqual({
        round,
        statuses: [201, 409, 409, 409, 409],
        count: 25,
      });
      for (const r of results.filter((x) => x.statusCode === 409)) expectProblem(r, 409, 9901);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// idempotency (412)

describe('412 replayed x-requestId', () => {
  let cpr: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
  });

  test('a replayed POST is refused and does not create a second row', async () => {
    const token = tokenFor({ cpr });
    const requestId = randomUUID();
    const first = await create(cpr, savedSearch('Én gang'), { token, requestId });
    expect(first.statusCode).toBe(201);
    const replay = await create(cpr, savedSearch('Én gang'), { token, requestId });
    const body = expectProblem(replay, 412);
    expect(body.requestId).toBe(requestId);
    expect(await testPrisma().jobagent.count({ where: { cpr, titel: 'Én gang' } })).toBe(1);
  });

  test('a replayed DELETE is refused (412, not 404) and a replayed verify is not executed', async () => {
    const token = tokenFor({ cpr });
    const { id } = await seedJobagent(cpr);
    const requestId = randomUUID();
    expect((await remove(cpr, id, { token, requestId })).statusCode).toBe(204);
    expectProblem(await remove(cpr, id, { token, requestId }), 412);

    // A request id first used on a GET is refused on a write: the write does not happen.
    const other = await seedJobagent(cpr, { emailVerificeret: false });
    const rid = randomUUID();
    expect((await list(cpr, { token, requestId: rid })).statusCode).toBe(200);
    expectProblem(await verify(cpr, other.id, { token, requestId: rid }), 412);
    expect((await rowOf(other.id))!.emailVerificeret).toBe(false);
  });

  test('the id is used up even when the first request failed validation', async () => {
    const token = tokenFor({ cpr });
    const requestId = randomUUID();
    expectProblem(await create(cpr, savedSearch(''), { token, requestId }), 400, 1014, '/titel');
    expectProblem(await create(cpr, savedSearch('Gyldig nu'), { token, requestId }), 412);
    expect(await testPrisma().jobagent.count({ where: { cpr, titel: 'Gyldig nu' } })).toBe(0);
  });

  test('two simultaneous requests with the same id: exactly one runs', async () => {
    const token = tokenFor({ cpr });
    const requestId = randomUUID();
    const before = await countFor(cpr);
    const results = await Promise.all([1, 2, 3].map(() => create(cpr, savedSearch('Samtidig'), { token, requestId })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 412, 412]);
    expect(await countFor(cpr)).toBe(before + 1);
  });

  test('ids are scoped by the authenticated client: another client may use the same id', async () => {
    const requestId = randomUUID();
    expect((await list(cpr, { token: tokenFor({ cpr, sub: `a-${randomUUID()}` }), requestId })).statusCode).toBe(200);
    expect((await list(cpr, { token: tokenFor({ cpr, sub: `b-${randomUUID()}` }), requestId })).statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// strings PostgreSQL cannot store: valid JSON that passes the schema must not become a 500

describe('strings the database cannot store are refused as input errors, not 500', () => {
  let cpr: string;
  let id: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
    id = (await seedJobagent(cpr, { titel: 'Uændret', email: 'uaendret@example.dk' })).id;
  });

  afterEach(async () => {
    expect(await countFor(cpr)).toBe(1);
    expect(await rowOf(id)).toMatchObject({ titel: 'Uændret', email: 'uaendret@example.dk' });
  });

  test('NUL character in titel -> 400/1014 at /titel', async () => {
    expectProblem(await create(cpr, savedSearch('a\u0000b')), 400, 1014, '/titel');
    expectProblem(await update(cpr, id, savedSearch('a\u0000b')), 400, 1014, '/titel');
  });

  test('NUL character inside soegeparametre -> 400/1014 at the field', async () => {
    expectProblem(
      await create(cpr, { titel: 'NUL', soegeparametre: { arbejdsomraade: { stillingsbetegnelser: [{ conceptUriDa: 'x\u0000' }] } } }),
      400,
      1014,
      '/soegeparametre/arbejdsomraade/stillingsbetegnelser/0/conceptUriDa',
    );
  });

  test('NUL character in an e-mail -> 400/1014 at the field (refused while parsing, before the schema)', async () => {
    expectProblem(await create(cpr, fullInput('a\u0000b@example.dk')), 400, 1014, '/jobagent/email');
    expectProblem(await soegPaaEmail('a\u0000b@example.dk'), 400, 1014, '/email');
  });

  test('other control characters in an e-mail -> 400/9158', async () => {
    expectProblem(await create(cpr, fullInput('a\u0001b@example.dk')), 400, 9158, '/jobagent/email');
    expectProblem(await soegPaaEmail('ab@exa\u001fmple.dk'), 400, 9158, '/email');
  });

  test('a lone UTF-16 surrogate in titel -> 400/1014 (the driver would store U+FFFD)', async () => {
    const res = await call('POST', BASE, cpr, { raw: '{"titel":"a\\ud800b","soegeparametre":{}}' });
    if (res.statusCode === 201) await testPrisma().jobagent.delete({ where: { id: res.json().jobagentId } });
    expectProblem(res, 400, 1014, '/titel');
  });

  test('a lone UTF-16 surrogate inside soegeparametre -> 400/1014', async () => {
    const res = await call('POST', BASE, cpr, {
      raw: '{"titel":"ok","soegeparametre":{"arbejdsomraade":{"stillingsbetegnelser":[{"conceptUriDa":"x\\ud800"}]}}}',
    });
    expectProblem(res, 400, 1014, '/soegeparametre/arbejdsomraade/stillingsbetegnelser/0/conceptUriDa');
  });
});

// ---------------------------------------------------------------------------------------------
// the demo data seeded into every database must be usable through the API

describe('demo data', () => {
  test('the demo citizen "Erik" (documented as born 29 Feb 2000) has a CPR the API accepts', async () => {
    const { cpr } = DEMO_CITIZENS.erik;
    const res = await list(cpr);
    expect({ status: res.statusCode, fejl: res.statusCode === 200 ? undefined : res.json().fejl?.[0]?.fejlkode }).toEqual({
      status: 200,
      fejl: undefined,
    });
  });

  test('GetJobagenter for the demo citizen "Anna" returns her two demo job agents', async () => {
    const { cpr } = DEMO_CITIZENS.anna;
    const res = await list(cpr, { token: tokenFor({ cpr, scope: 'match.jobagent.read' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json().jobagenter.map((j: Json) => j.jobagentId).sort()).toEqual(
      [DEMO_JOBAGENT_IDS.annaAutomatisk, DEMO_JOBAGENT_IDS.annaGemtSoegning].sort(),
    );
  });
});
