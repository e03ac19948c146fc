/**
 * Who may do what with a CV: every role against every CV operation (allowed, or 403 with the
 * specification's code: 4575, 4511, 8291, 8292; 422/4385 for an a-kasse without a membership),
 * and the audit log of every read by someone other than the CV's owner.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import { BASE, call, createCvCitizen, expectProblem, token, type Method, type TestCitizen } from './helpers';

let app: FastifyInstance;
/** The citizen every matrix row acts on: municipality 751, a-kasse 1001, contact group 1, one status version. */
let subject: TestCitizen;
/** The same, without an a-kasse membership. */
let noAkasse: TestCitizen;

async function cvFor(setup: Parameters<typeof createCvCitizen>[0]) {
  const c = await createCvCitizen(setup);
  expect((await call(app, 'PUT', BASE, c.cpr, { body: demoCvInput('anna') })).statusCode).toBe(200);
  expect((await call(app, 'PUT', `${BASE}/Status`, c.cpr, { body: { cvStatus: 3 }, token: token('jobcenter') })).statusCode).toBe(200);
  return c;
}

beforeAll(async () => {
  app = await buildTestApp();
  subject = await cvFor({ kontaktgruppe: 1 });
  noAkasse = await cvFor({ kontaktgruppe: 1, akasse: null });
});

afterAll(async () => {
  await app?.close();
});

type Actor =
  | 'borger'
  | 'borger, another CPR'
  | 'jobcenter'
  | 'jobcenter, another municipality'
  | 'a-kasse'
  | 'a-kasse, another a-kasse'
  | 'a-kasse, citizen without a-kasse'
  | 'anden-aktoer'
  | 'system'
  | 'star';

const ACTORS: Actor[] = [
  'borger',
  'borger, another CPR',
  'jobcenter',
  'jobcenter, another municipality',
  'a-kasse',
  'a-kasse, another a-kasse',
  'a-kasse, citizen without a-kasse',
  'anden-aktoer',
  'system',
  'star',
];

/** The citizen an actor acts on and its token. */
function actor(a: Actor): { cpr: string; token: string } {
  switch (a) {
    case 'borger':
      return { cpr: subject.cpr, token: tokenFor({ cpr: subject.cpr }) };
    case 'borger, another CPR':
      return { cpr: subject.cpr, token: tokenFor({ cpr: DEMO_CITIZENS.anna.cpr }) };
    case 'jobcenter':
      return { cpr: subject.cpr, token: token('jobcenter') };
    case 'jobcenter, another municipality':
      return { cpr: subject.cpr, token: token('jobcenter', { org: '101' }) };
    case 'a-kasse':
      return { cpr: subject.cpr, token: token('a-kasse') };
    case 'a-kasse, another a-kasse':
      return { cpr: subject.cpr, token: token('a-kasse', { org: '1002' }) };
    case 'a-kasse, citizen without a-kasse':
      return { cpr: noAkasse.cpr, token: token('a-kasse') };
    default:
      return { cpr: subject.cpr, token: token(a) };
  }
}

interface Operation {
  name: string;
  method: Method;
  url: () => string;
  body?: () => unknown;
  /** The CPR header when the operation is not about the header's citizen. */
  cpr?: string;
}

const OPERATIONS: Operation[] = [
  { name: 'GetCV', method: 'GET', url: () => BASE },
  { name: 'ReplaceCV', method: 'PUT', url: () => BASE, body: () => demoCvInput('anna') },
  { name: 'GetCVStatus', method: 'GET', url: () => `${BASE}/Status` },
  { name: 'SetCVStatus', method: 'PUT', url: () => `${BASE}/Status`, body: () => ({ cvStatus: 3 }) },
  { name: 'UpdateCVAvailability', method: 'PUT', url: () => `${BASE}/Soegbarhed`, body: () => ({ soegbarhed: 'Active' }) },
  { name: 'GetAvailableVersions', method: 'GET', url: () => `${BASE}/Versioner` },
  { name: 'GetCVOnStatus', method: 'GET', url: () => `${BASE}/Versioner/paaStatus?cvStatus=3` },
  { name: 'GetCVByCVNumber', method: 'POST', url: () => `${BASE}/action/hentPaaCvNummer`, body: () => ({ cvNummer: subject.cvNummer, borgerSamtykke: true }) },
  { name: 'GetCVAdgangslog', method: 'GET', url: () => `${BASE}/Adgangslog` },
  { name: 'SearchCVText', method: 'POST', url: () => `${BASE}/action/soeg`, body: () => ({ soegetekst: 'pædagog' }) },
  // cvpdf's operations: the PDFs read like GetCV / GetCVOnStatus; the asylum transition is the job centre's.
  { name: 'GetCVAsPdf', method: 'GET', url: () => `${BASE}/Pdf` },
  { name: 'GetCVOnStatusAsPdf', method: 'GET', url: () => `${BASE}/Versioner/paaStatus/Pdf?cvStatus=3` },
  { name: 'CreateAsylumTransition', method: 'POST', url: () => `${BASE}/Asylovergang`, body: () => ASYL },
  { name: 'UpdateAsylumTransition', method: 'PUT', url: () => `${BASE}/Asylovergang`, body: () => ASYL },
];

