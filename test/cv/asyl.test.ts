/**
 * CVService CreateAsylumTransition / UpdateAsylumTransition over HTTP (app.inject, real PostgreSQL
 * and Redis), and the ReplaceCV window (checkCvEditWindow) against stored transitions.
 * The clock is fixed: today is 2026-06-15 in Copenhagen. Every test uses its own fresh citizen.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Client as PgClient } from 'pg';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, randomCpr, testPrisma } from '../helpers/db';
import { callV1, expectProblem } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { ROLES, type Role } from '../../src/domain/access';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { MADS_ASYLOVERGANG } from '../../src/modules/cv/asyl/demo-data';
import { asylumEditWindowCheck, checkCvEditWindow, readAsylovergang } from '../../src/modules/cv/asyl/service';
import { CvService } from '../../src/modules/cv/service';
import { CvInput } from '../../src/modules/cv/schemas';

const URL = '/v1/CV/Asylovergang';
const TODAY = '2026-06-15';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-06-15T10:00:00+02:00') });
});

afterAll(async () => {
  await app?.close();
});

/** The job centre of Aarhus (751), which serves the citizens made by `served()`. */
const jobcenter = (org = '751') => tokenFor({ role: 'jobcenter', org });

/** A citizen served by the Aarhus job centre (registry data in cv_stamdata). */
async function served(overrides: Parameters<typeof createCitizen>[0] = {}) {
  const borger = await createCitizen(overrides);
  await testPrisma().$executeRaw`INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn) VALUES (${borger.cpr}, '751', 'Aarhus')`;
  return borger;
}

const call = (method: 'POST' | 'PUT', cpr: string, body: unknown, token = jobcenter()) => callV1(app, method, URL, cpr, { token, body });

const gyldig = {
  overgangsdato: '2026-06-01',
  cvRedigeringSlutdato: '2026-12-31',
  tidligCvOvergangsdato: '2026-05-01',
  tidligIntegrationskontraktOvergangsdato: '2026-05-15',
  overgangskommune: '751',
};

async function withTransition(overrides: Partial<typeof gyldig> = {}) {
  const borger = await served();
  const res = await call('POST', borger.cpr, { ...gyldig, ...overrides });
  expect(res.statusCode).toBe(201);
  return borger.cpr;
}

