/**
 * Borgerbooking over HTTP (app.inject, real PostgreSQL and Redis) with a clock the tests move:
 * today is 2026-12-01 (Copenhagen). Every test works on fresh citizens and offers (helpers.ts).
 * Each rule's fejlkode is provoked here, naming the operation.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { createCitizen, randomCpr, testPrisma } from '../helpers/db';
import { callV1, expectProblem, type Method } from '../helpers/api';
import type { Clock } from '../../src/domain/clock';
import { opretFrist, opretIndkaldelse, opretMoedetilbud } from './helpers';

const NOW = Date.parse('2026-12-01T09:00:00.000Z');
let now = NOW;
const clock: Clock = { now: () => new Date(now) };
const BASE = '/v1/Borgerbooking';
/** 2026-12-03 at hh:mm Copenhagen (UTC+1). */
const tid = (hhmm: string, dag = '2026-12-03') => `${dag}T${hhmm}:00.000+01:00`;
const iso = (s: string) => new Date(s).toISOString();

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock, env: { BOOKING_HOLD_SECONDS: '300' } });
});
afterAll(async () => {
  await app?.close();
});
beforeEach(() => {
  now = NOW;
});

function call(method: Method, path: string, cpr: string, body?: unknown, token?: string): Promise<LightMyRequestResponse> {
  return callV1(app, method, `${BASE}${path}`, cpr, { token: token ?? tokenFor({ cpr }), body });
}
const borger = async (o: { doed?: string; kontaktgruppe?: number } = {}) => {
  const b = await createCitizen({ doedsdato: o.doed ?? null });
  if (o.kontaktgruppe) await testPrisma().borger.update({ where: { cpr: b.cpr }, data: { kontaktgruppe: o.kontaktgruppe } });
  return b.cpr;
};
/** An offer with slots at 09:00 (1 seat), 10:00 (2 seats), 11:00 (1 seat) on 2026-12-03. */
const tilbud = (spec: Parameters<typeof opretMoedetilbud>[0] = {}) =>
  opretMoedetilbud({ moedetider: [{ start: tid('09:00') }, { start: tid('10:00'), pladser: 2 }, { start: tid('11:00') }], ...spec });
const interval = '?startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z';
const book = (cpr: string, tilbudId: string, body: Record<string, unknown>) => call('POST', `/Moedetilbud/${tilbudId}/Booking`, cpr, body);
const reserver = (cpr: string, tilbudId: string, body: Record<string, unknown>) => call('POST', `/Moedetilbud/${tilbudId}/action/reserver`, cpr, body);
const seats = async (moedetidId: string) => (await testPrisma().moedetid.findUniqueOrThrow({ where: { id: moedetidId } })).optagnePladser;

describe('GetBorgerstatus', () => {
  test('deadlines, immediate booking required, kanSelvbooke; 1010 for an unknown citizen', async () => {
    const cpr = await borger();
    await tilbud();
    await opretFrist(cpr, { fristdato: '2026-12-05', sidsteAfholdelsesdato: '2026-12-10' });
    let res = await call('GET', '/Borgerstatus', cpr);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kanSelvbooke: true,
      frister: [{ friststatusType: 1, samtaleType: 1, fristdato: '2026-12-05', sidsteAfholdelsesdato: '2026-12-10' }],
      straksbookingPaakraevet: false,
    });
    await opretFrist(cpr, { samtaleType: 2, fristdato: '2026-12-02', sidsteAfholdelsesdato: '2026-12-04', straksbooking: true });
    res = await call('GET', '/Borgerstatus', cpr);
    expect(res.json()).toMatchObject({ kanSelvbooke: false, straksbookingPaakraevet: true });
    expectProblem(await call('GET', '/Borgerstatus', randomCpr()), 404, 1010);
  });
});

