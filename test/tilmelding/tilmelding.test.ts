/**
 * Tilmelding over HTTP: app.inject against the real PostgreSQL and Redis, with a fixed clock
 * (today = 2026-11-29 in Copenhagen). Every test works on fresh citizens (helpers.ts), with the
 * facts it needs written directly; code values are picked from the code lists by property.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { callV1, expectProblem, fejlkoder, PROBLEM_JSON, type Method } from '../helpers/api';
import { countSqlStatements } from '../helpers/sql-statements';
import { fixedClock } from '../../src/domain/clock';
import type { Role } from '../../src/domain/access';
import { citizen, koder, randomCvNummer } from './helpers';
import { TilmeldingService } from '../../src/modules/tilmelding/service';

type Json = Record<string, unknown>;
const DAG = '2026-11-29';
const NOW = '2026-11-29T10:00:00.000Z';
const BASE = '/v1/Tilmelding';

let app: FastifyInstance;
let K: Awaited<ReturnType<typeof koder>>;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock(NOW) });
  K = await koder();
});
afterAll(async () => {
  await app?.close();
});

interface CallOptions {
  token?: string;
  role?: Role;
  requestId?: string;
}
function call(method: Method, path: string, cpr: string, body?: unknown, o: CallOptions = {}): Promise<LightMyRequestResponse> {
  const token = o.token ?? tokenFor(o.role && o.role !== 'borger' ? { role: o.role } : { cpr });
  return callV1(app, method, `${BASE}${path}`, cpr, { token, body, ...(o.requestId ? { requestId: o.requestId } : {}) });
}
const tilmeld = (cpr: string, body: unknown, o?: CallOptions) => call('POST', '', cpr, body, o);
const kanTilmelde = (cpr: string, body: unknown, o?: CallOptions) => call('POST', '/action/kanTilmelde', cpr, body, o);
const afmeld = (cpr: string, body: unknown, o?: CallOptions) => call('POST', '/action/afmeld', cpr, body, o);
const status = (cpr: string, o?: CallOptions) => call('GET', '/Status', cpr, undefined, o);
const historik = (cpr: string, o?: CallOptions) => call('GET', '/Historik', cpr, undefined, o);
const fjernFlag = (cpr: string, o: CallOptions = { role: 'jobcenter' }) => call('DELETE', '/JobnetFlag', cpr, undefined, o);
const fjernFremtidig = (cpr: string, body: unknown, o?: CallOptions) => call('POST', '/FremtidigAfmelding/action/fjern', cpr, body, o);

/** A body for a citizen who may enroll 'uden ydelse' today. */
const body = (over: Json = {}): Json => ({ klientKategori: K.udenYdelse, tilmeldingsdato: DAG, ledighedsgrad: K.fuldtLedig, ...over });

const perioder = (cpr: string) => testPrisma().tilmelding.findMany({ where: { cpr }, orderBy: { oprettet: 'asc' } });

// ---------------------------------------------------------------------------------------------

