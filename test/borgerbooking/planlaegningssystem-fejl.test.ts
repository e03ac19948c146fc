/**
 * The planner integration's failures, mapped in ONE place (src/modules/borgerbooking/planner.ts
 * kaldPlanner): an app with a failing planning system injected answers every citizen operation
 * with 503 and the failure's code: unreachable 4769, configuration missing 9018, contract violation
 * 9329, unhandled remote error 9303. Operations: GetBorgerstatus, GetSelvbookingMoedetilbud,
 * GetSelvbookingMoedetider, ReserverMoedetid, CreateBooking, GetIndkaldelser, CreateOmbooking,
 * DeleteBooking, SaveIndkaldelsesaccept, GetOmbookingSagsbehandlere, GetOmbookingMoedetider,
 * GetStraksbookingMoedetider, CreateFejlmelding, TilmeldOgBook.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { callV1, expectProblem, type Method } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { RuleViolation } from '../../src/domain/errors';
import { kaldPlanner, PlannerFejl, PLANNER_FEJLKODER, type PlannerFejlArt, type Planlaegningssystem } from '../../src/modules/borgerbooking/planner';
import { citizen, koder } from '../tilmelding/helpers';

/** A planning system whose every call fails with `art` (a Proxy: any method of the interface). */
function fejlendePlanner(art: PlannerFejlArt): Planlaegningssystem {
  return new Proxy({} as Planlaegningssystem, {
    get: () => async () => {
      throw new PlannerFejl(art);
    },
  });
}

const DAG = '2026-11-29';
const start = '2026-12-03T09:00:00.000+01:00';
const tilbud = randomUUID();
const ind = randomUUID();
const iv = 'startMoedetidsinterval=2026-12-01T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z';

describe('kaldPlanner', () => {
  test.each(Object.entries(PLANNER_FEJLKODER))('%s -> %i', async (art, kode) => {
    const err = await kaldPlanner(async () => {
      throw new PlannerFejl(art as PlannerFejlArt);
    }).catch((e) => e);
    expect(err).toBeInstanceOf(RuleViolation);
    expect(err).toMatchObject({ kode, status: 503 });
  });
  test('other errors and business answers pass through unchanged', async () => {
    const boom = new Error('boom');
    await expect(kaldPlanner(async () => Promise.reject(boom))).rejects.toBe(boom);
    const v = new RuleViolation(4819);
    await expect(kaldPlanner(async () => Promise.reject(v))).rejects.toBe(v);
  });
});

describe.each(Object.entries(PLANNER_FEJLKODER) as [PlannerFejlArt, number][])('a failing planning system (%s)', (art, kode) => {
  let app: FastifyInstance;
  let cpr: string;
  let K: Awaited<ReturnType<typeof koder>>;
  beforeAll(async () => {
    app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z'), planlaegningssystem: fejlendePlanner(art) });
    cpr = (await citizen(DAG)).cpr;
    K = await koder();
  });
  afterAll(async () => {
    await app?.close();
  });

  const cases: [string, Method, string, () => unknown][] = [
    ['GetBorgerstatus', 'GET', '/Borgerstatus', () => undefined],
    ['GetSelvbookingMoedetilbud', 'GET', '/Moedetilbud', () => undefined],
    ['GetSelvbookingMoedetider', 'GET', `/Moedetilbud/${tilbud}/Moedetider?${iv}`, () => undefined],
    ['ReserverMoedetid', 'POST', `/Moedetilbud/${tilbud}/action/reserver`, () => ({ moedeStarttidspunkt: start, samtaleformType: 1 })],
    ['CreateBooking', 'POST', `/Moedetilbud/${tilbud}/Booking`, () => ({ moedeStarttidspunkt: start, samtaleformType: 1 })],
    ['GetIndkaldelser', 'GET', '/Indkaldelser', () => undefined],
    ['CreateOmbooking', 'POST', `/Indkaldelser/${ind}/Ombooking`, () => ({ moedeStarttidspunkt: start })],
    ['DeleteBooking', 'DELETE', `/Indkaldelser/${ind}`, () => undefined],
    ['SaveIndkaldelsesaccept', 'POST', `/Indkaldelser/${ind}/action/accepter`, () => undefined],
    ['GetOmbookingSagsbehandlere', 'GET', `/Indkaldelser/${ind}/Ombooking/Sagsbehandlere`, () => undefined],
    ['GetOmbookingMoedetider', 'GET', `/Indkaldelser/${ind}/Ombooking/Moedetider?${iv}`, () => undefined],
    ['GetStraksbookingMoedetider', 'GET', '/Straksbooking/Moedetider', () => undefined],
    ['CreateFejlmelding', 'POST', '/Fejlmeldinger', () => ({ fejlkode: 1, fejlOphav: 32, fejlTidspunkt: '2026-11-29T10:00:00Z' })],
    [
      'TilmeldOgBook',
      'POST',
      '/TilmeldOgBook',
      () => ({ klientKategori: K.udenYdelse, tilmeldingsdato: DAG, ledighedsgrad: K.fuldtLedig, moedetilbudId: tilbud, moedeStarttidspunkt: start, samtaleformType: 1 }),
    ],
  ];

  test.each(cases)(`%s answers 503/${kode}`, async (_op, method, path, body) => {
    const res = await callV1(app, method, `/v1/Borgerbooking${path}`, cpr, { body: body() });
    expectProblem(res, 503, kode);
  });
});