describe('GetSelvbookingMoedetilbud', () => {
  test('lists active self-bookable offers with caseworkers; filters; 4709, 4805, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud({ samtaleType: 4, moedetitel: 'Samtale med a-kasse' });
    const inaktiv = await tilbud({ samtaleType: 4, aktiv: false });
    const res = await call('GET', '/Moedetilbud?samtaleType=4', cpr);
    expect(res.statusCode).toBe(200);
    const ids = res.json().moedetilbud.map((m: { moedetilbudId: string }) => m.moedetilbudId);
    expect(ids).toContain(t.moedetilbudId);
    expect(ids).not.toContain(inaktiv.moedetilbudId);
    const mit = res.json().moedetilbud.find((m: { moedetilbudId: string }) => m.moedetilbudId === t.moedetilbudId);
    expect(mit).toMatchObject({ samtaleType: 4, moedeGruppeType: 1, samtaleformer: [1, 2], moedeVarighed: 30, moedetitel: 'Samtale med a-kasse' });
    expect(mit.sagsbehandlere).toHaveLength(2);
    expectProblem(await call('GET', '/Moedetilbud?samtaleType=99', cpr), 400, 4709, '/samtaleType');
    expectProblem(await call('GET', '/Moedetilbud?moedeGruppeType=9', cpr), 400, 4805, '/moedeGruppeType');
    expectProblem(await call('GET', '/Moedetilbud', randomCpr()), 404, 1010);
  });
});

describe('GetSelvbookingMoedetider', () => {
  test('free slots with seats and caseworkers; narrowed by form and caseworker', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const res = await call('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider${interval}`, cpr);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.moedetider.map((m: { starttidspunkt: string }) => m.starttidspunkt)).toEqual([iso(tid('09:00')), iso(tid('10:00')), iso(tid('11:00'))]);
    expect(body.moedetider[1]).toMatchObject({ maksimaltMoededeltagerantal: 2, antalLedigePladser: 2, samtaleformer: [1, 2], ombookingMulig: true });
    expect(body.bookbareSagsbehandlere.map((s: { id: number }) => s.id).sort()).toEqual(t.sagsbehandlere.map((s) => s.id).sort());
    const smal = await call('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider${interval}&samtaleformType=2&eksterntId=${t.sagsbehandlere[1].eksterntId}`, cpr);
    expect(smal.json().moedetider).toHaveLength(3);
  });

  test('4792, 4783, 4708, 8108, 4812, 4822, 9003, 4770, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const url = (q: string, id = t.moedetilbudId) => `/Moedetilbud/${id}/Moedetider?${q}`;
    expectProblem(await call('GET', url('startMoedetidsinterval=2026-12-05T00:00:00Z&slutMoedetidsinterval=2026-12-02T00:00:00Z'), cpr), 400, 4792);
    expectProblem(await call('GET', url('startMoedetidsinterval=2026-11-01T00:00:00Z&slutMoedetidsinterval=2026-11-05T00:00:00Z'), cpr), 422, 4783);
    expectProblem(await call('GET', url(`${interval.slice(1)}&samtaleformType=99`), cpr), 400, 4708);
    expectProblem(await call('GET', url(interval.slice(1), randomUUID()), cpr), 404, 8108);
    const inaktiv = await tilbud({ aktiv: false });
    expectProblem(await call('GET', url(interval.slice(1), inaktiv.moedetilbudId), cpr), 404, 8108);
    const ikkeSelv = await tilbud({ selvbookingTilladt: false });
    expectProblem(await call('GET', url(interval.slice(1), ikkeSelv.moedetilbudId), cpr), 422, 4812);
    expectProblem(await call('GET', url(`${interval.slice(1)}&eksterntId=ukendt-${randomUUID()}`), cpr), 404, 4822);
    const anden = await tilbud();
    expectProblem(await call('GET', url(`${interval.slice(1)}&eksterntId=${anden.sagsbehandlere[0].eksterntId}`), cpr), 422, 9003);
    expectProblem(await call('GET', url('startMoedetidsinterval=2026-12-10T00:00:00Z&slutMoedetidsinterval=2026-12-11T00:00:00Z'), cpr), 422, 4770);
    expectProblem(await call('GET', url(interval.slice(1)), randomCpr()), 404, 1010);
  });
});

