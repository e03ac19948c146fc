/**
 * SQL statements per request on the booking paths (docs/borgerbooking.md, "Round trips"): every
 * statement the pg driver sends, BEGIN and COMMIT included. A booking is one read of every fact the
 * rules need, then BEGIN, the slot lock, one statement for holds, seat and meeting, and COMMIT.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { createCitizen } from '../helpers/db';
import { callV1, type Method } from '../helpers/api';
import { countSqlStatements } from '../helpers/sql-statements';
import { fixedClock } from '../../src/domain/clock';
import { opretMoedetilbud } from './helpers';

const NOW = '2026-12-01T09:00:00.000Z';
const tid = (hhmm: string) => `2026-12-03T${hhmm}:00.000+01:00`;
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock(NOW) });
});
afterAll(async () => {
  await app?.close();
});

const call = (method: Method, path: string, cpr: string, body?: unknown): Promise<LightMyRequestResponse> =>
  callV1(app, method, `/v1/Borgerbooking${path}`, cpr, { token: tokenFor({ cpr }), body, requestId: randomUUID() });

describe('SQL statements per request (GetSelvbookingMoedetider, CreateBooking, ReserverMoedetid, CreateOmbooking)', () => {
  const { statementsOf } = countSqlStatements();
  test('the counts are pinned', async () => {
    const t = await opretMoedetilbud({
      moedetider: [
        { start: tid('09:00'), pladser: 5 },
        { start: tid('10:00'), pladser: 5 },
        { start: tid('11:00'), pladser: 1 },
      ],
    });
    const cpr = (await createCitizen()).cpr;
    const anden = (await createCitizen()).cpr;
    const interval = 'startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z';
    const laes = () => call('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider?${interval}`, cpr);
    await laes(); // warm the pool
    const book = (c: string, start: string, extra: Record<string, unknown> = {}) =>
      call('POST', `/Moedetilbud/${t.moedetilbudId}/Booking`, c, { moedeStarttidspunkt: start, samtaleformType: 1, ...extra });
    const counts: Record<string, number> = {};
    counts.moedetider = await statementsOf(laes, 200);
    counts.reserver = await statementsOf(() => call('POST', `/Moedetilbud/${t.moedetilbudId}/action/reserver`, cpr, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }), 201);
    // Booking another slot releases the hold (its slot is locked too).
    counts.book = await statementsOf(() => book(cpr, tid('10:00')), 201);
    counts.bookAlleredeBooket = await statementsOf(() => book(cpr, tid('09:00')), 409);
    counts.bookSidstePlads = await statementsOf(() => book(anden, tid('11:00')), 201);
    const fuld = (await createCitizen()).cpr;
    counts.bookFuld = await statementsOf(() => book(fuld, tid('11:00')), 409);
    const ind = (await call('GET', '/Indkaldelser', cpr)).json().indkaldelser[0].indkaldelseId as string;
    counts.ombook = await statementsOf(() => call('POST', `/Indkaldelser/${ind}/Ombooking`, cpr, { moedeStarttidspunkt: tid('09:00') }), 204);
    counts.reserverOmbooking = await statementsOf(
      () => call('POST', `/Moedetilbud/${t.moedetilbudId}/action/reserver`, cpr, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1, indkaldelseId: ind }),
      201,
    );
    expect(counts).toEqual({
      moedetider: 1,
      reserver: 5,
      book: 5,
      bookAlleredeBooket: 1,
      bookSidstePlads: 5,
      bookFuld: 5,
      ombook: 5,
      reserverOmbooking: 5,
    });
  });
});

test('CreateBooking: 30 citizens at once on a slot with 20 free seats: exactly 20 bookings (waiting for the slot lock never passes a free slot off as taken)', async () => {
  const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 20 }] });
  const cprs = await Promise.all(Array.from({ length: 30 }, async () => (await createCitizen()).cpr));
  const rs = await Promise.all(
    cprs.map((c) => call('POST', `/Moedetilbud/${t.moedetilbudId}/Booking`, c, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })),
  );
  const koder = rs.map((r) => (r.statusCode < 300 ? r.statusCode : r.json().fejl?.[0]?.fejlkode));
  expect(koder.filter((k) => k === 201)).toHaveLength(20);
  expect(koder.filter((k) => k === 4819)).toHaveLength(10);
});
