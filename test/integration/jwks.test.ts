/**
 * The production token path (design §5): AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE.
 * A local HTTP server on 127.0.0.1 plays the identity provider's JWKS endpoint and counts how
 * often it is fetched; tokens are signed with fast-jwt by RS256 and ES256 keys made here.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigner } from 'fast-jwt';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen } from '../helpers/db';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'jobnet';
const JWKS_PATH = '/.well-known/jwks.json';
const BORGER_SCOPES = 'match.jobagent.read match.jobagent.write match.jobagent.writeread';

interface TestKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKeyPem: string;
  publicJwk: Record<string, unknown>;
}

function makeKey(alg: TestKey['alg'], kid: string): TestKey {
  const { privateKey, publicKey }: { privateKey: KeyObject; publicKey: KeyObject } =
    alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    alg,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
  };
}

const rsaKey = makeKey('RS256', `rsa-${randomUUID()}`);
const ecKey = makeKey('ES256', `ec-${randomUUID()}`);
/** Never published in the JWKS. */
const strayKey = makeKey('RS256', `stray-${randomUUID()}`);

// ---------------------------------------------------------------------------------------------
// The JWKS endpoint: counts fetches; can be stopped and restarted on the same port, or hang.

let hits = 0;
let hang = false;
let port = 0;
let server: http.Server | undefined;
const hanging: http.ServerResponse[] = [];

function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url !== JWKS_PATH) {
    res.writeHead(404).end();
    return;
  }
  hits++;
  if (hang) {
    hanging.push(res); // never answered
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ keys: [rsaKey.publicJwk, ecKey.publicJwk] }));
}

async function startJwks(): Promise<void> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  port = (s.address() as AddressInfo).port;
  server = s;
}

async function stopJwks(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s) return;
  for (const res of hanging.splice(0)) res.destroy();
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

const jwksUrl = () => `http://127.0.0.1:${port}${JWKS_PATH}`;

// ---------------------------------------------------------------------------------------------
// Tokens and requests

interface SignOptions {
  kid?: string;
  iss?: string;
  aud?: string;
  expiresIn?: number;
  clockTimestamp?: number;
  claims?: Record<string, unknown>;
}

function sign(key: TestKey, cpr: string, opts: SignOptions = {}): string {
  const signer = createSigner({
    key: key.privateKeyPem,
    algorithm: key.alg,
    kid: opts.kid ?? key.kid,
    iss: opts.iss ?? ISSUER,
    aud: opts.aud ?? AUDIENCE,
    expiresIn: opts.expiresIn ?? 600_000,
    ...(opts.clockTimestamp ? { clockTimestamp: opts.clockTimestamp } : {}),
  });
  return signer({ sub: `borger-${randomUUID()}`, role: 'borger', scope: BORGER_SCOPES, cpr, ...opts.claims });
}

const apps: FastifyInstance[] = [];

async function jwksApp(): Promise<FastifyInstance> {
  const app = await buildTestApp({ env: { AUTH_JWKS_URL: jwksUrl(), AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE } });
  apps.push(app);
  return app;
}

function list(app: FastifyInstance, token: string, cprHeader = cpr): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cprHeader, token) });
}

function expect401(res: LightMyRequestResponse) {
  expect({ status: res.statusCode, contentType: res.headers['content-type'] }).toEqual({
    status: 401,
    contentType: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.json()).toMatchObject({ status: 401, fejl: [] });
}

let cpr: string;
let app: FastifyInstance;

beforeAll(async () => {
  await startJwks();
  ({ cpr } = await createCitizen());
  app = await jwksApp();
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await stopJwks();
});

// ---------------------------------------------------------------------------------------------

describe('JWKS mode: valid tokens', () => {
  it('an RS256 token from the JWKS: 200', async () => {
    const res = await list(app, sign(rsaKey, cpr));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ jobagenter: [] });
  });

  it('an ES256 token from the JWKS: 200', async () => {
    expect((await list(app, sign(ecKey, cpr))).statusCode).toBe(200);
  });

  it('a citizen token from the JWKS still only acts on its own CPR (403/4575)', async () => {
    const other = await createCitizen();
    const res = await list(app, sign(rsaKey, cpr), other.cpr);
    expect(res.statusCode).toBe(403);
    expect(res.json().fejl[0].fejlkode).toBe(4575);
  });
});