describe('CreateBooking', () => {
  test('books a slot: 201, Location, the meeting in GetIndkaldelser, the seat taken', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const res = await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 2, sagsbehandlerEksterntId: t.sagsbehandlere[1].eksterntId });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/Borgerbooking/Indkaldelser');
    const { indkaldelseId } = res.json();
    expect(await seats(t.moedetidIder[1])).toBe(1);
    const list = await call('GET', '/Indkaldelser', cpr);
    expect(list.statusCode).toBe(200);
    expect(list.json().indkaldelser).toEqual([
      expect.objectContaining({
        indkaldelseId,
        indkalder: { organisationKode: 101, organisationType: 1 },
        selvbooket: true,
        straksbooking: false,
        accepteret: true,
        borgerSkalAcceptere: false,
        ombookingMulig: true,
        ombookingFrist: iso(tid('09:00')),
        aflysningMulig: true,
        moedeStarttidspunkt: iso(tid('10:00')),
        moedeSluttidspunkt: iso(tid('10:30')),
        samtaleType: 1,
        samtaleformType: 2,
        sagsbehandler: expect.objectContaining({ eksterntId: t.sagsbehandlere[1].eksterntId }),
        kontaktdetaljer: { telefonnummer: '+4570123456', borgerSkalRinge: false },
        moedetilbudId: t.moedetilbudId,
      }),
    ]);
  });

  test('the rules: 4708, 8108, 4812, 9121, 4783, 4819, 8109, 8288, 4822, 9003, 8273, 9220, 4405, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud({ foersteMoedetid: tid('09:00'), sidsteMoedetid: tid('10:00') });
    const b = (over: Record<string, unknown>, id = t.moedetilbudId, c = cpr) => book(c, id, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1, ...over });
    expectProblem(await b({ samtaleformType: 99 }), 400, 4708, '/samtaleformType');
    expectProblem(await b({ samtaleformType: 3 }), 400, 4708, '/samtaleformType');
    expectProblem(await b({}, randomUUID()), 404, 8108);
    expectProblem(await b({}, (await tilbud({ selvbookingTilladt: false })).moedetilbudId), 422, 4812);
    const rehab = await tilbud({ samtaleType: 17 });
    expectProblem(await b({}, rehab.moedetilbudId, await borger({ kontaktgruppe: 1 })), 422, 9121);
    expectProblem(await b({ moedeStarttidspunkt: '2026-11-30T09:00:00.000+01:00' }), 422, 4783);
    expectProblem(await b({ moedeStarttidspunkt: '2026-12-01T08:00:00.000+01:00' }), 409, 4819);
    expectProblem(await b({ moedeStarttidspunkt: tid('11:00') }), 422, 8109);
    expectProblem(await b({ moedeStarttidspunkt: tid('09:30') }), 409, 4819); // no slot at that time
    expectProblem(await b({ sagsbehandlerEksterntId: `ukendt-${randomUUID()}` }), 404, 4822);
    expectProblem(await b({ sagsbehandlerEksterntId: (await tilbud()).sagsbehandlere[0].eksterntId }), 422, 9003);
    const faelles = await tilbud({ moedeGruppeType: 2 }); // a group meeting: nobody chooses the caseworker
    expectProblem(await b({ sagsbehandlerEksterntId: faelles.sagsbehandlere[0].eksterntId }, faelles.moedetilbudId), 422, 9003);
    const fristBorger = await borger();
    await opretFrist(fristBorger, { fristdato: '2026-12-01', sidsteAfholdelsesdato: '2026-12-02' });
    expectProblem(await b({}, t.moedetilbudId, fristBorger), 422, 8288);
    expectProblem(await b({}, t.moedetilbudId, await borger({ doed: '2026-01-01' })), 422, 4405);
    expectProblem(await b({}, t.moedetilbudId, randomCpr()), 404, 1010);

    expect((await b({})).statusCode).toBe(201);
    // The slot at 09:00 has one seat: another citizen gets 4819.
    expectProblem(await b({}, t.moedetilbudId, await borger()), 409, 4819);
    // Already a Jobsamtale: 8273; an Opfoelgningssamtale twice: 9220.
    expectProblem(await b({ moedeStarttidspunkt: tid('10:00') }), 409, 8273);
    const opf = await tilbud({ samtaleType: 2, moedetitel: 'Opfølgningssamtale' });
    expect((await b({}, opf.moedetilbudId)).statusCode).toBe(201);
    expectProblem(await b({ moedeStarttidspunkt: tid('10:00') }, opf.moedetilbudId), 409, 9220);
  });

  test('a slot caseworker not bookable at that time: 9003; an immediate-booking offer gives an immediate booking', async () => {
    const cpr = await borger();
    const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), sagsbehandlere: [0] }] });
    expectProblem(await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1, sagsbehandlerEksterntId: t.sagsbehandlere[1].eksterntId }), 422, 9003);
    const straks = await opretMoedetilbud({ straksbooking: true, moedetider: [{ start: tid('09:00') }] });
    const res = await book(cpr, straks.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 });
    expect(res.statusCode).toBe(201);
    const row = await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: res.json().indkaldelseId } });
    expect(row).toMatchObject({ oprindelse: 'Straksbooket', straksbooking: true, ombookingMulig: false, aflysningMulig: false });
  });
});

