/**
 * The demo citizens show the rules (README's citizen table), with the real clock, as in Swagger UI.
 * Read-only on the shared demo citizens: KanTilmelde changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { today, systemClock } from '../../src/domain/clock';
import { TilmeldingInput } from '../../src/modules/tilmelding/schemas';
import { seedTilmeldingDemoData } from '../../src/modules/tilmelding/demo-data';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const jobcenter = tokenFor({ role: 'jobcenter' });
const get = (cpr: string, path: string, token = jobcenter) => app.inject({ method: 'GET', url: `/v1/Tilmelding${path}`, headers: v1Headers(cpr, token) });
/** The OpenAPI example body with today's date: what a Swagger UI user sends. */
const example = () => ({ ...(TilmeldingInput.examples as Record<string, unknown>[])[0], tilmeldingsdato: today(systemClock) });
const kanTilmelde = async (cpr: string, body: Record<string, unknown> = example()) => {
  const res = await app.inject({ method: 'POST', url: '/v1/Tilmelding/action/kanTilmelde', headers: v1Headers(cpr, tokenFor({ cpr })), payload: body });
  expect(res.statusCode).toBe(200);
  return res.json().fejl.map((f: { fejlkode: number }) => f.fejlkode);
};

test('Anna may enroll with the documented example (today), from Jobnet', async () => {
  expect(await kanTilmelde(DEMO_CITIZENS.anna.cpr)).toEqual([]);
  expect((await get(DEMO_CITIZENS.anna.cpr, '/Status', tokenFor({ cpr: DEMO_CITIZENS.anna.cpr }))).json()).toEqual({ tilmeldt: false });
});

test('Frida is enrolled, Karen has a JobnetFlag, Jens a future de-registration', async () => {
  expect((await get(DEMO_CITIZENS.frida.cpr, '/Status')).json()).toMatchObject({ tilmeldt: true, tilmelding: { jobnetFlag: false, kildesystem: 'Jobcenter' } });
  expect((await get(DEMO_CITIZENS.karen.cpr, '/Status')).json()).toMatchObject({ tilmeldt: true, tilmelding: { jobnetFlag: true, kildesystem: 'Jobnet' } });
  const jens = (await get(DEMO_CITIZENS.jens.cpr, '/Status')).json();
  expect(jens.tilmelding.fremtidigAfmelding.afmeldingsdato > today(systemClock)).toBe(true);
  const h = (await get(DEMO_CITIZENS.jens.cpr, '/Historik')).json();
  expect(h.perioder[0].aendringer.map((a: { haendelse: string }) => a.haendelse)).toEqual(['Tilmeldt', 'FremtidigAfmeldingRegistreret']);
  expect(await kanTilmelde(DEMO_CITIZENS.frida.cpr)).toEqual([4316]);
});

test('Dorthe is dead, Gustav abroad, Lise has a temporary foreign address, Ib a blocking absence, Hanne is 65+', async () => {
  expect(await kanTilmelde(DEMO_CITIZENS.dorthe.cpr)).toContain(4405);
  expect(await kanTilmelde(DEMO_CITIZENS.gustav.cpr)).toContain(4720);
  expect(await kanTilmelde(DEMO_CITIZENS.lise.cpr)).toContain(4725);
  expect(await kanTilmelde(DEMO_CITIZENS.ib.cpr)).toContain(4750);
  expect(await kanTilmelde(DEMO_CITIZENS.hanne.cpr)).toContain(4763);
});

test('seeding again changes nothing', async () => {
  const cpr = { in: Object.values(DEMO_CITIZENS).map((c) => c.cpr) };
  const count = async () =>
    Promise.all([
      testPrisma().tilmelding.count({ where: { cpr } }),
      testPrisma().tilmeldingHaendelse.count({ where: { tilmelding: { cpr } } }),
      testPrisma().udlandsophold.count({ where: { cpr } }),
      testPrisma().akasseMedlemskab.count({ where: { cpr } }),
      testPrisma().fravaer.count({ where: { cpr } }),
      testPrisma().midlertidigUdenlandskAdresse.count({ where: { cpr } }),
    ]);
  const before = await count();
  await seedTilmeldingDemoData(testPrisma());
  expect(await count()).toEqual(before);
});