describe('JWKS mode: 401 for tokens that do not verify', () => {
  it('wrong issuer', async () => {
    expect401(await list(app, sign(rsaKey, cpr, { iss: 'https://evil.example' })));
    expect401(await list(app, sign(rsaKey, cpr, { iss: `${ISSUER}/` })));
  });

  it('wrong audience', async () => {
    expect401(await list(app, sign(rsaKey, cpr, { aud: 'another-api' })));
    expect401(await list(app, sign(rsaKey, cpr, { aud: `${AUDIENCE}-admin` })));
  });

  /** A token signed by a JWKS key that lacks some of the standard claims. */
  function signWithout(...missing: ('iss' | 'aud' | 'exp')[]) {
    const signer = createSigner({
      key: rsaKey.privateKeyPem,
      algorithm: 'RS256',
      kid: rsaKey.kid,
      ...(missing.includes('iss') ? {} : { iss: ISSUER }),
      ...(missing.includes('aud') ? {} : { aud: AUDIENCE }),
      ...(missing.includes('exp') ? {} : { expiresIn: 600_000 }),
    });
    return signer({ sub: `borger-${randomUUID()}`, role: 'borger', scope: BORGER_SCOPES, cpr });
  }

  it('control: the same token with iss, aud and exp is accepted', async () => {
    expect((await list(app, signWithout())).statusCode).toBe(200);
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('no audience claim: 401', async () => {
    expect401(await list(app, signWithout('aud')));
  });

  it('no issuer claim: 401', async () => {
    expect401(await list(app, signWithout('iss')));
  });

  it('no expiry claim: 401', async () => {
    expect401(await list(app, signWithout('exp')));
  });

  it('unknown kid (signed by a key that is not in the JWKS)', async () => {
    expect401(await list(app, sign(strayKey, cpr)));
  });

  it('a known kid on a token signed by another key', async () => {
    expect401(await list(app, sign(strayKey, cpr, { kid: rsaKey.kid })));
  });

  it('the RSA kid on an ES256 token (key and algorithm do not match)', async () => {
    expect401(await list(app, sign(ecKey, cpr, { kid: rsaKey.kid })));
  });

  it('expired', async () => {
    expect401(await list(app, sign(rsaKey, cpr, { expiresIn: 60_000, clockTimestamp: Date.now() - 3600_000 })));
  });

  it('a token signed with the local key file (tokenFor) is not accepted in JWKS mode', async () => {
    // The control: the same kind of token is accepted by an app in local-key mode.
    expect401(await list(app, tokenFor({ cpr })));
    expect401(await list(app, tokenFor({ role: 'system' })));
  });
});

describe('JWKS mode: keys are cached, not fetched per request', () => {
  it('20 requests (20 different tokens) with the same kid fetch the JWKS at most once', async () => {
    const fresh = await jwksApp(); // its own, empty key cache
    hits = 0;
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push((await list(fresh, sign(rsaKey, cpr))).statusCode);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => list(fresh, sign(rsaKey, cpr)).then((r) => r.statusCode)));
    expect([...sequential, ...concurrent]).toEqual(Array(20).fill(200));
    expect(hits).toBe(1);
  });

  it('the JWKS server is down after the keys are cached: a cached kid still gets 200', async () => {
    const fresh = await jwksApp();
    expect((await list(fresh, sign(rsaKey, cpr))).statusCode).toBe(200);
    await stopJwks();
    try {
      hits = 0;
      for (let i = 0; i < 5; i++) expect((await list(fresh, sign(rsaKey, cpr))).statusCode).toBe(200);
      // One fetch brought the whole key set: the EC kid works too, without a fetch.
      expect((await list(fresh, sign(ecKey, cpr))).statusCode).toBe(200);
      expect(hits).toBe(0);
    } finally {
      await startJwks();
    }
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('tokens with 20 different unknown kids do not make 20 JWKS fetches', async () => {
    hits = 0;
    for (let i = 0; i < 20; i++) expect401(await list(app, sign(strayKey, cpr, { kid: `unknown-${randomUUID()}` })));
    expect(hits).toBeLessThanOrEqual(2);
  });
});

describe('JWKS mode: the identity provider is unreachable', () => {
  // Regression test for a defect found by review (fixed in src; see the test name).
  it('a valid token whose key is not cached while the JWKS endpoint is down: 503, not 401', async () => {
    const fresh = await jwksApp();
    await stopJwks();
    try {
      const res = await list(fresh, sign(rsaKey, cpr));
      expect(res.statusCode).toBe(503);
    } finally {
      await startJwks();
    }
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it(
    'a JWKS endpoint that never answers does not hold the request open: answered within 6 s',
    async () => {
      const fresh = await jwksApp();
      hang = true;
      try {
        const started = Date.now();
        const res = await Promise.race([
          list(fresh, sign(rsaKey, cpr)),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 6_000).unref()),
        ]);
        expect(res).not.toBe('timeout');
        expect(Date.now() - started).toBeLessThan(6_000);
      } finally {
        hang = false;
        await stopJwks(); // drops the hanging connection, so the request above ends
        await startJwks();
      }
    },
    15_000,
  );
});