describe('ReserverMoedetid', () => {
  test('a hold counts against the seats; CreateBooking confirms it; an expired hold is 4819 and frees its seat', async () => {
    const [a, b] = [await borger(), await borger()];
    const t = await tilbud();
    const hold = await reserver(a, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 });
    expect(hold.statusCode).toBe(201);
    expect(hold.json()).toMatchObject({ moedetilbudId: t.moedetilbudId, moedeStarttidspunkt: iso(tid('09:00')), udloeber: new Date(NOW + 300_000).toISOString() });
    expect(await seats(t.moedetidIder[0])).toBe(1);
    // Another citizen cannot hold or book the held seat.
    expectProblem(await reserver(b, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }), 409, 4819);
    expectProblem(await book(b, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }), 409, 4819);
    const slots = await call('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider${interval}`, b);
    expect(slots.json().moedetider.map((m: { starttidspunkt: string }) => m.starttidspunkt)).not.toContain(iso(tid('09:00')));
    // Confirmed with the hold id: the seat moves from the hold to the booking.
    const res = await book(a, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1, reservationId: hold.json().reservationId });
    expect(res.statusCode).toBe(201);
    expect(await seats(t.moedetidIder[0])).toBe(1);

    // b holds 11:00; 6 minutes later the hold has expired: 4819, and the seat is free again.
    const h2 = await reserver(b, t.moedetilbudId, { moedeStarttidspunkt: tid('11:00'), samtaleformType: 1 });
    expect(h2.statusCode).toBe(201);
    now = NOW + 6 * 60_000;
    expectProblem(await book(b, t.moedetilbudId, { moedeStarttidspunkt: tid('11:00'), samtaleformType: 1, reservationId: h2.json().reservationId }), 409, 4819);
    // The expired hold no longer counts: the slot shows its seat free, and a booking takes it (releasing the hold under the slot's lock).
    const frie = await call('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider${interval}`, a);
    expect(frie.json().moedetider.find((m: { starttidspunkt: string }) => m.starttidspunkt === iso(tid('11:00')))).toMatchObject({ antalLedigePladser: 1 });
    expect((await book(b, t.moedetilbudId, { moedeStarttidspunkt: tid('11:00'), samtaleformType: 1 })).statusCode).toBe(201);
    expect(await seats(t.moedetidIder[2])).toBe(1);
    expect(await testPrisma().moedetidHold.findUniqueOrThrow({ where: { id: h2.json().reservationId } })).toMatchObject({ status: 'Udloebet' });
  });

  test('a new hold releases the previous one, and so does a booking of another time; the rules of CreateBooking apply (8108, 4405, 8273)', async () => {
    const cpr = await borger();
    const t = await tilbud();
    await reserver(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 });
    expect(await seats(t.moedetidIder[0])).toBe(1);
    expect((await reserver(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('11:00'), samtaleformType: 1 })).statusCode).toBe(201);
    expect(await seats(t.moedetidIder[0])).toBe(0);
    expect(await seats(t.moedetidIder[2])).toBe(1);
    expectProblem(await reserver(cpr, randomUUID(), { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }), 404, 8108);
    expectProblem(await reserver(await borger({ doed: '2026-01-01' }), t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 }), 422, 4405);
    // Booking another time releases the citizen's hold on 11:00.
    expect((await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).statusCode).toBe(201);
    expect([await seats(t.moedetidIder[0]), await seats(t.moedetidIder[2])]).toEqual([1, 0]);
    expectProblem(await reserver(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1 }), 409, 8273);
  });

  test('a hold for a rebooking (indkaldelseId): 4768, 8107, 9130, 4820, 4709; CreateOmbooking confirms it', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId });
    const r = (over: Record<string, unknown>, c = cpr, tilbudId = t.moedetilbudId) =>
      reserver(c, tilbudId, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1, indkaldelseId: ind, ...over });
    expectProblem(await r({ indkaldelseId: randomUUID() }), 404, 4768);
    expectProblem(await r({}, await borger()), 404, 8107);
    const straks = await opretIndkaldelse(await borger(), { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id });
    const straksEjer = (await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: straks } })).cpr;
    await testPrisma().indkaldelse.update({ where: { id: straks }, data: { straksbooking: true, oprindelse: 'Straksbooket', selvbooket: true, moedetilbudId: t.moedetilbudId, moedetidId: t.moedetidIder[2], ombookingMulig: false, ombookingFrist: null, aflysningMulig: false, aflysningFrist: null } });
    expectProblem(await r({ indkaldelseId: straks }, straksEjer), 422, 9130);
    const laast = await opretIndkaldelse(await borger(), { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, ombookingMulig: false, moedetilbudId: t.moedetilbudId });
    const laastEjer = (await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: laast } })).cpr;
    expectProblem(await r({ indkaldelseId: laast }, laastEjer), 422, 4820);
    const andenType = await tilbud({ samtaleType: 3 });
    expectProblem(await r({}, cpr, andenType.moedetilbudId), 400, 4709);

    const hold = await r({});
    expect(hold.statusCode).toBe(201);
    const res = await call('POST', `/Indkaldelser/${ind}/Ombooking`, cpr, { moedeStarttidspunkt: tid('10:00'), reservationId: hold.json().reservationId });
    expect(res.statusCode).toBe(204);
    expect(await seats(t.moedetidIder[1])).toBe(1);
    expect(await testPrisma().moedetidHold.findUniqueOrThrow({ where: { id: hold.json().reservationId } })).toMatchObject({ status: 'Bekraeftet' });
  });
});

