/**
 * Jobagent (REST v1 Jobagent) over HTTP: app.inject against the real PostgreSQL and Redis.
 *
 * Every test works on its own fresh citizens (createCitizen), so files and tests never share
 * job agents (the limit is 25 per citizen). Rows are seeded directly with testPrisma() where
 * the HTTP route under test is not the point (e.g. "already has 25").
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, randomCpr, testPrisma } from '../helpers/db';
import { callV1, expectProblem, type CallOptions, type Method } from '../helpers/api';
import { countSqlStatements } from '../helpers/sql-statements';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { DEMO_JOBAGENT_IDS } from '../../src/modules/jobagent/demo-data';
import { JobagentService } from '../../src/modules/jobagent/service';

type Json = Record<string, unknown>;

const GUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
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

const call = (method: Method, url: string, cpr: string, opts: CallOptions = {}) => callV1(app, method, url, cpr, opts);

const list = (cpr: string, opts?: CallOptions) => call('GET', BASE, cpr, opts);
const getOne = (cpr: string, id: string, opts?: CallOptions) => call('GET', `${BASE}/${id}`, cpr, opts);
const create = (cpr: string, body: unknown, opts?: CallOptions) => call('POST', BASE, cpr, { ...opts, body });
const update = (cpr: string, id: string, body: unknown, opts?: CallOptions) => call('PUT', `${BASE}/${id}`, cpr, { ...opts, body });
/** A well-formed verification token that was never issued. */
const randomEmailToken = () => randomBytes(32).toString('base64url');
const verify = (cpr: string, id: string, opts: CallOptions = {}) =>
  call('PUT', `${BASE}/${id}/action/verificerEmail`, cpr, { body: { token: randomEmailToken() }, ...opts });
const verifyWith = (cpr: string, id: string, token: string, opts: CallOptions = {}) => verify(cpr, id, { ...opts, body: { token } });
const remove = (cpr: string, id: string, opts?: CallOptions) => call('DELETE', `${BASE}/${id}`, cpr, opts);
const soegPaaEmail = (email: unknown, opts: CallOptions & { cpr?: string } = {}) =>
  call('POST', `${BASE}/action/soegPaaEmail`, opts.cpr ?? '0000000000', {
    token: tokenFor({ role: 'system' }),
    ...opts,
    body: { email },
  });

const countFor = (cpr: string) => testPrisma().jobagent.count({ where: { cpr } });
const rowOf = (id: string) => testPrisma().jobagent.findUnique({ where: { id } });

/** The job agent counter must match the rows; direct writes keep it as the API does. */
const bumpCounter = (cpr: string, n: number) =>
  testPrisma().borger.update({ where: { cpr }, data: { antalJobagenter: { increment: n } } });
const counterOf = async (cpr: string) => (await testPrisma().borger.findUniqueOrThrow({ where: { cpr } })).antalJobagenter;

/**
 * A job agent row written directly (bypassing the API). With `token`, a pending verification
 * token is stored (as the API stores it: sha256 hash and expiry) and returned.
 */
async function seedJobagent(
  cpr: string,
  data: { email?: string | null; emailVerificeret?: boolean; titel?: string; token?: { udloeber: Date } } = {},
) {
  const token = data.token ? randomEmailToken() : undefined;
  const [row] = await testPrisma().$transaction([
    testPrisma().jobagent.create({
      data: {
        id: randomUUID(),
        cpr,
        titel: data.titel ?? 'Seeded',
        email: data.email === undefined ? `seed-${randomUUID()}@example.dk` : data.email,
        emailVerificeret: data.emailVerificeret ?? false,
        udsendelsesinterval: data.email === null ? null : 'Ugentligt',
        smsNotifikation: false,
        soegeparametre: { geografi: { region: ['Syddanmark'] } },
        ...(token ? { emailTokenHash: createHash('sha256').update(token).digest('hex'), emailTokenUdloeber: data.token!.udloeber } : {}),
      },
    }),
    bumpCounter(cpr, 1),
  ]);
  return Object.assign(row, { token: token as string });
}

