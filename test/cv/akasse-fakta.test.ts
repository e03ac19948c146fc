/**
 * The a-kasse membership is one fact (akasse_medlemskab, read through src/db/person-fakta.ts):
 * the CV's a-kasse access and Tilmelding's a-kasse rules see the same row. Over HTTP, fixed clock
 * (today = 2026-11-29).
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { fixedClock } from '../../src/domain/clock';
import { DEMO_AKASSER, DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import { koder } from '../tilmelding/helpers';
import { BASE, call, createCvCitizen, token } from './helpers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
});
afterAll(async () => {
  await app?.close();
});

const fejlkode = (res: { json(): { fejl?: { fejlkode: number }[] } }) => res.json().fejl?.[0]?.fejlkode;

test("one membership row decides both the CV's a-kasse access and Tilmelding's a-kasse rules", async () => {
  const K = await koder();
  const c = await createCvCitizen({ akasse: '1002', ydelsesgruppe: 'Dagpenge', kontaktgruppe: 1 });
  expect((await call(app, 'PUT', BASE, c.cpr, { body: demoCvInput('anna') })).statusCode).toBe(200);
  const kanTilmelde = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Tilmelding/action/kanTilmelde',
      headers: v1Headers(c.cpr, tokenFor({ role: 'jobcenter' })),
      payload: { klientKategori: K.dagpenge, tilmeldingsdato: '2026-11-29', ledighedsgrad: K.fuldtLedig, joboensker: [{ conceptUriDa: K.stilling, harUddannelse: false }] },
    });
    // Only the a-kasse rules: the fresh citizen's random age may break others (6033).
    return res.json().fejl.map((f: { fejlkode: number }) => f.fejlkode).filter((k: number) => [4385, 4417, 4321].includes(k));
  };
  // Member of 1002 today: that a-kasse reads the status, another gets 8291; Tilmelding has no a-kasse objection.
  expect((await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('a-kasse', { org: '1002' }) })).statusCode).toBe(200);
  expect(fejlkode(await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('a-kasse', { org: '1001' }) }))).toBe(8291);
  expect(await kanTilmelde()).toEqual([]);
  // The membership ended yesterday: the CV sees no membership (4385), Tilmelding none on the day (4417).
  await testPrisma().akasseMedlemskab.updateMany({ where: { cpr: c.cpr }, data: { tilDato: new Date('2026-11-28T00:00:00.000Z') } });
  expect(fejlkode(await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('a-kasse', { org: '1002' }) }))).toBe(4385);
  expect(await kanTilmelde()).toEqual([4417]);
  // No registration at all: 4385 on both.
  await testPrisma().akasseMedlemskab.deleteMany({ where: { cpr: c.cpr } });
  expect(fejlkode(await call(app, 'GET', `${BASE}/Status`, c.cpr, { token: token('a-kasse', { org: '1002' }) }))).toBe(4385);
  expect(await kanTilmelde()).toEqual([4385]);
});

test("the demo a-kasser read their members' CVs: Anna and Hanne 1001, Frida and Karen 1002, Ib and Jens 1003", async () => {
  const members = { anna: 'foa', hanne: 'foa', frida: 'hk', karen: 'hk', jens: 'ida' } as const;
  for (const [key, akasse] of Object.entries(members) as [keyof typeof members, keyof typeof DEMO_AKASSER][]) {
    const cpr = DEMO_CITIZENS[key].cpr;
    const own = await call(app, 'GET', BASE, cpr, { token: token('a-kasse', { org: DEMO_AKASSER[akasse].nummer }) });
    expect({ key, status: own.statusCode }).toEqual({ key, status: 200 });
    const other = await call(app, 'GET', BASE, cpr, { token: token('a-kasse', { org: '9999' }) });
    expect({ key, fejlkode: fejlkode(other) }).toEqual({ key, fejlkode: 8291 });
  }
  // Ib's CV is locked (4823) after the access check passes; Erik is a member of none.
  expect(fejlkode(await call(app, 'GET', BASE, DEMO_CITIZENS.ib.cpr, { token: token('a-kasse', { org: '1003' }) }))).toBe(4823);
  expect(fejlkode(await call(app, 'GET', BASE, DEMO_CITIZENS.erik.cpr, { token: token('a-kasse', { org: '1001' }) }))).toBe(4385);
});