describe('CreateOmbooking', () => {
  test('moves a self-booked meeting: the old seat released, the new taken, accepted; a summons gets accepted too', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const { indkaldelseId } = (await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).json();
    const res = await call('POST', `/Indkaldelser/${indkaldelseId}/Ombooking`, cpr, { moedeStarttidspunkt: tid('11:00'), samtaleformType: 2 });
    expect(res.statusCode).toBe(204);
    expect([await seats(t.moedetidIder[0]), await seats(t.moedetidIder[2])]).toEqual([0, 1]);
    const row = await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: indkaldelseId } });
    expect(row).toMatchObject({ moedetidId: t.moedetidIder[2], samtaleform: 2, accepteret: true, status: 'Aktiv' });
    expect(row.starttidspunkt.toISOString()).toBe(iso(tid('11:00')));

    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), samtaleType: 2, sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: null });
    const opf = await tilbud({ samtaleType: 2 });
    expect((await call('POST', `/Indkaldelser/${ind}/Ombooking`, cpr, { moedeStarttidspunkt: tid('10:00'), moedetilbudId: opf.moedetilbudId })).statusCode).toBe(204);
    expect(await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: ind } })).toMatchObject({ accepteret: true, moedetidId: opf.moedetidIder[1] });
  });

  test('the rules: 4768, 8107, 9130, 4783, 4820, 8108, 4709, 4812, 4708, 8109, 8288, 4822, 9003, 4767, 4819, 4405, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud({ sidsteMoedetid: tid('10:00') });
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId });
    const o = (body: Record<string, unknown>, id = ind, c = cpr) => call('POST', `/Indkaldelser/${id}/Ombooking`, c, { moedeStarttidspunkt: tid('10:00'), ...body });
    expectProblem(await o({}, randomUUID()), 404, 4768);
    expectProblem(await o({}, ind, await borger()), 404, 8107);
    const straksCpr = await borger();
    const straks = await opretIndkaldelse(straksCpr, { start: tid('09:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId, moedetidId: t.moedetidIder[0], straksbooking: true, ombookingMulig: false, aflysningMulig: false });
    expectProblem(await o({}, straks, straksCpr), 422, 9130);
    const fortidCpr = await borger();
    now = Date.parse('2026-12-04T09:00:00Z');
    expectProblem(await o({}, await opretIndkaldelse(fortidCpr, { start: '2026-12-03T13:00:00Z', sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId }), fortidCpr), 422, 4783);
    now = NOW;
    const ikkeCpr = await borger();
    expectProblem(await o({}, await opretIndkaldelse(ikkeCpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, ombookingMulig: false }), ikkeCpr), 422, 4820);
    now = Date.parse(tid('12:30'));
    expectProblem(await o({}), 422, 4820); // past the rebooking deadline (one hour before)
    now = NOW;
    expectProblem(await o({ moedetilbudId: randomUUID() }), 404, 8108);
    expectProblem(await o({ moedetilbudId: (await tilbud({ samtaleType: 3 })).moedetilbudId }), 400, 4709);
    const udenCpr = await borger();
    expectProblem(await o({}, await opretIndkaldelse(udenCpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id }), udenCpr), 422, 4812);
    expectProblem(await o({ samtaleformType: 3 }), 400, 4708);
    expectProblem(await o({ moedeStarttidspunkt: '2026-11-30T10:00:00.000+01:00' }), 422, 4783);
    expectProblem(await o({ moedeStarttidspunkt: tid('11:00') }), 422, 8109);
    expectProblem(await o({ moedeStarttidspunkt: tid('09:30') }), 409, 4767);
    expectProblem(await o({ sagsbehandlerEksterntId: `ukendt-${randomUUID()}` }), 404, 4822);
    expectProblem(await o({ sagsbehandlerEksterntId: (await tilbud()).sagsbehandlere[0].eksterntId }), 422, 9003);
    await opretFrist(cpr, { fristdato: '2026-12-01', sidsteAfholdelsesdato: '2026-12-02' });
    expectProblem(await o({}), 422, 8288);
    await testPrisma().bookingFrist.deleteMany({ where: { cpr } });
    // 09:00 is full (another citizen booked it): 4767.
    expect((await book(await borger(), t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).statusCode).toBe(201);
    expectProblem(await o({ moedeStarttidspunkt: tid('09:00') }), 409, 4767);
    // An expired hold: 4819.
    const hold = await reserver(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1, indkaldelseId: ind });
    now = NOW + 10 * 60_000;
    expectProblem(await o({ reservationId: hold.json().reservationId }), 409, 4819);
    now = NOW;
    await testPrisma().borger.update({ where: { cpr }, data: { doedsdato: new Date('2026-11-01') } });
    expectProblem(await o({}), 422, 4405);
    expectProblem(await o({}, ind, randomCpr()), 404, 1010);
  });
});