/** A transition whose window is open for the citizen (in the past, no early date). */
const ASYL = { overgangsdato: '2020-01-01', cvRedigeringSlutdato: '2099-12-31', overgangskommune: '-1' };

/** 200 (any 2xx), 'allowed' (past the access checks: neither 401 nor 403), or [status, fejlkode]. */
type Outcome = 200 | 'allowed' | [number, number];
const READ: Record<Actor, Outcome> = {
  borger: 200,
  'borger, another CPR': [403, 4575],
  jobcenter: 200,
  'jobcenter, another municipality': [403, 8292],
  'a-kasse': 200,
  'a-kasse, another a-kasse': [403, 8291],
  'a-kasse, citizen without a-kasse': [422, 4385],
  'anden-aktoer': [403, 4511],
  system: 200,
  star: [403, 4575],
};
const only = (allowed: Actor[], otherwise: Outcome = [403, 4575]) =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? 200 : otherwise])) as Record<Actor, Outcome>;

const MATRIX: Record<string, Record<Actor, Outcome>> = {
  GetCV: READ,
  ReplaceCV: only(['borger']),
  GetCVStatus: READ,
  SetCVStatus: {
    ...only(['jobcenter', 'a-kasse']),
    'jobcenter, another municipality': [403, 8292],
    'a-kasse, another a-kasse': [403, 8291],
    'a-kasse, citizen without a-kasse': [422, 4385],
  },
  UpdateCVAvailability: only(['borger']),
  GetAvailableVersions: READ,
  GetCVOnStatus: READ,
  // Consent replaces the serving relation: any job centre, a-kasse or other actor, and system.
  GetCVByCVNumber: only(['jobcenter', 'jobcenter, another municipality', 'a-kasse', 'a-kasse, another a-kasse', 'a-kasse, citizen without a-kasse', 'anden-aktoer', 'system']),
  GetCVAdgangslog: only(['system', 'star']),
  // Those who look for candidates, nationwide (docs/cv-search.md): job centres, other actors, system.
  SearchCVText: only(['jobcenter', 'jobcenter, another municipality', 'anden-aktoer', 'system']),
  GetCVAsPdf: READ,
  GetCVOnStatusAsPdf: READ,
  // The serving job centre only (another: 403/6005); 'allowed' because a repeated create is 409/9302.
  CreateAsylumTransition: { ...only(['jobcenter']), jobcenter: 'allowed', 'jobcenter, another municipality': [403, 6005] },
  UpdateAsylumTransition: { ...only(['jobcenter']), jobcenter: 'allowed', 'jobcenter, another municipality': [403, 6005] },
};

describe('the role matrix', () => {
  const cases = OPERATIONS.flatMap((op) => ACTORS.map((a) => [op.name, a, op] as const));
  it.each(cases)('%s as %s', async (_name, a, op) => {
    const { cpr, token: tok } = actor(a);
    const res = await call(app, op.method, op.url(), op.cpr ?? cpr, { token: tok, ...(op.body ? { body: op.body() } : {}) });
    const expected = MATRIX[op.name][a];
    if (expected === 200) expect({ ok: res.statusCode < 300, body: res.statusCode < 300 ? 'ok' : res.body }).toEqual({ ok: true, body: 'ok' });
    else if (expected === 'allowed') expect([401, 403]).not.toContain(res.statusCode);
    else expectProblem(res, expected[0], expected[1]);
  });

  it('covers every CV operation in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string; tags?: string[] }>>)
      .flatMap((p) => Object.values(p))
      .filter((o) => o.tags?.includes('CV'))
      .map((o) => o.operationId);
    for (const id of ids) expect(Object.keys(MATRIX)).toContain(id);
  });

  it('403/1013 for a role that may, but a token without the scope', async () => {
    expectProblem(await call(app, 'GET', BASE, subject.cpr, { token: token('jobcenter', { scope: 'match.jobagent.read' }) }), 403, 1013);
  });

  it('a job centre token without an organisation serves no one (8292)', async () => {
    expectProblem(await call(app, 'GET', BASE, subject.cpr, { token: tokenFor({ role: 'jobcenter' }) }), 403, 8292);
  });
});

