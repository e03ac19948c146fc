/**
 * Borgerbooking under concurrency (docs/borgerbooking.md, "Seats under concurrency"): many requests
 * at once over HTTP (app.inject) against the real PostgreSQL, then the database is checked.
 * - the last seat: 50 citizens, 1 free seat: exactly one booking, 49 x 4819;
 * - double click: 50 citizens click Book twice with two request ids: one booking each, the other 8273/9220;
 * - rebooking: 60 moves at once while a sampler reads both slots: the sum of taken seats never changes;
 *   moves in both directions at once do not deadlock;
 * - holds and bookings share one seat count: 60 holds and bookings on 10 seats: exactly 10 succeed.
 * The CreateBooking / CreateOmbooking / ReserverMoedetid operations are named for the coverage guard.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';
import { callV1 } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { opretMoedetilbud, seatState } from './helpers';

const NOW = '2026-12-01T09:00:00.000Z';
const tid = (hhmm: string) => `2026-12-10T${hhmm}:00.000+01:00`;
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock(NOW), env: { DATABASE_POOL_SIZE: '12' } });
});
afterAll(async () => {
  await app?.close();
});

const post = (cpr: string, url: string, body: unknown): Promise<LightMyRequestResponse> =>
  callV1(app, 'POST', `/v1/Borgerbooking${url}`, cpr, { token: tokenFor({ cpr }), body, requestId: randomUUID() });
const borgere = async (n: number) => Promise.all(Array.from({ length: n }, async () => (await createCitizen()).cpr));
const fejlkode = (r: LightMyRequestResponse) => (r.statusCode < 300 ? r.statusCode : r.json().fejl?.[0]?.fejlkode);
const tael = (rs: LightMyRequestResponse[]) => rs.map(fejlkode).reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});

test('CreateBooking: 50 citizens book the last seat at once: one booking, 49 x 4819', async () => {
  const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 10 }] });
  const foer = await borgere(9);
  for (const cpr of foer) expect((await post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).statusCode).toBe(201);
  const cprs = await borgere(50);
  const rs = await Promise.all(cprs.map((cpr) => post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })));
  expect(tael(rs)).toEqual({ 201: 1, 4819: 49 });
  const [s] = await seatState(t.moedetidIder);
  expect(s).toMatchObject({ pladser: 10, optagne: 10, faktisk: 10 });
});

test('CreateBooking: 50 citizens double-click with two request ids: one booking each, the other click 8273 (Jobsamtale) or 9220 (Opfoelgningssamtale)', async () => {
  const job = await opretMoedetilbud({ samtaleType: 1, moedetider: [{ start: tid('09:00'), pladser: 100 }, { start: tid('10:00'), pladser: 100 }] });
  const opf = await opretMoedetilbud({ samtaleType: 2, moedetider: [{ start: tid('09:00'), pladser: 100 }, { start: tid('10:00'), pladser: 100 }] });
  const cprs = await borgere(50);
  // Each citizen's two clicks go to two different slots, so only the unique index can stop the second.
  const rs = await Promise.all(
    cprs.flatMap((cpr, n) => {
      const t = n % 2 === 0 ? job : opf;
      return [
        post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }),
        post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1 }),
      ];
    }),
  );
  expect(tael(rs)).toEqual({ 201: 50, 8273: 25, 9220: 25 });
  for (let n = 0; n < cprs.length; n++) {
    expect([rs[2 * n], rs[2 * n + 1]].map(fejlkode).sort()).toEqual(n % 2 === 0 ? [201, 8273] : [201, 9220]);
  }
  const pr = await testPrisma().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM indkaldelse WHERE cpr = ANY(${cprs}::bpchar[]) AND status = 'Aktiv' GROUP BY cpr`;
  expect(pr).toHaveLength(50);
  expect(pr.every((r) => r.n === 1)).toBe(true);
  const state = await seatState([...job.moedetidIder, ...opf.moedetidIder]);
  expect(state.reduce((sum, s) => sum + s.optagne, 0)).toBe(50);
  for (const s of state) expect(s.optagne).toBe(s.faktisk);
});

test('CreateOmbooking: 60 rebookings at once release the old seat and take the new in one transaction; a sampler never sees both or neither', async () => {
  const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 60 }, { start: tid('10:00'), pladser: 40 }] });
  const cprs = await borgere(60);
  const ids: string[] = [];
  for (const cpr of cprs) {
    const r = await post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 });
    ids.push(r.json().indkaldelseId);
  }
  let koerer = true;
  const samples: number[] = [];
  const sampler = (async () => {
    while (koerer) {
      const [r] = await testPrisma().$queryRaw<{ sum: number }[]>`SELECT sum("optagnePladser")::int AS sum FROM moedetid WHERE id = ANY(${t.moedetidIder}::uuid[])`;
      samples.push(r.sum);
    }
  })();
  const rs = await Promise.all(cprs.map((cpr, n) => post(cpr, `/Indkaldelser/${ids[n]}/Ombooking`, { moedeStarttidspunkt: tid('10:00') })));
  koerer = false;
  await sampler;
  expect(tael(rs)).toEqual({ 204: 40, 4767: 20 });
  expect(samples.length).toBeGreaterThan(0);
  expect(new Set(samples)).toEqual(new Set([60]));
  const [a, b] = (await seatState(t.moedetidIder)).sort((x, y) => y.pladser - x.pladser);
  expect([a.optagne, a.faktisk, b.optagne, b.faktisk]).toEqual([20, 20, 40, 40]);
});

test('CreateOmbooking: 60 moves in opposite directions at once end without deadlock or lost seats', async () => {
  const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 40 }, { start: tid('10:00'), pladser: 40 }] });
  const cprs = await borgere(60);
  const ids: string[] = [];
  for (const [n, cpr] of cprs.entries()) {
    const r = await post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid(n % 2 === 0 ? '09:00' : '10:00'), samtaleformType: 1 });
    ids.push(r.json().indkaldelseId);
  }
  const rs = await Promise.all(cprs.map((cpr, n) => post(cpr, `/Indkaldelser/${ids[n]}/Ombooking`, { moedeStarttidspunkt: tid(n % 2 === 0 ? '10:00' : '09:00') })));
  const t2 = tael(rs);
  expect(Object.keys(t2).every((k) => k === '204' || k === '4767')).toBe(true);
  expect(t2['204']).toBeGreaterThanOrEqual(20);
  const state = await seatState(t.moedetidIder);
  expect(state.reduce((sum, s) => sum + s.optagne, 0)).toBe(60);
  for (const s of state) {
    expect(s.optagne).toBe(s.faktisk);
    expect(s.optagne).toBeLessThanOrEqual(s.pladser);
  }
});

test('ReserverMoedetid and CreateBooking share one seat count: 60 holds and bookings on 10 seats, exactly 10 succeed', async () => {
  const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 10 }] });
  const cprs = await borgere(60);
  const rs = await Promise.all(
    cprs.map((cpr, n) =>
      n % 2 === 0
        ? post(cpr, `/Moedetilbud/${t.moedetilbudId}/action/reserver`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })
        : post(cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }),
    ),
  );
  const t2 = tael(rs);
  expect(t2['201']).toBe(10);
  expect(t2['4819']).toBe(50);
  const [s] = await seatState(t.moedetidIder);
  expect(s).toMatchObject({ pladser: 10, optagne: 10, faktisk: 10 });
});