describe('DeleteBooking', () => {
  test('cancels and releases the seat; 4768 a second time; 8107, 9130, 4650, 4820, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const { indkaldelseId } = (await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).json();
    expectProblem(await call('DELETE', `/Indkaldelser/${indkaldelseId}`, await borger()), 404, 8107);
    const res = await call('DELETE', `/Indkaldelser/${indkaldelseId}`, cpr);
    expect(res.statusCode).toBe(204);
    expect(await seats(t.moedetidIder[0])).toBe(0);
    expect(await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: indkaldelseId } })).toMatchObject({ status: 'Aflyst' });
    expectProblem(await call('DELETE', `/Indkaldelser/${indkaldelseId}`, cpr), 404, 4768);
    expectProblem(await call('DELETE', `/Indkaldelser/${randomUUID()}`, cpr), 404, 4768);
    const straks = await opretMoedetilbud({ straksbooking: true, moedetider: [{ start: tid('09:00') }] });
    const s = (await book(cpr, straks.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).json().indkaldelseId;
    expectProblem(await call('DELETE', `/Indkaldelser/${s}`, cpr), 422, 9130);
    const c2 = await borger();
    const ind = await opretIndkaldelse(c2, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id });
    now = Date.parse(tid('12:30'));
    expectProblem(await call('DELETE', `/Indkaldelser/${ind}`, c2), 422, 4820); // past the cancellation deadline
    now = Date.parse(tid('13:05'));
    expectProblem(await call('DELETE', `/Indkaldelser/${ind}`, c2), 422, 4650);
    now = NOW;
    const c3 = await borger();
    expectProblem(await call('DELETE', `/Indkaldelser/${await opretIndkaldelse(c3, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, aflysningMulig: false })}`, c3), 422, 4820);
    expectProblem(await call('DELETE', `/Indkaldelser/${ind}`, randomCpr()), 404, 1010);
  });
});

describe('SaveIndkaldelsesaccept', () => {
  test('accepts a summons; 4768, 8107, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id });
    const res = await call('POST', `/Indkaldelser/${ind}/action/accepter`, cpr);
    expect(res.statusCode).toBe(204);
    expect(await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: ind } })).toMatchObject({ accepteret: true });
    expect((await call('POST', `/Indkaldelser/${ind}/action/accepter`, cpr)).statusCode).toBe(204);
    expectProblem(await call('POST', `/Indkaldelser/${randomUUID()}/action/accepter`, cpr), 404, 4768);
    expectProblem(await call('POST', `/Indkaldelser/${ind}/action/accepter`, await borger()), 404, 8107);
    expectProblem(await call('POST', `/Indkaldelser/${ind}/action/accepter`, randomCpr()), 404, 1010);
  });
});