describe('the audit log of CV reads', () => {
  const log = (cpr: string) => testPrisma().cvAdgangslog.findMany({ where: { cpr }, orderBy: { id: 'asc' } });
  const adgangslog = (cpr: string, query = '', tok = token('star')): Promise<LightMyRequestResponse> =>
    call(app, 'GET', `${BASE}/Adgangslog${query}`, cpr, { token: tok });

  it('writes every read by someone other than the owner, allowed or refused, and none of the owner\'s own', async () => {
    const c = await cvFor({ kontaktgruppe: 1 });
    await testPrisma().cvAdgangslog.deleteMany({ where: { cpr: c.cpr } });
    const jc = token('jobcenter');
    expect((await call(app, 'GET', BASE, c.cpr)).statusCode).toBe(200); // the owner: not logged
    expect((await call(app, 'GET', BASE, c.cpr, { token: jc })).statusCode).toBe(200);
    expect((await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('jobcenter', { org: '101' }) })).statusCode).toBe(403);
    expect((await call(app, 'GET', `${BASE}/Versioner`, c.cpr, { token: token('star') })).statusCode).toBe(403); // refused by the role check
    expect((await call(app, 'GET', BASE, c.cpr, { token: tokenFor({ cpr: DEMO_CITIZENS.anna.cpr }) })).statusCode).toBe(403); // another citizen
    expect((await call(app, 'GET', `${BASE}/Versioner/paaStatus?cvStatus=3`, c.cpr, { token: token('system') })).statusCode).toBe(200);
    expect((await call(app, 'GET', `${BASE}/Versioner/paaStatus`, c.cpr, { token: token('system') })).statusCode).toBe(400);
    const rows = await log(c.cpr);
    expect(rows.map((r) => [r.operation, r.rolle, r.organisation, r.cvNummer, r.tilladt, r.fejlkode, r.httpStatus])).toEqual([
      ['GetCV', 'jobcenter', '751', c.cvNummer, true, null, 200],
      ['GetCVStatus', 'jobcenter', '101', null, false, 8292, 403],
      ['GetAvailableVersions', 'star', null, null, false, 4575, 403],
      ['GetCV', 'borger', null, null, false, 4575, 403],
      ['GetCVOnStatus', 'system', null, c.cvNummer, true, null, 200],
      ['GetCVOnStatus', 'system', null, null, false, 9113, 400],
    ]);
    expect(rows[0].subjekt).toMatch(/^jobcenter-/);
  });

  it('a lookup by CV number is logged with the owner\'s CPR and the number; an unknown number with the number only', async () => {
    const c = await cvFor({ kontaktgruppe: 1 });
    const res = await call(app, 'POST', `${BASE}/action/hentPaaCvNummer`, '0000000000', {
      token: token('anden-aktoer'),
      body: { cvNummer: c.cvNummer, borgerSamtykke: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await log(c.cpr)).map((r) => [r.operation, r.rolle, r.organisation, r.cvNummer, r.tilladt])).toContainEqual([
      'GetCVByCVNumber',
      'anden-aktoer',
      'AA-42',
      c.cvNummer,
      true,
    ]);
    await call(app, 'POST', `${BASE}/action/hentPaaCvNummer`, '0000000000', { token: token('system'), body: { cvNummer: '98989898', borgerSamtykke: true } });
    const unknown = await testPrisma().cvAdgangslog.findMany({ where: { cvNummer: '98989898' } });
    expect(unknown.map((r) => [r.cpr, r.tilladt, r.fejlkode])).toEqual([[null, false, 4400]]);
  });

  it('a read whose audit entry cannot be written is not answered (no unlogged reads)', async () => {
    const c = await cvFor({ kontaktgruppe: 1 });
    // Only this test's subject: a trigger that refuses its audit rows.
    await testPrisma().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION cv_test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subjekt LIKE 'audit-fails-%' THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$`);
    await testPrisma().$executeRawUnsafe(`CREATE OR REPLACE TRIGGER cv_test_refuse_audit BEFORE INSERT ON cv_adgangslog FOR EACH ROW EXECUTE FUNCTION cv_test_refuse_audit()`);
    try {
      const tok = tokenFor({ role: 'jobcenter', org: '751', sub: `audit-fails-${c.cpr}` });
      const res = await call(app, 'GET', BASE, c.cpr, { token: tok });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.body).not.toContain('cvProfil');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await testPrisma().$executeRawUnsafe('DROP TRIGGER IF EXISTS cv_test_refuse_audit ON cv_adgangslog');
    }
  });

  it('GetCVAdgangslog: STAR and system read it, for one citizen or for all (0000000000), newest first, limited', async () => {
    const c = await cvFor({ kontaktgruppe: 1 });
    await call(app, 'GET', BASE, c.cpr, { token: token('jobcenter') });
    await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('a-kasse') });
    const res = await adgangslog(c.cpr);
    expect(res.statusCode).toBe(200);
    const opslag = res.json().opslag;
    expect(opslag.map((o: { operation: string }) => o.operation)).toEqual(['GetCVStatus', 'GetCV']);
    expect(opslag[1]).toEqual({
      tidspunkt: expect.any(String),
      subjekt: expect.stringMatching(/^jobcenter-/),
      rolle: 'jobcenter',
      organisation: '751',
      cpr: c.cpr,
      cvNummer: c.cvNummer,
      operation: 'GetCV',
      tilladt: true,
    });
    expect((await adgangslog('0000000000', '?antal=1', token('system'))).json().opslag).toHaveLength(1);
    expect((await adgangslog(c.cpr, `?fra=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json().opslag).toEqual([]);
    expectProblem(await adgangslog(c.cpr, '?antal=501'), 400, 1014);
    // Reading the audit log is not itself a CV read.
    expect((await adgangslog(c.cpr)).json().opslag).toHaveLength(2);
  });
});
