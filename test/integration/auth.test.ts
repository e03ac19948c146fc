/**
 * Who may call /v1 (design §5): 401 without a valid bearer token, 403 when the role, scope or
 * CPR does not fit; authentication comes before any other check.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { FastifyInstance } from 'fastify';
import { LOCAL_ISSUER, LOCAL_KID, loadOrCreateLocalKey } from '../../src/auth/local-key';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { buildTestApp, TEST_KEY_FILE, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';

const anna: string = DEMO_CITIZENS.anna.cpr;
const bo: string = DEMO_CITIZENS.bo.cpr;
const ALL_BORGER_SCOPES = 'match.jobagent.read match.jobagent.write match.jobagent.writeread';

function sign(claims: Record<string, unknown>, opts: { key?: string; algorithm?: string; expiresIn?: number; clockTimestamp?: number; iss?: string } = {}) {
  const signer = createSigner({
    key: opts.key ?? loadOrCreateLocalKey(TEST_KEY_FILE).privateKeyPem,
    algorithm: (opts.algorithm ?? 'ES256') as 'ES256',
    kid: LOCAL_KID,
    iss: opts.iss ?? LOCAL_ISSUER,
    expiresIn: opts.expiresIn ?? 3600_000,
    ...(opts.clockTimestamp ? { clockTimestamp: opts.clockTimestamp } : {}),
  });
  return signer({ ...claims });
}

const borgerClaims = (cpr = anna) => ({ sub: `borger-${randomUUID()}`, role: 'borger', scope: ALL_BORGER_SCOPES, cpr });

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

function get(headers: Record<string, string>, url = '/v1/Jobagent') {
  return app.inject({ method: 'GET', url, headers });
}

function withToken(token: string, cpr = anna) {
  return v1Headers(cpr, token);
}

function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem).toMatchObject({ status, instance: expect.any(String), requestId: expect.any(String) });
  return problem;
}

describe('control: valid tokens are accepted', () => {
  it('a citizen token for its own CPR', async () => {
    expect((await get(v1Headers(anna))).statusCode).toBe(200);
  });

  it('a system token for any CPR', async () => {
    expect((await get(v1Headers(bo, tokenFor({ role: 'system' })))).statusCode).toBe(200);
  });

  it('the scheme name is case-insensitive', async () => {
    const headers = v1Headers(anna);
    headers.authorization = headers.authorization.replace('Bearer', 'bearer');
    expect((await get(headers)).statusCode).toBe(200);
  });
});

describe('401: no valid bearer token', () => {
  it('no Authorization header', async () => {
    const headers = v1Headers(anna);
    delete headers.authorization;
    const problem = expectProblem(await get(headers), 401);
    expect(problem.fejl).toEqual([]);
    expect(problem.requestId).toBe(headers['x-requestId']);
  });

  it.each([
    ['Basic', `Basic ${Buffer.from('anna:hemmelig').toString('base64')}`],
    ['Bearer without token', 'Bearer'],
    ['Bearer with a space only', 'Bearer '],
    ['two tokens', `Bearer ${tokenFor({ cpr: anna })} ${tokenFor({ cpr: anna })}`],
    ['garbage', 'Bearer not-a-jwt'],
    ['a token without the scheme', tokenFor({ cpr: anna })],
    ['a truncated token', `Bearer ${tokenFor({ cpr: anna }).slice(0, -10)}`],
  ])('malformed header: %s', async (_label, authorization) => {
    expectProblem(await get({ ...v1Headers(anna), authorization }), 401);
  });

  it('a token signed by another EC key (same issuer and kid)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = sign(borgerClaims(), { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expectProblem(await get(withToken(token)), 401);
  });

  it('a token whose payload was changed after signing', async () => {
    const [h, , s] = tokenFor({ cpr: anna }).split('.');
    const payload = Buffer.from(JSON.stringify({ ...borgerClaims(bo), iss: LOCAL_ISSUER, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    expectProblem(await get(withToken(`${h}.${payload}.${s}`, bo)), 401);
  });

  it('an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...borgerClaims(), iss: LOCAL_ISSUER, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    expectProblem(await get(withToken(`${header}.${payload}.`)), 401);
  });

  it('an HS256 token using the public key as secret (algorithm confusion)', async () => {
    const token = sign(borgerClaims(), { key: loadOrCreateLocalKey(TEST_KEY_FILE).publicKeyPem, algorithm: 'HS256' });
    expectProblem(await get(withToken(token)), 401);
  });

  it('an expired token', async () => {
    const token = sign(borgerClaims(), { expiresIn: 60_000, clockTimestamp: Date.now() - 3600_000 });
    expectProblem(await get(withToken(token)), 401);
  });

  it('a token from another issuer', async () => {
    expectProblem(await get(withToken(sign(borgerClaims(), { iss: 'https://evil.example' }))), 401);
  });

  it('a token without role', async () => {
    const { role: _role, ...claims } = borgerClaims();
    expectProblem(await get(withToken(sign(claims))), 401);
  });

  it('a token with an unknown role', async () => {
    expectProblem(await get(withToken(sign({ ...borgerClaims(), role: 'admin' }))), 401);
  });

  it('a token without subject', async () => {
    const { sub: _sub, ...claims } = borgerClaims();
    expectProblem(await get(withToken(sign(claims))), 401);
  });

  it('a citizen (borger) token without the cpr claim', async () => {
    const { cpr: _cpr, ...claims } = borgerClaims();
    expectProblem(await get(withToken(sign(claims))), 401);
  });

  it('401 responses say nothing about the token internals', async () => {
    const token = sign(borgerClaims(), { expiresIn: 60_000, clockTimestamp: Date.now() - 3600_000 });
    const problem = expectProblem(await get(withToken(token)), 401);
    expect(JSON.stringify(problem)).not.toMatch(/stack|FAST_JWT|at .*\.js/i);
  });
});

describe('401 comes before every other check', () => {
  it('no token + malformed CPR + missing x-requestId + invalid body: still 401', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: { 'x-civilRegistrationIdentifier': 'abc', 'content-type': 'application/json' },
      payload: '{"titel": ',
    });
    expectProblem(res, 401);
  });

  it('bad token + 47-character x-requestId + body of the wrong type: still 401', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: { authorization: 'Bearer x.y.z', 'x-civilRegistrationIdentifier': anna, 'x-requestId': 'r'.repeat(47) },
      payload: { titel: 42 },
    });
    expectProblem(res, 401);
  });

  it('a 401 does not use up the x-requestId', async () => {
    const headers = v1Headers(anna);
    expectProblem(await get({ ...headers, authorization: 'Bearer nope' }), 401);
    expect((await get(headers)).statusCode).toBe(200);
  });
});

describe('403: authenticated but not allowed', () => {
  it('missing scope: 403 with fejlkode 1013', async () => {
    const token = tokenFor({ cpr: anna, scope: 'match.jobagent.read' });
    const res = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers: withToken(token), payload: { titel: 'x', soegeparametre: {} } });
    const problem = expectProblem(res, 403);
    expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 1013 })]);
  });

  it('no scopes at all: 403 with fejlkode 1013', async () => {
    const problem = expectProblem(await get(withToken(tokenFor({ cpr: anna, scope: '' }))), 403);
    expect(problem.fejl[0].fejlkode).toBe(1013);
  });

  it('a scope of another area does not count', async () => {
    const problem = expectProblem(await get(withToken(tokenFor({ cpr: anna, scope: 'visiteringogstatus.write' }))), 403);
    expect(problem.fejl[0].fejlkode).toBe(1013);
  });

  it('role not allowed (jobcenter, even with the scope): 403 with fejlkode 4575', async () => {
    const token = tokenFor({ role: 'jobcenter', scope: 'match.jobagent.writeread' });
    const problem = expectProblem(await get(withToken(token)), 403);
    expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 4575 })]);
  });

  it('role not allowed to write (star may only read): 403/4575, nothing written', async () => {
    const { cpr } = await createCitizen();
    const token = tokenFor({ role: 'star' });
    expect((await get(withToken(token, cpr))).statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/v1/Jobagent', headers: withToken(token, cpr), payload: { titel: 'x', soegeparametre: {} } });
    expect(expectProblem(res, 403).fejl[0].fejlkode).toBe(4575);
    expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(0);
  });

  it('a citizen only for the system search by e-mail: 403/4575', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent/action/soegPaaEmail',
      headers: v1Headers(anna),
      payload: { email: 'anna.andersen@example.dk' },
    });
    expect(expectProblem(res, 403).fejl[0].fejlkode).toBe(4575);
  });

  it('a citizen token for another CPR: 403 with fejlkode 4575', async () => {
    const token = tokenFor({ cpr: anna });
    const problem = expectProblem(await get(withToken(token, bo)), 403);
    expect(problem.fejl).toEqual([expect.objectContaining({ fejlkode: 4575 })]);
  });

  it('a citizen token for another CPR cannot write, nothing written', async () => {
    const { cpr } = await createCitizen();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: withToken(tokenFor({ cpr: anna }), cpr),
      payload: { titel: 'x', soegeparametre: {} },
    });
    expect(expectProblem(res, 403).fejl[0].fejlkode).toBe(4575);
    expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(0);
  });

  it('a citizen token for the unknown CPR 0000000000 is another CPR', async () => {
    const problem = expectProblem(await get(withToken(tokenFor({ cpr: anna }), '0000000000')), 403);
    expect(problem.fejl[0].fejlkode).toBe(4575);
  });

  it('403 (role) comes before body validation', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: withToken(tokenFor({ role: 'star' })),
      payload: { titel: 42 },
    });
    expect(expectProblem(res, 403).fejl[0].fejlkode).toBe(4575);
  });
});