describe('GetIndkaldelser', () => {
  test('summoned and self-booked meetings from today, not cancelled ones; 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), samtaleType: 2, sagsbehandlerId: t.sagsbehandlere[0].id });
    const igaar = await opretIndkaldelse(cpr, { start: '2026-11-30T13:00:00.000+01:00', samtaleType: 3, sagsbehandlerId: t.sagsbehandlere[0].id });
    const { indkaldelseId } = (await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).json();
    const res = await call('GET', '/Indkaldelser', cpr);
    expect(res.statusCode).toBe(200);
    const ids = res.json().indkaldelser.map((i: { indkaldelseId: string }) => i.indkaldelseId);
    expect(ids).toEqual([indkaldelseId, ind]);
    expect(ids).not.toContain(igaar);
    expect(res.json().indkaldelser[1]).toMatchObject({ selvbooket: false, borgerSkalAcceptere: true, accepteret: false, moedeLokation: { adresse: { vejnavn: 'Jobcentervej' } } });
    expectProblem(await call('GET', '/Indkaldelser', randomCpr()), 404, 1010);
  });
});

describe('GetOmbookingSagsbehandlere and GetOmbookingMoedetider', () => {
  test('the caseworkers and the free slots to rebook to (not its own)', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const { indkaldelseId } = (await book(cpr, t.moedetilbudId, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 })).json();
    const s = await call('GET', `/Indkaldelser/${indkaldelseId}/Ombooking/Sagsbehandlere`, cpr);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ borgerKanVaelgeSagsbehandler: true });
    expect(s.json().sagsbehandlere).toHaveLength(2);
    const m = await call('GET', `/Indkaldelser/${indkaldelseId}/Ombooking/Moedetider${interval}`, cpr);
    expect(m.statusCode).toBe(200);
    expect(m.json().samtaleType).toBe(1);
    expect(m.json().moedetider.map((x: { starttidspunkt: string }) => x.starttidspunkt)).toEqual([iso(tid('10:00')), iso(tid('11:00'))]);
  });

  test('GetOmbookingSagsbehandlere: 4768, 8107, 9130, 4783, 4820, 4812, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const g = (id: string, c = cpr) => call('GET', `/Indkaldelser/${id}/Ombooking/Sagsbehandlere`, c);
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId });
    expectProblem(await g(randomUUID()), 404, 4768);
    expectProblem(await g(ind, await borger()), 404, 8107);
    const sc = await borger();
    expectProblem(await g(await opretIndkaldelse(sc, { start: tid('09:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId, moedetidId: t.moedetidIder[0], straksbooking: true, ombookingMulig: false, aflysningMulig: false }), sc), 422, 9130);
    const fc = await borger();
    const fortid = await opretIndkaldelse(fc, { start: '2026-11-30T13:00:00.000+01:00', sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId });
    expectProblem(await g(fortid, fc), 422, 4783);
    const ic = await borger();
    expectProblem(await g(await opretIndkaldelse(ic, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, ombookingMulig: false }), ic), 422, 4820);
    const uc = await borger();
    expectProblem(await g(await opretIndkaldelse(uc, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id }), uc), 422, 4812);
    expectProblem(await g(ind, randomCpr()), 404, 1010);
  });

  test('GetOmbookingMoedetider: 4768, 8107, 9130, 4783, 4820, 8108, 4709, 4812, 4792, 4708, 4822, 9003, 4770, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId });
    const g = (q: string, id = ind, c = cpr) => call('GET', `/Indkaldelser/${id}/Ombooking/Moedetider?${q}`, c);
    const iv = interval.slice(1);
    expectProblem(await g(iv, randomUUID()), 404, 4768);
    expectProblem(await g(iv, ind, await borger()), 404, 8107);
    const sc = await borger();
    expectProblem(await g(iv, await opretIndkaldelse(sc, { start: tid('09:00'), sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId, moedetidId: t.moedetidIder[0], straksbooking: true, ombookingMulig: false, aflysningMulig: false }), sc), 422, 9130);
    const fc = await borger();
    expectProblem(await g(iv, await opretIndkaldelse(fc, { start: '2026-11-30T13:00:00.000+01:00', sagsbehandlerId: t.sagsbehandlere[0].id, moedetilbudId: t.moedetilbudId }), fc), 422, 4783);
    const ic = await borger();
    expectProblem(await g(iv, await opretIndkaldelse(ic, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id, ombookingMulig: false }), ic), 422, 4820);
    expectProblem(await g(`${iv}&moedetilbudId=${randomUUID()}`), 404, 8108);
    expectProblem(await g(`${iv}&moedetilbudId=${(await tilbud({ samtaleType: 3 })).moedetilbudId}`), 400, 4709);
    const uc = await borger();
    expectProblem(await g(iv, await opretIndkaldelse(uc, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id }), uc), 422, 4812);
    expectProblem(await g('startMoedetidsinterval=2026-12-05T00:00:00Z&slutMoedetidsinterval=2026-12-02T00:00:00Z'), 400, 4792);
    expectProblem(await g(`${iv}&samtaleformType=42`), 400, 4708);
    expectProblem(await g(`${iv}&eksterntId=ukendt-${randomUUID()}`), 404, 4822);
    expectProblem(await g(`${iv}&eksterntId=${(await tilbud()).sagsbehandlere[0].eksterntId}`), 422, 9003);
    expectProblem(await g('startMoedetidsinterval=2026-12-20T00:00:00Z&slutMoedetidsinterval=2026-12-21T00:00:00Z'), 422, 4770);
    expectProblem(await g(iv, ind, randomCpr()), 404, 1010);
  });
});