describe('Tilmelding', () => {
  test('a citizen enrolls from Jobnet: 201, Location, receipt, JobnetFlag, status and history', async () => {
    const { cpr } = await citizen(DAG);
    const res = await tilmeld(cpr, body({ emailadresse: 'a@example.dk', eksterntId: 'JN-1', haendelsesdato: '2026-11-28' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/Tilmelding/Status');
    const svar = res.json();
    expect(svar).toMatchObject({
      tilmeldingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      serviceKvittering: { haendelsestidspunkt: NOW, beskedId: expect.any(String) },
      ingenSelvaktiveringskodeNoedvendig: true,
    });
    expect(svar.borgerkvitteringstekst).toContain(DAG);

    const s = (await status(cpr)).json();
    expect(s).toEqual({
      tilmeldt: true,
      tilmelding: {
        tilmeldingId: svar.tilmeldingId,
        klientKategori: K.udenYdelse,
        ledighedsgrad: K.fuldtLedig,
        tilmeldingsdato: DAG,
        kildesystem: 'Jobnet',
        jobnetFlag: true,
      },
    });
    const h = (await historik(cpr)).json();
    expect(h.perioder).toHaveLength(1);
    expect(h.perioder[0].aendringer).toEqual([
      {
        haendelse: 'Tilmeldt',
        aktoer: { rolle: 'borger', subjekt: expect.stringMatching(/^borger-/) },
        kildesystem: 'Jobnet',
        haendelsesdato: '2026-11-28',
        registreret: NOW,
        beskedId: svar.serviceKvittering.beskedId,
      },
    ]);
    const [row] = await perioder(cpr);
    expect(row).toMatchObject({ emailadresse: 'a@example.dk', eksterntId: 'JN-1', kilde: 'Jobnet', jobnetFlag: true });
  });

  test('the job centre enrolls a citizen with job wishes: no JobnetFlag, job wishes stored in the same statement', async () => {
    const { cpr } = await citizen(DAG);
    const res = await tilmeld(cpr, body({ klientKategori: K.dagpenge, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: true, aarSidstBrugt: 2024, maanederMedErfaring: 12 }] }), { role: 'jobcenter' });
    expect(res.statusCode).toBe(201);
    expect(res.json().ingenSelvaktiveringskodeNoedvendig).toBe(false);
    expect((await perioder(cpr))[0]).toMatchObject({ kilde: 'Jobcenter', jobnetFlag: false });
    expect(await testPrisma().joboenske.findMany({ where: { cpr } })).toEqual([expect.objectContaining({ conceptUriDa: K.stilling, harUddannelse: true })]);
    const h = (await historik(cpr, { role: 'jobcenter' })).json();
    expect(h.perioder[0].aendringer[0].aktoer.rolle).toBe('jobcenter');
    expect(h.perioder[0].aendringer[0].kildesystem).toBe('Jobcenter');
  });

  test('a replayed x-requestId stays 412 and is not executed', async () => {
    const { cpr } = await citizen(DAG);
    const requestId = randomUUID();
    const token = tokenFor({ cpr }); // the replay record is scoped by the token's subject
    expect((await tilmeld(cpr, body(), { requestId, token })).statusCode).toBe(201);
    expectProblem(await tilmeld(cpr, body(), { requestId, token }), 412);
    expectProblem(await tilmeld(cpr, body(), { requestId, token }), 412);
    expect(await perioder(cpr)).toHaveLength(1);
  });

  test('50 concurrent enrollments of one citizen: exactly one 201, 49 x 409/4316, one period and one history row', async () => {
    const { cpr } = await citizen(DAG);
    const results = await Promise.all(Array.from({ length: 50 }, () => tilmeld(cpr, body())));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(49);
    for (const r of refused) expectProblem(r, 409, 4316);
    expect(await perioder(cpr)).toHaveLength(1);
    const [p] = await perioder(cpr);
    expect(await testPrisma().tilmeldingHaendelse.count({ where: { tilmeldingId: p.id } })).toBe(1);
  });

  test('the database refuses a second open period even when a writer skips the rules', async () => {
    const { cpr } = await citizen(DAG);
    expect((await tilmeld(cpr, body())).statusCode).toBe(201);
    await expect(
      testPrisma().tilmelding.create({
        data: { id: randomUUID(), cpr, klientkategori: K.udenYdelse, ledighedsgrad: K.fuldtLedig, tilmeldingsdato: new Date(`${DAG}T00:00:00Z`), kilde: 'System', oprettet: new Date(), opdateret: new Date() },
      }),
    ).rejects.toThrow();
  });

  test('nothing half-written: when the history insert fails, neither the period nor the job wishes exist', async () => {
    const p = testPrisma();
    await p.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_haendelse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."aktoerSubjekt" = 'test-fail-haendelse' THEN RAISE EXCEPTION 'test: history insert fails'; END IF; RETURN NEW; END $$`);
    await p.$executeRawUnsafe('CREATE TRIGGER test_fail_haendelse BEFORE INSERT ON tilmelding_haendelse FOR EACH ROW EXECUTE FUNCTION test_fail_haendelse()');
    try {
      const { cpr } = await citizen(DAG);
      const token = tokenFor({ cpr, sub: 'test-fail-haendelse' });
      const res = await tilmeld(cpr, body({ joboensker: [{ conceptUriDa: K.stilling, harUddannelse: true }] }), { token });
      expect(res.statusCode).toBe(500);
      expect(await perioder(cpr)).toHaveLength(0);
      expect(await p.joboenske.count({ where: { cpr } })).toBe(0);
      expect((await tilmeld(cpr, body())).statusCode).toBe(201); // and the citizen can still enroll
    } finally {
      await p.$executeRawUnsafe('DROP TRIGGER test_fail_haendelse ON tilmelding_haendelse');
      await p.$executeRawUnsafe('DROP FUNCTION test_fail_haendelse()');
    }
  });

  test('a long token subject is recorded as it is', async () => {
    const { cpr } = await citizen(DAG);
    const sub = `borger-${'x'.repeat(600)}`;
    expect((await tilmeld(cpr, body(), { token: tokenFor({ cpr, sub }) })).statusCode).toBe(201);
    expect((await historik(cpr)).json().perioder[0].aendringer[0].aktoer.subjekt).toBe(sub);
  });

  test('1010: unknown citizen', async () => {
    expectProblem(await tilmeld('0101011234', body(), { role: 'jobcenter' }), 404, 1010);
  });

  describe('code values and job wishes (400/403/404)', () => {
    test('4313 unknown klientkategori, 4314 unknown ledighedsgrad (both listed)', async () => {
      const { cpr } = await citizen(DAG);
      const res = await tilmeld(cpr, body({ klientKategori: K.ukendt, ledighedsgrad: K.ukendt }));
      expectProblem(res, 400, 4313, '/klientKategori');
      expect(fejlkoder(res)).toEqual([4313, 4314]);
    });
    test('6052: an internal category from Jobnet; the job centre may use it', async () => {
      const { cpr } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ klientKategori: K.intern })), 403, 6052, '/klientKategori');
      const kan = (await kanTilmelde(cpr, body({ klientKategori: K.intern }), { role: 'jobcenter' })).json();
      expect(kan.fejl.map((f: { fejlkode: number }) => f.fejlkode)).not.toContain(6052);
    });
    test('4318 unknown occupation, 8282 expired occupation, 9439 twice, 4698 negative, 4710 odd year', async () => {
      const { cpr } = await citizen(DAG);
      const w = (over: Json) => ({ conceptUriDa: K.stilling, harUddannelse: false, ...over });
      const res = await tilmeld(
        cpr,
        body({
          joboensker: [
            w({ conceptUriDa: 'http://data.star.dk/esco/occupation/findes-ikke' }),
            w({ conceptUriDa: K.udloebet }),
            w({}),
            w({ aarSidstBrugt: -1 }),
            w({ conceptUriDa: K.stilling }),
          ],
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(fejlkoder(res)).toEqual(expect.arrayContaining([4318, 8282, 9439, 4698]));
      const res2 = await tilmeld(cpr, body({ joboensker: [w({ aarSidstBrugt: 1850 })] }));
      expectProblem(res2, 400, 4710, '/joboensker/0/aarSidstBrugt');
      expect(await perioder(cpr)).toHaveLength(0);
    });
    test('9158 invalid e-mail, 1014 unknown field', async () => {
      const { cpr } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ emailadresse: 'ikke-en-mail' })), 400, 9158, '/emailadresse');
      expectProblem(await tilmeld(cpr, body({ hvad: 1 })), 400, 1014);
      expectProblem(await tilmeld(cpr, body({ tilmeldingsdato: '2026-02-30' })), 400, 1014, '/tilmeldingsdato');
    });
  });

  describe('the CV number (the CV variants)', () => {
    test('with its own CV number: 4338 allows up to 10 days back', async () => {
      const { cpr, cvNummer } = await citizen(DAG);
      expect((await tilmeld(cpr, body({ cvNummer, tilmeldingsdato: '2026-11-19' }))).statusCode).toBe(201);
      expect((await perioder(cpr))[0].tilmeldingsdato.toISOString().slice(0, 10)).toBe('2026-11-19');
    });
    test('4338: 11 days back, or tomorrow', async () => {
      const { cpr, cvNummer } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ cvNummer, tilmeldingsdato: '2026-11-18' })), 422, 4338, '/tilmeldingsdato');
      expectProblem(await tilmeld(cpr, body({ cvNummer, tilmeldingsdato: '2026-11-30' })), 422, 4338, '/tilmeldingsdato');
    });
    test('4786 no Jobnet account, 4400 unknown CV number, 4102 someone else\'s', async () => {
      const uden = await citizen(DAG, { cvNummer: null });
      expectProblem(await tilmeld(uden.cpr, body({ cvNummer: randomCvNummer() })), 422, 4786, '/cvNummer');
      const { cpr } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ cvNummer: randomCvNummer() })), 404, 4400, '/cvNummer');
      const anden = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ cvNummer: anden.cvNummer })), 404, 4102, '/cvNummer');
    });
  });

  describe('the citizen and the date', () => {
    test('4749: without a CV number the date must be today (yesterday and tomorrow refused)', async () => {
      const { cpr } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ tilmeldingsdato: '2026-11-28' })), 422, 4749, '/tilmeldingsdato');
      expectProblem(await tilmeld(cpr, body({ tilmeldingsdato: '2026-11-30' })), 422, 4749, '/tilmeldingsdato');
    });
    test('4405 dead', async () => {
      const { cpr } = await citizen(DAG, { doed: '2026-01-01' });
      expectProblem(await tilmeld(cpr, body(), { role: 'jobcenter' }), 422, 4405);
    });
    test('4316: already enrolled', async () => {
      const { cpr } = await citizen(DAG);
      expect((await tilmeld(cpr, body())).statusCode).toBe(201);
      expectProblem(await tilmeld(cpr, body()), 409, 4316, '/tilmeldingsdato');
    });
    test('4316: a back-dated enrollment before the end of an earlier period', async () => {
      const { cpr, cvNummer } = await citizen(DAG);
      await testPrisma().tilmelding.create({
        data: {
          id: randomUUID(), cpr, klientkategori: K.udenYdelse, ledighedsgrad: K.fuldtLedig, kilde: 'Jobcenter',
          tilmeldingsdato: new Date('2026-10-01T00:00:00Z'), afmeldingsdato: new Date('2026-11-25T00:00:00Z'), afmeldingsaarsag: K.aarsag30,
          oprettet: new Date(), opdateret: new Date(),
        },
      });
      expectProblem(await tilmeld(cpr, body({ cvNummer, tilmeldingsdato: '2026-11-24' })), 409, 4316);
      expect((await tilmeld(cpr, body({ cvNummer, tilmeldingsdato: '2026-11-25' }))).statusCode).toBe(201);
    });
    test('4720 abroad, 4725 temporary foreign address', async () => {
      expectProblem(await tilmeld((await citizen(DAG, { udlandet: true })).cpr, body()), 422, 4720);
      expectProblem(await tilmeld((await citizen(DAG, { midlertidigAdresse: true })).cpr, body()), 422, 4725);
    });
    test('4750 blocking absence (illness); 4645 vacation conflicts with a cash-benefit contact group only', async () => {
      expectProblem(await tilmeld((await citizen(DAG, { fravaer: 'Sygdom' })).cpr, body()), 422, 4750);
      const ferie = await citizen(DAG, { fravaer: 'Ferie' });
      expectProblem(await tilmeld(ferie.cpr, body({ klientKategori: K.kontanthjaelp, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] })), 409, 4645);
      expect((await tilmeld(ferie.cpr, body())).statusCode).toBe(201);
    });
  });

  describe('category and status', () => {
    test('4641 the category may not enroll', async () => {
      expectProblem(await tilmeld((await citizen(DAG)).cpr, body({ klientKategori: K.kanIkke })), 422, 4641, '/klientKategori');
    });
    test("4339 'ikke ledig' only 'uden ydelse' (and allowed with it)", async () => {
      const { cpr } = await citizen(DAG);
      expectProblem(await tilmeld(cpr, body({ klientKategori: K.dagpenge, ledighedsgrad: K.ikkeLedig, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] })), 422, 4339, '/ledighedsgrad');
      expect((await tilmeld(cpr, body({ ledighedsgrad: K.ikkeLedig }))).statusCode).toBe(201);
    });
    test('6014 a category that does not allow the ledighedsgrad', async () => {
      const res = await kanTilmelde((await citizen(DAG)).cpr, body({ klientKategori: K.kombi, ledighedsgrad: K.kombiGrad }));
      expect(fejlkoder({ json: () => ({ fejl: res.json().fejl }) } as LightMyRequestResponse)).toContain(6014);
      const r2 = await tilmeld((await citizen(DAG)).cpr, body({ klientKategori: K.kombi, ledighedsgrad: K.kombiGrad, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] }));
      expect(r2.statusCode).toBe(422);
      expect(fejlkoder(r2)).toContain(6014);
    });
    test('6033 age not coherent with the contact group', async () => {
      const { cpr } = await citizen(DAG, { born: '1970-03-03' });
      const res = await tilmeld(cpr, body({ klientKategori: K.ung, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] }));
      expect(res.statusCode).toBe(422);
      expect(fejlkoder(res)).toContain(6033);
    });
    test("4763 from Jobnet, 65 or older only 'uden ydelse'; the job centre may enroll them otherwise", async () => {
      const ung = { klientKategori: K.dagpenge, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] };
      const { cpr } = await citizen(DAG, { born: '1961-11-29' }); // 65 today
      expectProblem(await tilmeld(cpr, body(ung)), 422, 4763, '/klientKategori');
      const yngre = await citizen(DAG, { born: '1961-11-30' }); // 64 today, 65 tomorrow
      expect((await tilmeld(yngre.cpr, body(ung))).statusCode).toBe(201);
      expect((await tilmeld(cpr, body(ung), { role: 'jobcenter' })).statusCode).toBe(201);
    });
    test('7062 the category requires a profession', async () => {
      expectProblem(await tilmeld((await citizen(DAG)).cpr, body({ klientKategori: K.kraeverStilling, joboensker: [] })), 400, 7062, '/joboensker');
    });
    test('4385 no a-kasse registration, 4417 membership not active, 4321 uninsured category', async () => {
      const dp = { klientKategori: K.dagpenge, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] };
      expectProblem(await tilmeld((await citizen(DAG, { akasse: null })).cpr, body(dp)), 422, 4385);
      expectProblem(await tilmeld((await citizen(DAG, { akasse: { forsikringskategori: 1, tilDato: '2026-06-30' } })).cpr, body(dp)), 422, 4417);
      expectProblem(await tilmeld((await citizen(DAG, { akasse: { forsikringskategori: K.ugyldigForsikring } })).cpr, body(dp)), 400, 4321);
      // A membership moved from the CV's registry data has no category: not known is not insured.
      const ukendt = await tilmeld((await citizen(DAG, { akasse: { forsikringskategori: null } })).cpr, body(dp));
      expectProblem(ukendt, 400, 4321);
    });
  });
});

describe('KanTilmelde', () => {
  test('tilladt: true and nothing written', async () => {
    const { cpr } = await citizen(DAG);
    const res = await kanTilmelde(cpr, body());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tilladt: true, fejl: [] });
    expect(await perioder(cpr)).toHaveLength(0);
  });
  test('every broken rule, with fejlkode and field, from the same rules as Tilmelding', async () => {
    const { cpr } = await citizen(DAG, { udlandet: true, fravaer: 'Sygdom', akasse: null });
    const input = body({ klientKategori: K.dagpenge, tilmeldingsdato: '2026-11-27', ledighedsgrad: K.ikkeLedig, joboensker: [] });
    const res = await kanTilmelde(cpr, input);
    expect(res.statusCode).toBe(200);
    const svar = res.json();
    expect(svar.tilladt).toBe(false);
    expect(svar.fejl.map((f: { fejlkode: number }) => f.fejlkode)).toEqual([4749, 4720, 4750, 4339, 7062, 4385]);
    expect(svar.fejl[0]).toMatchObject({ fejlkode: 4749, felt: '/tilmeldingsdato', fejltekst: 'The enrollment date must be of todays date' });
    const refused = await tilmeld(cpr, input);
    // The refusal leads with the violation whose status it answers (7062, 400); the rest keep their order.
    expect(fejlkoder(refused)).toEqual([7062, 4749, 4720, 4750, 4339, 4385]);
    expect(refused.json().type).toMatch(/\/7062$/);
    expect(await perioder(cpr)).toHaveLength(0);
  });
  test('input faults are listed too; an unknown citizen is 404/1010', async () => {
    const { cpr } = await citizen(DAG);
    const svar = (await kanTilmelde(cpr, body({ klientKategori: K.ukendt }))).json();
    expect(svar.fejl.map((f: { fejlkode: number }) => f.fejlkode)).toEqual([4313]);
    expectProblem(await kanTilmelde('0101011234', body(), { role: 'system' }), 404, 1010);
  });
});

describe('Afmelding', () => {
  async function tilmeldt(f = {}) {
    const c = await citizen(DAG, f);
    expect((await tilmeld(c.cpr, body())).statusCode).toBe(201);
    return c;
  }
  test('today: no longer enrolled; a new enrollment the same day starts a new period; history has both', async () => {
    const { cpr } = await tilmeldt();
    const res = await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 });
    expect(res.statusCode).toBe(200);
    expect(res.json().serviceKvittering.haendelsestidspunkt).toBe(NOW);
    expect((await status(cpr)).json()).toEqual({ tilmeldt: false });
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 }), 422, 4367);
    expect((await tilmeld(cpr, body())).statusCode).toBe(201);
    const h = (await historik(cpr)).json();
    expect(h.perioder).toHaveLength(2);
    expect(h.perioder[0]).toMatchObject({ afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 });
    expect(h.perioder[0].aendringer.map((a: { haendelse: string }) => a.haendelse)).toEqual(['Tilmeldt', 'Afmeldt']);
    expect(h.perioder[0].aendringer[1]).toMatchObject({ aarsag: K.aarsag30, haendelsesdato: DAG, afmeldingsdato: DAG });
  });
  test('a future date is a future de-registration: still enrolled, shown in the status; a new Afmelding moves it', async () => {
    const { cpr } = await tilmeldt();
    expect((await afmeld(cpr, { afmeldingsdato: '2026-12-10', afmeldingsaarsag: K.aarsag30 })).statusCode).toBe(200);
    expect((await status(cpr)).json().tilmelding.fremtidigAfmelding).toEqual({ afmeldingsdato: '2026-12-10', afmeldingsaarsag: K.aarsag30 });
    expect((await afmeld(cpr, { afmeldingsdato: '2026-12-01', afmeldingsaarsag: K.aarsag30 })).statusCode).toBe(200);
    expect((await status(cpr)).json().tilmelding.fremtidigAfmelding.afmeldingsdato).toBe('2026-12-01');
    // Still enrolled until then: a new enrollment overlaps.
    expectProblem(await tilmeld(cpr, body()), 409, 4316);
  });
  test('4322: before today, or after +30 days (+60 for a less intensive effort)', async () => {
    const { cpr } = await tilmeldt();
    expectProblem(await afmeld(cpr, { afmeldingsdato: '2026-11-28', afmeldingsaarsag: K.aarsag30 }), 422, 4322, '/afmeldingsdato');
    expectProblem(await afmeld(cpr, { afmeldingsdato: '2026-12-30', afmeldingsaarsag: K.aarsag30 }), 422, 4322);
    expect((await afmeld(cpr, { afmeldingsdato: '2026-12-29', afmeldingsaarsag: K.aarsag30 })).statusCode).toBe(200);
    expectProblem(await afmeld(cpr, { afmeldingsdato: '2027-01-29', afmeldingsaarsag: K.aarsag60 }), 422, 4322);
    expect((await afmeld(cpr, { afmeldingsdato: '2027-01-28', afmeldingsaarsag: K.aarsag60 })).statusCode).toBe(200);
  });
  test('4340 unknown cause, 6052 internal cause, 9118 a-kasse-only cause, 9298 a cause a-kasser may not use', async () => {
    const { cpr } = await tilmeldt();
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.ukendt }), 400, 4340, '/afmeldingsaarsag');
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsagIntern }), 403, 6052, '/afmeldingsaarsag');
    const res9118 = await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsagKunAkasse });
    expect(fejlkoder(res9118)).toContain(9118);
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsagIkkeAkasse }, { role: 'a-kasse' }), 403, 9298, '/afmeldingsaarsag');
    expect((await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsagKunAkasse }, { role: 'a-kasse' })).statusCode).toBe(200);
  });
  test('with a CV number: 4105 not enrolled, 4103 no Jobnet account, 4400 unknown, 4102 someone else\'s', async () => {
    const ikke = await citizen(DAG);
    expectProblem(await afmeld(ikke.cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30, cvNummer: ikke.cvNummer }), 422, 4105);
    const { cpr, cvNummer } = await tilmeldt();
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30, cvNummer: randomCvNummer() }), 404, 4400);
    expectProblem(await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30, cvNummer: ikke.cvNummer }), 404, 4102);
    const uden = await tilmeldt({ cvNummer: null });
    expectProblem(await afmeld(uden.cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30, cvNummer: randomCvNummer() }), 404, 4103);
    expect((await afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30, cvNummer })).statusCode).toBe(200);
  });
  test('1010 unknown citizen', async () => {
    expectProblem(await afmeld('0101011234', { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 }, { role: 'system' }), 404, 1010);
  });
});

describe('RemoveJobnetFlag', () => {
  test('the job centre removes the flag once; then 4677; not enrolled 4367; a citizen may not (403/4575)', async () => {
    const { cpr } = await citizen(DAG);
    expectProblem(await fjernFlag(cpr), 422, 4367);
    expect((await tilmeld(cpr, body())).statusCode).toBe(201);
    expectProblem(await fjernFlag(cpr, {}), 403, 4575);
    const res = await fjernFlag(cpr);
    expect(res.statusCode).toBe(200);
    expect((await status(cpr)).json().tilmelding.jobnetFlag).toBe(false);
    expectProblem(await fjernFlag(cpr), 404, 4677);
    const h = (await historik(cpr)).json();
    expect(h.perioder[0].aendringer.map((a: { haendelse: string }) => a.haendelse)).toEqual(['Tilmeldt', 'JobnetFlagFjernet']);
    expectProblem(await fjernFlag('0101011234'), 404, 1010);
  });
});

describe('RemoveFutureDeregistration', () => {
  test('the citizen removes a future de-registration; then 9921; 9336 without CV number; 4367 not enrolled; CV number checks', async () => {
    const { cpr, cvNummer } = await citizen(DAG);
    expectProblem(await fjernFremtidig(cpr, { cvNummer }), 422, 4367);
    expect((await tilmeld(cpr, body())).statusCode).toBe(201);
    expect((await afmeld(cpr, { afmeldingsdato: '2026-12-10', afmeldingsaarsag: K.aarsag30 }, { role: 'jobcenter' })).statusCode).toBe(200);
    expectProblem(await fjernFremtidig(cpr, {}), 400, 9336, '/cvNummer');
    expectProblem(await fjernFremtidig(cpr, { cvNummer: randomCvNummer() }), 404, 4400, '/cvNummer');
    expect((await fjernFremtidig(cpr, { cvNummer })).statusCode).toBe(200);
    const s = (await status(cpr)).json();
    expect(s.tilmeldt).toBe(true);
    expect(s.tilmelding.fremtidigAfmelding).toBeUndefined();
    expectProblem(await fjernFremtidig(cpr, { cvNummer }), 404, 9921);
    const h = (await historik(cpr)).json();
    expect(h.perioder[0].aendringer.map((a: { haendelse: string; aktoer: { rolle: string } }) => `${a.haendelse}/${a.aktoer.rolle}`)).toEqual([
      'Tilmeldt/borger',
      'FremtidigAfmeldingRegistreret/jobcenter',
      'FremtidigAfmeldingFjernet/borger',
    ]);
    expect(h.perioder[0].aendringer[2]).toMatchObject({ aarsag: K.aarsag30, afmeldingsdato: '2026-12-10' });
    const uden = await citizen(DAG, { cvNummer: null });
    expectProblem(await fjernFremtidig(uden.cpr, { cvNummer: randomCvNummer() }), 404, 4103);
    expectProblem(await fjernFremtidig('0101011234', { cvNummer }, { role: 'system' }), 404, 1010);
  });
  test('the job centre may not (403/4575)', async () => {
    const { cpr, cvNummer } = await citizen(DAG);
    expectProblem(await fjernFremtidig(cpr, { cvNummer }, { role: 'jobcenter' }), 403, 4575);
  });
});

describe('GetTilmeldingsstatus / GetTilmeldingshistorik', () => {
  test('not enrolled; unknown citizen 404/1010', async () => {
    const { cpr } = await citizen(DAG);
    expect((await status(cpr)).json()).toEqual({ tilmeldt: false });
    expect((await historik(cpr)).json()).toEqual({ perioder: [] });
    expectProblem(await status('0101011234', { role: 'star' }), 404, 1010);
    expectProblem(await historik('0101011234', { role: 'star' }), 404, 1010);
  });
});

describe('auth: every route', () => {
  const ROUTES: { op: string; method: Method; path: string; body?: () => unknown }[] = [
    { op: 'Tilmelding', method: 'POST', path: '', body: () => body() },
    { op: 'KanTilmelde', method: 'POST', path: '/action/kanTilmelde', body: () => body() },
    { op: 'Afmelding', method: 'POST', path: '/action/afmeld', body: () => ({ afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 }) },
    { op: 'GetTilmeldingsstatus', method: 'GET', path: '/Status' },
    { op: 'GetTilmeldingshistorik', method: 'GET', path: '/Historik' },
    { op: 'RemoveJobnetFlag', method: 'DELETE', path: '/JobnetFlag' },
    { op: 'RemoveFutureDeregistration', method: 'POST', path: '/FremtidigAfmelding/action/fjern', body: () => ({ cvNummer: '10000001' }) },
  ];
  let owner = '';
  let intruder = '';
  beforeAll(async () => {
    owner = (await citizen(DAG)).cpr;
    intruder = (await citizen(DAG)).cpr;
  });
  const inject = (r: (typeof ROUTES)[number], headers: Record<string, string>) =>
    app.inject({ method: r.method, url: `${BASE}${r.path}`, headers, ...(r.body ? { payload: r.body() as Json } : {}) });

  test.each(ROUTES)('$op: no token -> 401', async (r) => {
    const headers = v1Headers(owner);
    delete headers.authorization;
    expectProblem(await inject(r, headers), 401);
  });
  test.each(ROUTES)('$op: a citizen token for another CPR -> 403/4575', async (r) => {
    expectProblem(await inject(r, v1Headers(owner, tokenFor({ cpr: intruder }))), 403, 4575);
  });
  test.each(ROUTES)('$op: a token without the Tilmelding scopes -> 403', async (r) => {
    const res = await inject(r, v1Headers(owner, tokenFor({ cpr: owner, scope: 'match.jobagent.read' })));
    expect(res.statusCode).toBe(403);
  });
  test('nothing was written by the refused calls', async () => {
    expect(await perioder(owner)).toHaveLength(0);
    expect(await perioder(intruder)).toHaveLength(0);
  });
});

describe('SQL statements per request (docs/write-pattern.md)', () => {
  const { start, stop, statementsOf } = countSqlStatements();
  test('concurrent status reads share one statement, and each gets its own citizen (the merged read)', async () => {
    const a = await citizen(DAG);
    const b = await citizen(DAG);
    expect((await tilmeld(a.cpr, body())).statusCode).toBe(201);
    const service = new TilmeldingService(app.prisma, app.clock, app.pg);
    start();
    const results = await Promise.allSettled([service.status(a.cpr), service.status(b.cpr), service.status('0101011234')]);
    const n = stop().length;
    expect(n).toBe(1);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { tilmeldt: true } });
    expect(results[1]).toEqual({ status: 'fulfilled', value: { tilmeldt: false } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { fejl: [expect.objectContaining({ fejlkode: 1010 })] } });
  });

  test('Tilmelding: one read and one write; the others one statement; a refusal one more', async () => {
    const { cpr, cvNummer } = await citizen(DAG);
    await status(cpr); // warm the pool and the code-list register
    const counts = {
      tilmeld: await statementsOf(() => tilmeld(cpr, body()), 201),
      status: await statementsOf(() => status(cpr), 200),
      historik: await statementsOf(() => historik(cpr), 200),
      kanTilmelde: await statementsOf(() => kanTilmelde(cpr, body()), 200),
      fjernFlag: await statementsOf(() => fjernFlag(cpr), 200),
      afmeldFremtidig: await statementsOf(() => afmeld(cpr, { afmeldingsdato: '2026-12-10', afmeldingsaarsag: K.aarsag30 }), 200),
      fjernFremtidig: await statementsOf(() => fjernFremtidig(cpr, { cvNummer }), 200),
      afmeld: await statementsOf(() => afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 }), 200),
      afmeldIkkeTilmeldt: await statementsOf(() => afmeld(cpr, { afmeldingsdato: DAG, afmeldingsaarsag: K.aarsag30 }), 422),
      tilmeldAfvist: await statementsOf(() => tilmeld(cpr, body({ tilmeldingsdato: '2026-11-01' })), 409),
    };
    expect(counts).toEqual({
      tilmeld: 2,
      status: 1,
      historik: 1,
      kanTilmelde: 1,
      fjernFlag: 1,
      afmeldFremtidig: 1,
      fjernFremtidig: 1,
      afmeld: 1,
      afmeldIkkeTilmeldt: 2,
      tilmeldAfvist: 1,
    });
  });
});

describe('junk input never gives a 5xx', () => {
  const JUNK: unknown[] = [
    null,
    [],
    'tekst',
    42,
    {},
    { klientKategori: '1', tilmeldingsdato: DAG, ledighedsgrad: 1 },
    { klientKategori: -1, tilmeldingsdato: DAG, ledighedsgrad: 1.5 },
    { klientKategori: 1e300, tilmeldingsdato: '9999-99-99', ledighedsgrad: 1 },
    { klientKategori: 1, tilmeldingsdato: '2026-11-29T10:00:00Z', ledighedsgrad: 1 },
    { klientKategori: 1, tilmeldingsdato: DAG, ledighedsgrad: 1, joboensker: Array.from({ length: 201 }, () => ({})) },
    { klientKategori: 1, tilmeldingsdato: DAG, ledighedsgrad: 1, joboensker: [{ conceptUriDa: '\u0000', harUddannelse: 'ja' }] },
    { klientKategori: 1, tilmeldingsdato: DAG, ledighedsgrad: 1, cvNummer: '1234567' },
    { klientKategori: 1, tilmeldingsdato: DAG, ledighedsgrad: 1, emailadresse: `${'a'.repeat(300)}@x.dk` },
    { klientKategori: 1, tilmeldingsdato: DAG, ledighedsgrad: 1, eksterntId: '' },
    { afmeldingsdato: DAG, afmeldingsaarsag: 'x' },
    { afmeldingsdato: '29-11-2026', afmeldingsaarsag: 1 },
    { afmeldingsdato: DAG, afmeldingsaarsag: 32768 },
    { cvNummer: 12345678 },
    { cvNummer: '１２３４５６７８' },
    { __proto__: { klientKategori: 1 } },
  ];
  test.each(['', '/action/kanTilmelde', '/action/afmeld', '/FremtidigAfmelding/action/fjern'])('POST %s', async (path) => {
    const { cpr } = await citizen(DAG);
    for (const junk of JUNK) {
      const res = await app.inject({ method: 'POST', url: `${BASE}${path}`, headers: { ...v1Headers(cpr), 'content-type': 'application/json' }, payload: JSON.stringify(junk) });
      expect({ junk, status: res.statusCode < 500 }).toEqual({ junk, status: true });
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    }
  });
});