async function seedMany(cpr: string, n: number) {
  await testPrisma().$transaction([
    testPrisma().jobagent.createMany({
      data: Array.from({ length: n }, (_, i) => ({ id: randomUUID(), cpr, titel: `Seeded ${i}`, soegeparametre: {} })),
    }),
    bumpCounter(cpr, n),
  ]);
}

/** The outbox's newest mail to an address (what the mailer would send). */
async function lastMailTo(email: string) {
  return testPrisma().mailUdbakke.findFirst({ where: { modtager: email.toLowerCase() }, orderBy: [{ oprettet: 'desc' }, { id: 'desc' }] });
}
const mailsTo = (email: string) => testPrisma().mailUdbakke.count({ where: { modtager: email.toLowerCase() } });

/** The verification token in the newest mail to an address. */
async function mailedToken(email: string): Promise<string> {
  const mail = await lastMailTo(email);
  const token = mail?.tekst.match(/^[A-Za-z0-9_-]{43}$/m)?.[0];
  if (!token) throw new Error(`no verification mail with a token to ${email}`);
  return token;
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
    expect(await counterOf(cpr)).toBe(1);
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

  test('VerificereEmail: the token from the mail marks the e-mail verified (response and database)', async () => {
    const token = await mailedToken((automatic.jobagent as Json).email as string);
    const res = await verifyWith(cpr, automatic.jobagentId as string, token);
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
    const { id, token } = await seedJobagent(cpr, { emailVerificeret: false, token: { udloeber: new Date(Date.now() + 3_600_000) } });
    const res = await verifyWith(cpr, id.toUpperCase(), token);
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
    { op: 'VerificereEmail', method: 'PUT', url: () => `${BASE}/${id}/action/verificerEmail`, body: () => ({ token: randomEmailToken() }) },
    { op: 'DeleteJobagent', method: 'DELETE', url: () => `${BASE}/${id}` },
    { op: 'GetAfventendeMails', method: 'GET', url: () => `${BASE}/action/afventendeMails` },
  ];

  test('the table covers every Jobagent operation of the OpenAPI document (8)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/Jobagent'))
      .flatMap(([, ops]) => Object.values(ops).map((op) => op.operationId))
      .sort();
    expect(documented).toEqual(ROUTES.map((r) => r.op).sort());
    expect(documented).toHaveLength(8);
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
  let token: string;
  let savedId: string;

  beforeAll(async () => {
    ({ cpr } = await createCitizen({ doedsdato: new Date('2024-05-01T00:00:00.000Z') }));
    const seeded = await seedJobagent(cpr, { titel: 'Før døden', emailVerificeret: false, token: { udloeber: new Date(Date.now() + 3_600_000) } });
    id = seeded.id;
    token = seeded.token;
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

  test('verify (with the right token) -> 422/4405 and the e-mail stays unverified', async () => {
    expectProblem(await verifyWith(cpr, id, token), 422, 4405);
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

  test('delete is allowed (removing data is never refused) and keeps the counter right', async () => {
    expect((await remove(cpr, savedId)).statusCode).toBe(204);
    expect(await rowOf(savedId)).toBeNull();
    expect(await counterOf(cpr)).toBe(1);
  });
});

describe('4589 unknown identifier', () => {
  let cpr: string;
  let otherCpr: string;
  let othersId: string;
  let othersToken: string;

  beforeAll(async () => {
    ({ cpr } = await createCitizen());
    otherCpr = (await createCitizen()).cpr;
    const others = await seedJobagent(otherCpr, { titel: 'Andens', emailVerificeret: false, token: { udloeber: new Date(Date.now() + 3_600_000) } });
    othersId = others.id;
    othersToken = others.token;
    await seedJobagent(cpr); // the citizen has job agents, just not these
  });


  const OPS = [
    ['GetJobagent', (c: string, i: string) => getOne(c, i)],
    ['UpdateJobagent', (c: string, i: string) => update(c, i, savedSearch('Overtaget'))],
    // With the other job agent's real token: knowing it does not open another citizen's job agent.
    ['VerificereEmail', (c: string, i: string) => verifyWith(c, i, othersToken)],
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
    expect(await counterOf(cpr)).toBe(25);
  });

  test('the 25th create is allowed', async () => {
    const { cpr } = await createCitizen();
    await seedMany(cpr, 24);
    expect((await create(cpr, savedSearch())).statusCode).toBe(201);
    expect(await countFor(cpr)).toBe(25);
    expect(await counterOf(cpr)).toBe(25);
  });

  test('concurrency: with 20 existing, 40 simultaneous creates -> exactly 5 succeed, 35 get 409/9901; counter = rows', async () => {
    const { cpr } = await createCitizen();
    await seedMany(cpr, 20);
    const token = tokenFor({ cpr });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => create(cpr, savedSearch(`Samtidig ${i}`), { token })));
    const statuses = results.map((r) => r.statusCode);
    expect({ created: statuses.filter((x) => x === 201).length, refused: statuses.filter((x) => x === 409).length }).toEqual({
      created: 5,
      refused: 35,
    });
    for (const r of results.filter((x) => x.statusCode === 409)) expectProblem(r, 409, 9901);
    expect({ rows: await countFor(cpr), counter: await counterOf(cpr) }).toEqual({ rows: 25, counter: 25 });
  });

  test('concurrency: simultaneous creates and deletes keep the counter equal to the rows and never pass 25', async () => {
    const { cpr } = await createCitizen();
    await seedMany(cpr, 23);
    const token = tokenFor({ cpr });
    const ids = (await testPrisma().jobagent.findMany({ where: { cpr }, select: { id: true } })).map((r) => r.id);
    const deletes = ids.slice(0, 10).flatMap((id) => [remove(cpr, id, { token }), remove(cpr, id, { token })]); // each twice
    const creates = Array.from({ length: 20 }, (_, i) => create(cpr, savedSearch(`Blandet ${i}`), { token }));
    const results = await Promise.all([...deletes, ...creates]);
    const deleted = results.slice(0, 20).filter((r) => r.statusCode === 204).length;
    const created = results.slice(20).filter((r) => r.statusCode === 201).length;
    expect(deleted).toBe(10); // the second delete of each id is 404/4589
    expect(results.every((r) => [201, 204, 404, 409].includes(r.statusCode))).toBe(true);
    const rows = await countFor(cpr);
    expect({ rows, counter: await counterOf(cpr), byStatus: 23 - deleted + created }).toEqual({ rows, counter: rows, byStatus: rows });
    expect(rows).toBeLessThanOrEqual(25);
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
// e-mail verification: proof of receipt

describe('VerificereEmail needs the token from the verification mail', () => {
  let cpr: string;
  beforeAll(async () => {
    ({ cpr } = await createCitizen());
  });

  const HOUR = 3_600_000;

  test('create with an e-mail writes one mail to the outbox; only the hash of its token is stored, expiring in 48 h', async () => {
    const email = uniqueEmail('outbox');
    const before = Date.now();
    const created = (await create(cpr, fullInput(email))).json();
    expect(await mailsTo(email)).toBe(1);
    const mail = await lastMailTo(email);
    expect(mail).toMatchObject({ modtager: email, sendt: null, emne: expect.stringMatching(/Bekræft/) });
    const token = await mailedToken(email);
    expect(mail!.tekst).toContain(created.jobagentId);
    const row = await rowOf(created.jobagentId);
    expect(row!.emailTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    const ttl = row!.emailTokenUdloeber!.getTime() - before;
    expect(ttl).toBeGreaterThan(47 * HOUR);
    expect(ttl).toBeLessThanOrEqual(48 * HOUR + 60_000);
  });

  test('a saved search (no e-mail) writes no mail', async () => {
    const res = await create(cpr, savedSearch('Ingen mail'));
    expect(res.statusCode).toBe(201);
    expect((await rowOf(res.json().jobagentId))!.emailTokenHash).toBeNull();
    // Other test files write mails in parallel, so check this job agent's id is in none.
    expect(await testPrisma().mailUdbakke.count({ where: { tekst: { contains: res.json().jobagentId } } })).toBe(0);
  });

  test('a wrong token -> 400/1014 at /token, and the e-mail stays unverified', async () => {
    const email = uniqueEmail('wrong');
    const { jobagentId } = (await create(cpr, fullInput(email))).json();
    const body = expectProblem(await verify(cpr, jobagentId), 400, 1014, '/token');
    expect(body.detail).toMatch(/not the one last sent/);
    expect((await rowOf(jobagentId))!.emailVerificeret).toBe(false);
    // The right token still works afterwards: a wrong guess does not burn it.
    expect((await verifyWith(cpr, jobagentId, await mailedToken(email))).statusCode).toBe(200);
  });

  test.each([
    ['no body', undefined],
    ['an empty object', {}],
    ['a too short token', { token: 'abc' }],
    ['a token with other characters', { token: `${'a'.repeat(42)}=` }],
    ['an extra property', { token: randomBytes(32).toString('base64url'), extra: 1 }],
  ])('%s -> 400/1014', async (_name, body) => {
    const { id } = await seedJobagent(cpr, { token: { udloeber: new Date(Date.now() + HOUR) } });
    const res = await call('PUT', `${BASE}/${id}/action/verificerEmail`, cpr, body === undefined ? {} : { body });
    expect(res.statusCode).toBe(400);
    expect(res.json().fejl[0].fejlkode).toBe(1014);
    expect((await rowOf(id))!.emailVerificeret).toBe(false);
  });

  test('an expired token -> 400/1014 at /token saying so; the e-mail stays unverified', async () => {
    const { id, token } = await seedJobagent(cpr, { token: { udloeber: new Date(Date.now() - 1000) } });
    const body = expectProblem(await verifyWith(cpr, id, token), 400, 1014, '/token');
    expect(body.detail).toMatch(/expired/);
    expect((await rowOf(id))!.emailVerificeret).toBe(false);
  });

  test('a used token cannot be used again (400/1014), also not after the e-mail was verified', async () => {
    const email = uniqueEmail('reuse');
    const { jobagentId } = (await create(cpr, fullInput(email))).json();
    const token = await mailedToken(email);
    expect((await verifyWith(cpr, jobagentId, token)).statusCode).toBe(200);
    expect(await rowOf(jobagentId)).toMatchObject({ emailVerificeret: true, emailTokenHash: null, emailTokenUdloeber: null });
    expectProblem(await verifyWith(cpr, jobagentId, token), 400, 1014, '/token');
  });

  test("another job agent's token does not verify this one", async () => {
    const a = await seedJobagent(cpr, { token: { udloeber: new Date(Date.now() + HOUR) } });
    const b = await seedJobagent(cpr, { token: { udloeber: new Date(Date.now() + HOUR) } });
    expectProblem(await verifyWith(cpr, a.id, b.token), 400, 1014, '/token');
    expect((await rowOf(a.id))!.emailVerificeret).toBe(false);
  });

  test('changing the e-mail sends a new token; the old one no longer works, the new one does', async () => {
    const first = uniqueEmail('first');
    const { jobagentId } = (await create(cpr, fullInput(first))).json();
    const oldToken = await mailedToken(first);
    expect((await verifyWith(cpr, jobagentId, oldToken)).statusCode).toBe(200);

    const second = uniqueEmail('second');
    const res = await update(cpr, jobagentId, fullInput(second));
    expect(res.json().jobagent.emailVerificeret).toBe(false);
    expect(await mailsTo(second)).toBe(1);
    const newToken = await mailedToken(second);
    expect(newToken).not.toBe(oldToken);
    expectProblem(await verifyWith(cpr, jobagentId, oldToken), 400, 1014, '/token');
    const ok = await verifyWith(cpr, jobagentId, newToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().jobagent).toMatchObject({ email: second, emailVerificeret: true });
  });

  test('an update that keeps the e-mail sends no mail while its token is valid or it is verified', async () => {
    const email = uniqueEmail('keep');
    const { jobagentId } = (await create(cpr, fullInput(email))).json();
    const token = await mailedToken(email);
    expect((await update(cpr, jobagentId, { ...fullInput(email.toUpperCase()), titel: 'Ny titel' })).statusCode).toBe(200);
    expect(await mailsTo(email)).toBe(1);
    expect((await verifyWith(cpr, jobagentId, token)).statusCode).toBe(200); // the pending token survived the update
    expect((await update(cpr, jobagentId, { ...fullInput(email), titel: 'Igen' })).json().jobagent.emailVerificeret).toBe(true);
    expect(await mailsTo(email)).toBe(1);
  });

  test('an update that keeps an unverified e-mail whose token has expired sends a new token', async () => {
    const email = uniqueEmail('renew');
    const { id, token: expired } = await seedJobagent(cpr, { email, token: { udloeber: new Date(Date.now() - 1000) } });
    expect(await mailsTo(email)).toBe(0);
    expect((await update(cpr, id, fullInput(email))).statusCode).toBe(200);
    expect(await mailsTo(email)).toBe(1);
    const fresh = await mailedToken(email);
    expectProblem(await verifyWith(cpr, id, expired), 400, 1014, '/token');
    expect((await verifyWith(cpr, id, fresh)).statusCode).toBe(200);
  });

  test('removing the e-mail drops the pending token', async () => {
    const { id, token } = await seedJobagent(cpr, { token: { udloeber: new Date(Date.now() + HOUR) } });
    expect((await update(cpr, id, savedSearch('Uden e-mail'))).statusCode).toBe(200);
    expect(await rowOf(id)).toMatchObject({ email: null, emailTokenHash: null, emailTokenUdloeber: null });
    expectProblem(await verifyWith(cpr, id, token), 422, 4375, '/jobagentId');
  });

  test('a create refused by a rule writes no mail', async () => {
    const dead = await createCitizen({ doedsdato: '2024-01-01' });
    const email = uniqueEmail('refused');
    expectProblem(await create(dead.cpr, fullInput(email)), 422, 4405);
    const full = await createCitizen();
    await seedMany(full.cpr, 25);
    expectProblem(await create(full.cpr, fullInput(email)), 409, 9901);
    expect(await mailsTo(email)).toBe(0);
  });
});

describe('GetAfventendeMails (outside production only)', () => {
  const URL = `${BASE}/action/afventendeMails`;
  const pending = (token: string) => call('GET', URL, '0000000000', { token });

  test('the system role reads the pending mails, newest first, with the token to verify', async () => {
    const { cpr } = await createCitizen();
    const email = uniqueEmail('pending');
    const { jobagentId } = (await create(cpr, fullInput(email))).json();
    const res = await pending(tokenFor({ role: 'system' }));
    expect(res.statusCode).toBe(200);
    const mail = res.json().mails.find((m: Json) => m.modtager === email);
    expect(mail).toEqual({ id: expect.stringMatching(GUID_LOWER), modtager: email, emne: expect.any(String), tekst: expect.any(String), oprettet: expect.any(String) });
    const token = (mail.tekst as string).match(/^[A-Za-z0-9_-]{43}$/m)![0];
    expect((await verifyWith(cpr, jobagentId, token)).statusCode).toBe(200);
  });

  test('a sent mail is not pending', async () => {
    const { cpr } = await createCitizen();
    const email = uniqueEmail('sent');
    await create(cpr, fullInput(email));
    await testPrisma().mailUdbakke.updateMany({ where: { modtager: email }, data: { sendt: new Date() } });
    const res = await pending(tokenFor({ role: 'system' }));
    expect(res.json().mails.some((m: Json) => m.modtager === email)).toBe(false);
  });

  test.each(['borger', 'star'] as const)('role %s -> 403/4575', async (role) => {
    const { cpr } = await createCitizen();
    const token = tokenFor({ role, cpr });
    const res = await call('GET', URL, cpr, { token });
    expectProblem(res, 403, 4575);
  });

  test('does not exist in production (404), where an external mailer sends the outbox', async () => {
    const prod = await buildTestApp({
      env: { NODE_ENV: 'production', AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'jobnet' },
    });
    try {
      expect(prod.hasRoute({ method: 'GET', url: URL })).toBe(false);
      expect(prod.hasRoute({ method: 'PUT', url: `${BASE}/:jobagentId/action/verificerEmail` })).toBe(true);
      const res = await prod.inject({ method: 'GET', url: URL, headers: v1Headers('0000000000', tokenFor({ role: 'system' })) });
      expect(res.statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// round trips

describe('SQL statements per request (the write pattern, docs/write-pattern.md)', () => {
  const { start, stop, statementsOf } = countSqlStatements();

  test('success paths: one statement each; failure paths: one more to name the rule', async () => {
    const { cpr } = await createCitizen();
    const dead = await createCitizen({ doedsdato: '2024-01-01' });
    await list(cpr); // warm the pool
    const email = uniqueEmail('count');
    const counts: Record<string, number> = {};
    let id = '';
    counts.create = await statementsOf(async () => {
      const res = await create(cpr, fullInput(email));
      id = res.json().jobagentId;
      return res;
    }, 201);
    counts.list = await statementsOf(() => list(cpr), 200);
    counts.get = await statementsOf(() => getOne(cpr, id), 200);
    counts.update = await statementsOf(() => update(cpr, id, fullInput(email)), 200);
    const token = await mailedToken(email);
    counts.verify = await statementsOf(() => verifyWith(cpr, id, token), 200);
    counts.delete = await statementsOf(() => remove(cpr, id), 204);
    counts.createDeceased = await statementsOf(() => create(dead.cpr, savedSearch()), 422);
    counts.updateUnknownId = await statementsOf(() => update(cpr, randomUUID(), savedSearch()), 404);
    const unverified = await seedJobagent(cpr);
    counts.verifyWrongToken = await statementsOf(() => verify(cpr, unverified.id), 400);
    counts.deleteUnknownId = await statementsOf(() => remove(cpr, randomUUID()), 404);
    expect(counts).toEqual({
      create: 1,
      list: 1,
      get: 1,
      update: 1,
      verify: 1,
      delete: 1,
      createDeceased: 2,
      updateUnknownId: 2,
      verifyWrongToken: 2,
      deleteUnknownId: 2,
    });
  });

  test('lists asked for in the same tick share one statement, and each citizen gets only their own job agents', async () => {
    const citizens = await Promise.all(Array.from({ length: 12 }, () => createCitizen()));
    const unknown = randomCpr();
    const own = new Map<string, string>();
    for (const [i, c] of citizens.entries()) if (i % 3 !== 0) own.set(c.cpr, (await seedJobagent(c.cpr)).id);
    // The service itself, so that every read is asked for in one tick (over HTTP the hooks spread them).
    const service = new JobagentService(app.prisma, app.clock, app.pg);
    await service.list(citizens[0].cpr); // warm the pool
    start();
    const results = await Promise.allSettled([...citizens.map((c) => service.list(c.cpr)), service.list(unknown)]);
    const n = stop().length;
    expect(n).toBe(1);
    for (const [i, c] of citizens.entries()) {
      const result = results[i];
      if (result.status !== 'fulfilled') throw result.reason;
      expect(result.value.map((j) => j.jobagentId)).toEqual(own.has(c.cpr) ? [own.get(c.cpr)] : []);
    }
    const missing = results[citizens.length];
    expect(missing.status === 'rejected' && missing.reason).toMatchObject({ fejl: [expect.objectContaining({ fejlkode: 1010 })] });
  });

  test('concurrent GetJobagenter requests each get only their own job agents', async () => {
    const citizens = await Promise.all(Array.from({ length: 8 }, () => createCitizen()));
    const own = new Map<string, string>();
    for (const c of citizens) own.set(c.cpr, (await seedJobagent(c.cpr)).id);
    const responses = await Promise.all(citizens.map((c) => list(c.cpr)));
    for (const [i, c] of citizens.entries()) {
      expect(responses[i].statusCode).toBe(200);
      expect(responses[i].json().jobagenter.map((j: { jobagentId: string }) => j.jobagentId)).toEqual([own.get(c.cpr)]);
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
    const other = await seedJobagent(cpr, { emailVerificeret: false, token: { udloeber: new Date(Date.now() + 3_600_000) } });
    const rid = randomUUID();
    expect((await list(cpr, { token, requestId: rid })).statusCode).toBe(200);
    expectProblem(await verifyWith(cpr, other.id, other.token, { token, requestId: rid }), 412);
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