describe('GetStraksbookingMoedetider', () => {
  test('slots of immediate-booking offers of the deadline’s type up to its last day; 4770 without such a deadline or slots; 1010', async () => {
    const cpr = await borger();
    expectProblem(await call('GET', '/Straksbooking/Moedetider', cpr), 422, 4770);
    await opretFrist(cpr, { samtaleType: 18, fristdato: '2026-12-02', sidsteAfholdelsesdato: '2026-12-03', straksbooking: true });
    expectProblem(await call('GET', '/Straksbooking/Moedetider', cpr), 422, 4770); // no immediate-booking offer of the type
    await testPrisma().bookingFrist.deleteMany({ where: { cpr } });
    // samtaleType 4: no other test file makes immediate-booking offers of it (the test database is shared).
    await opretFrist(cpr, { samtaleType: 4, fristdato: '2026-12-02', sidsteAfholdelsesdato: '2026-12-03', straksbooking: true });
    const s = await opretMoedetilbud({ samtaleType: 4, straksbooking: true, moedetider: [{ start: tid('09:00') }, { start: tid('09:00', '2026-12-08') }] });
    const ikke = await opretMoedetilbud({ samtaleType: 4, moedetider: [{ start: tid('10:00') }] }); // not for immediate booking
    const res = await call('GET', '/Straksbooking/Moedetider', cpr);
    expect(res.statusCode).toBe(200);
    const mine = res.json().straksbookingMoedetider.filter((m: { moedetilbudId: string }) => [s.moedetilbudId, ikke.moedetilbudId].includes(m.moedetilbudId));
    expect(mine).toEqual([
      expect.objectContaining({ starttidspunkt: iso(tid('09:00')), moedetilbudId: s.moedetilbudId, samtaleType: 4, ombookingMulig: false, aflysningMulig: false }),
    ]);
    expectProblem(await call('GET', '/Straksbooking/Moedetider', randomCpr()), 404, 1010);
  });
});

describe('CreateFejlmelding', () => {
  test('stores the report; 9931 for an illegal fejlOphav; 8108, 4768, 8107, 1010', async () => {
    const cpr = await borger();
    const t = await tilbud();
    const ind = await opretIndkaldelse(cpr, { start: tid('13:00'), sagsbehandlerId: t.sagsbehandlere[0].id });
    const f = (over: Record<string, unknown>, c = cpr) =>
      call('POST', '/Fejlmeldinger', c, { fejlkode: 1001, fejltekst: 'x'.repeat(500), fejlOphav: 32, fejlTidspunkt: '2026-12-01T09:59:00+01:00', ...over });
    expect((await f({ moedetilbudId: t.moedetilbudId, indkaldelseId: ind })).statusCode).toBe(204);
    expect((await f({ fejlOphav: 30 })).statusCode).toBe(204);
    expect(await testPrisma().fejlmelding.count({ where: { cpr } })).toBe(2);
    expectProblem(await f({ fejlOphav: 31 }), 422, 9931, '/fejlOphav');
    expectProblem(await f({ fejltekst: 'x'.repeat(501) }), 400, 1014);
    expectProblem(await f({ moedetilbudId: randomUUID() }), 404, 8108);
    expectProblem(await f({ indkaldelseId: randomUUID() }), 404, 4768);
    expectProblem(await f({ indkaldelseId: ind }, await borger()), 404, 8107);
    expectProblem(await f({}, randomCpr()), 404, 1010);
  });
});

describe('who may', () => {
  test('a planner token (jobcenter) gets 403 on the citizen operations', async () => {
    const cpr = await borger();
    expectProblem(await call('GET', '/Borgerstatus', cpr, undefined, tokenFor({ role: 'jobcenter' })), 403, 4575);
  });
});