describe('CreateAsylumTransition', () => {
  it('creates the transition: 201, Location, receipt, stored dates', async () => {
    const borger = await served();
    const res = await call('POST', borger.cpr, gyldig);
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(URL);
    const body = res.json();
    expect(body.serviceKvittering.beskedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.serviceKvittering.haendelsestidspunkt).toBe('2026-06-15T08:00:00.000Z');
    expect(await readAsylovergang(testPrisma(), borger.cpr)).toEqual({ ...gyldig, rettelseskommentar: null });
  });

  it('early dates are optional', async () => {
    const cpr = await withTransition({ tidligCvOvergangsdato: undefined, tidligIntegrationskontraktOvergangsdato: undefined });
    expect((await readAsylovergang(testPrisma(), cpr))?.tidligCvOvergangsdato).toBeNull();
  });

  it('9196: CVEditEndDate before AsylumTransitionDate (the same day is allowed)', async () => {
    const borger = await served();
    expectProblem(await call('POST', borger.cpr, { ...gyldig, cvRedigeringSlutdato: '2026-05-31' }), 422, 9196, '/cvRedigeringSlutdato');
    expect(await readAsylovergang(testPrisma(), borger.cpr)).toBeNull();
    expect((await call('POST', borger.cpr, { ...gyldig, cvRedigeringSlutdato: gyldig.overgangsdato })).statusCode).toBe(201);
  });

  it('9243: an early date after AsylumTransitionDate (either of them; the same day is allowed)', async () => {
    const borger = await served();
    expectProblem(await call('POST', borger.cpr, { ...gyldig, tidligCvOvergangsdato: '2026-06-02' }), 422, 9243, '/tidligCvOvergangsdato');
    expectProblem(
      await call('POST', borger.cpr, { ...gyldig, tidligIntegrationskontraktOvergangsdato: '2026-06-02' }),
      422,
      9243,
      '/tidligIntegrationskontraktOvergangsdato',
    );
    const ok = await call('POST', borger.cpr, { ...gyldig, tidligCvOvergangsdato: gyldig.overgangsdato, tidligIntegrationskontraktOvergangsdato: gyldig.overgangsdato });
    expect(ok.statusCode).toBe(201);
  });

  it('9302: a second transition for the same citizen', async () => {
    const cpr = await withTransition();
    expectProblem(await call('POST', cpr, { ...gyldig, overgangsdato: '2026-07-01' }), 409, 9302);
    expect((await readAsylovergang(testPrisma(), cpr))?.overgangsdato).toBe(gyldig.overgangsdato);
  });

  it('9302 holds under concurrency: of two simultaneous creates exactly one wins', async () => {
    const borger = await served();
    const results = await Promise.all([call('POST', borger.cpr, gyldig), call('POST', borger.cpr, gyldig)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('1010: unknown citizen; 4405: deceased citizen', async () => {
    expectProblem(await call('POST', randomCpr(), gyldig), 404, 1010);
    const doed = await served({ doedsdato: '2025-01-01' });
    expectProblem(await call('POST', doed.cpr, gyldig), 422, 4405);
  });

  it('1014: malformed input (impossible date, municipality pattern, unknown property, missing date)', async () => {
    const borger = await served();
    expectProblem(await call('POST', borger.cpr, { ...gyldig, overgangsdato: '2026-02-30' }), 400, 1014, '/overgangsdato');
    expectProblem(await call('POST', borger.cpr, { ...gyldig, overgangskommune: '-2' }), 400, 1014, '/overgangskommune');
    expectProblem(await call('POST', borger.cpr, { ...gyldig, rettelseskommentar: 'x' }), 400, 1014);
    const { cvRedigeringSlutdato: _, ...uden } = gyldig;
    expectProblem(await call('POST', borger.cpr, uden), 400, 1014);
    expect((await call('POST', borger.cpr, { ...gyldig, overgangskommune: '-1' })).statusCode).toBe(201);
  });

  it('6005: the citizen is not served by the calling job centre (another municipality, none, or no org in the token)', async () => {
    const borger = await served();
    expectProblem(await call('POST', borger.cpr, { ...gyldig, overgangskommune: '101' }, jobcenter('101')), 403, 6005);
    expectProblem(await call('POST', borger.cpr, { ...gyldig, overgangskommune: '-1' }, tokenFor({ role: 'jobcenter' })), 403, 6005);
    const ukendt = await createCitizen();
    expectProblem(await call('POST', ukendt.cpr, gyldig), 403, 6005);
    expectProblem(await call('PUT', ukendt.cpr, gyldig), 403, 6005);
    expect((await call('POST', borger.cpr, { ...gyldig, overgangskommune: '0751' })).statusCode).toBe(201);
  });

  it('9244: TransitionMunicipality is not the calling job centre\'s ("-1" names none and is accepted)', async () => {
    const borger = await served();
    expectProblem(await call('POST', borger.cpr, { ...gyldig, overgangskommune: '101' }), 403, 9244, '/overgangskommune');
    expectProblem(await call('PUT', borger.cpr, { ...gyldig, overgangskommune: '101' }), 403, 9244);
    expect((await call('POST', borger.cpr, { ...gyldig, overgangskommune: '-1' })).statusCode).toBe(201);
  });

  it('4753, 4754, 4823: the citizen\'s CV is archived, disabled or locked', async () => {
    for (const [tilstand, kode] of [['Arkiveret', 4753], ['Deaktiveret', 4754], ['Laast', 4823]] as const) {
      const borger = await served();
      const versionId = randomUUID();
      await testPrisma().$executeRaw`INSERT INTO jobnet_konto (cpr, "cvNummer") VALUES (${borger.cpr}, ${`6${borger.cpr.slice(3)}`})`;
      await testPrisma().$executeRaw`INSERT INTO cv (cpr, tilstand, "versionId", oprettet, opdateret) VALUES (${borger.cpr}, ${tilstand}, ${versionId}::uuid, now(), now())`;
      expectProblem(await call('POST', borger.cpr, gyldig), 409, kode);
      expect(await readAsylovergang(testPrisma(), borger.cpr)).toBeNull();
    }
  });

  it('roles: only the job centre (403/4575 for the others; 403/1013 without the scope)', async () => {
    const borger = await served();
    for (const role of ROLES.filter((r): r is Exclude<Role, 'jobcenter'> => r !== 'jobcenter')) {
      const token = tokenFor({ role, cpr: borger.cpr });
      expectProblem(await call('POST', borger.cpr, gyldig, token), 403, 4575);
      expectProblem(await call('PUT', borger.cpr, gyldig, token), 403, 4575);
    }
    expectProblem(await call('POST', borger.cpr, gyldig, tokenFor({ role: 'jobcenter', scope: 'match.jobagent.read' })), 403, 1013);
    expect(await readAsylovergang(testPrisma(), borger.cpr)).toBeNull();
  });
});

describe('UpdateAsylumTransition', () => {
  it('updates the dates; the same AsylumTransitionDate needs no comment', async () => {
    const cpr = await withTransition();
    const nye = { ...gyldig, cvRedigeringSlutdato: '2027-03-31', tidligCvOvergangsdato: undefined, overgangskommune: '-1' };
    const res = await call('PUT', cpr, nye);
    expect(res.statusCode).toBe(200);
    expect(res.json().serviceKvittering.beskedId).toBeDefined();
    expect(await readAsylovergang(testPrisma(), cpr)).toEqual({
      ...gyldig,
      cvRedigeringSlutdato: '2027-03-31',
      tidligCvOvergangsdato: null,
      overgangskommune: '-1',
      rettelseskommentar: null,
    });
  });

  it('9202: a changed AsylumTransitionDate needs a correction comment (blank does not count)', async () => {
    const cpr = await withTransition();
    const flyttet = { ...gyldig, overgangsdato: '2026-07-01' };
    expectProblem(await call('PUT', cpr, flyttet), 400, 9202, '/rettelseskommentar');
    expectProblem(await call('PUT', cpr, { ...flyttet, rettelseskommentar: '   ' }), 400, 9202);
    expect((await readAsylovergang(testPrisma(), cpr))?.overgangsdato).toBe('2026-06-01');
    const ok = await call('PUT', cpr, { ...flyttet, rettelseskommentar: 'Udskudt efter aftale' });
    expect(ok.statusCode).toBe(200);
    const stored = await readAsylovergang(testPrisma(), cpr);
    expect(stored?.overgangsdato).toBe('2026-07-01');
    expect(stored?.rettelseskommentar).toBe('Udskudt efter aftale');
  });

  it('9201: no transition registered', async () => {
    const borger = await served();
    expectProblem(await call('PUT', borger.cpr, gyldig), 404, 9201);
  });

  it('9200: the stored CVEditEndDate has passed (today still counts)', async () => {
    const januar = { overgangsdato: '2026-01-01', tidligCvOvergangsdato: undefined, tidligIntegrationskontraktOvergangsdato: undefined };
    const passeret = await withTransition({ ...januar, cvRedigeringSlutdato: '2026-06-14' });
    expectProblem(await call('PUT', passeret, { ...gyldig, ...januar, cvRedigeringSlutdato: '2026-12-31' }), 422, 9200);
    const idag = await withTransition({ ...januar, cvRedigeringSlutdato: TODAY });
    expect((await call('PUT', idag, { ...gyldig, ...januar })).statusCode).toBe(200);
  });

  it('9196 and 9243 apply to updates too; 1010 and 4405 as on create', async () => {
    const cpr = await withTransition();
    expectProblem(await call('PUT', cpr, { ...gyldig, cvRedigeringSlutdato: '2026-05-01' }), 422, 9196);
    expectProblem(await call('PUT', cpr, { ...gyldig, tidligCvOvergangsdato: '2026-06-30' }), 422, 9243);
    expectProblem(await call('PUT', randomCpr(), gyldig), 404, 1010);
    const doed = await served({ doedsdato: '2025-01-01' });
    expectProblem(await call('PUT', doed.cpr, gyldig), 422, 4405);
  });
});

describe('checkCvEditWindow (the ReplaceCV window)', () => {
  const db = () => testPrisma();

  it('9266: a job centre may replace a CV only when the citizen has a transition; a citizen without one may always', async () => {
    const borger = await served();
    await expect(checkCvEditWindow(db(), borger.cpr, TODAY, 'jobcenter')).rejects.toMatchObject({ kode: 9266, status: 422 });
    await expect(checkCvEditWindow(db(), borger.cpr, TODAY, 'borger')).resolves.toBeNull();
  });

  it('9248: before EarlyCVTransitionDate; from that day on it is open', async () => {
    const cpr = await withTransition();
    for (const rolle of ['borger', 'jobcenter'] as const) {
      await expect(checkCvEditWindow(db(), cpr, '2026-04-30', rolle)).rejects.toMatchObject({ kode: 9248 });
      await expect(checkCvEditWindow(db(), cpr, '2026-05-01', rolle)).resolves.toMatchObject({ overgangsdato: '2026-06-01' });
    }
  });

  it('9231: without an early date, before AsylumTransitionDate', async () => {
    const cpr = await withTransition({ tidligCvOvergangsdato: undefined });
    await expect(checkCvEditWindow(db(), cpr, '2026-05-31', 'borger')).rejects.toMatchObject({ kode: 9231 });
    await expect(checkCvEditWindow(db(), cpr, '2026-05-31', 'jobcenter')).rejects.toMatchObject({ kode: 9231 });
    await expect(checkCvEditWindow(db(), cpr, '2026-06-01', 'jobcenter')).resolves.not.toBeNull();
  });

  it('9230: the job centre after CVEditEndDate (the day itself is allowed); the citizen may go on', async () => {
    const cpr = await withTransition();
    await expect(checkCvEditWindow(db(), cpr, '2026-12-31', 'jobcenter')).resolves.not.toBeNull();
    await expect(checkCvEditWindow(db(), cpr, '2027-01-01', 'jobcenter')).rejects.toMatchObject({ kode: 9230 });
    await expect(checkCvEditWindow(db(), cpr, '2027-01-01', 'borger')).resolves.not.toBeNull();
  });
  it('works on a pg client too (ReplaceCV checks inside its own transaction)', async () => {
    const cpr = await withTransition();
    const client = new PgClient({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await expect(checkCvEditWindow(client, cpr, '2026-04-30')).rejects.toMatchObject({ kode: 9248 });
      await expect(checkCvEditWindow(client, cpr, TODAY)).resolves.toMatchObject({ cvRedigeringSlutdato: '2026-12-31' });
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});

describe('ReplaceCV with the window check (CvService given asylumEditWindowCheck)', () => {
  it('refuses before the window opens (9248 with an early date, 9231 without), replaces inside it', async () => {
    const service = new CvService(app.clock, app.pg, asylumEditWindowCheck);
    const cvInput = (CvInput.examples as (typeof CvInput.static)[])[0];
    const medKonto = async (dates: Partial<typeof gyldig>) => {
      const cpr = await withTransition(dates);
      await testPrisma().$executeRaw`INSERT INTO jobnet_konto (cpr, "cvNummer") VALUES (${cpr}, ${`8${cpr.slice(3)}`})`;
      return cpr;
    };
    const early = await medKonto({ overgangsdato: '2026-07-01', tidligCvOvergangsdato: '2026-06-20', tidligIntegrationskontraktOvergangsdato: undefined });
    await expect(service.replace(early, cvInput)).rejects.toMatchObject({ kode: 9248 });
    const late = await medKonto({ overgangsdato: '2026-07-01', tidligCvOvergangsdato: undefined, tidligIntegrationskontraktOvergangsdato: undefined });
    await expect(service.replace(late, cvInput)).rejects.toMatchObject({ kode: 9231 });
    expect(await testPrisma().$queryRaw`SELECT cpr FROM cv WHERE cpr IN (${early}, ${late})`).toEqual([]);
    const open = await medKonto({});
    await expect(service.replace(open, cvInput)).resolves.toMatchObject({ serviceKvittering: expect.any(Object) });
  });
});

describe('ReplaceCV over HTTP refuses outside the window', () => {
  it('422/9248 before EarlyCVTransitionDate, 422/9231 before AsylumTransitionDate; 200 inside', async () => {
    const cvInput = (CvInput.examples as (typeof CvInput.static)[])[0];
    const medKonto = async (dates: Partial<typeof gyldig>) => {
      const cpr = await withTransition(dates);
      await testPrisma().$executeRaw`INSERT INTO jobnet_konto (cpr, "cvNummer") VALUES (${cpr}, ${`5${cpr.slice(3)}`})`;
      return cpr;
    };
    const replace = (cpr: string) => app.inject({ method: 'PUT', url: '/v1/CV', headers: v1Headers(cpr), payload: cvInput });
    expectProblem(await replace(await medKonto({ overgangsdato: '2026-07-01', tidligCvOvergangsdato: '2026-06-20', tidligIntegrationskontraktOvergangsdato: undefined })), 422, 9248);
    expectProblem(await replace(await medKonto({ overgangsdato: '2026-07-01', tidligCvOvergangsdato: undefined, tidligIntegrationskontraktOvergangsdato: undefined })), 422, 9231);
    expect((await replace(await medKonto({}))).statusCode).toBe(200);
  });
});

describe('demo data', () => {
  it('Mads has an asylum transition', async () => {
    expect(await readAsylovergang(testPrisma(), DEMO_CITIZENS.mads.cpr)).toEqual({ ...MADS_ASYLOVERGANG, rettelseskommentar: null });
  });
});
