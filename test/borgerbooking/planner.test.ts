/**
 * The planning API (/v1/Borgerbooking/Planlaegning): offers, slots, seats, caseworkers, deadlines,
 * summons, bookings per offer and slot, error reports; who may call it; every rule with its fejlkode.
 * The app's clock is fixed (NOW), so "today" and "before today" are exact.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, expectProblem, fejlkoder, type Method } from '../helpers/api';
import { createCitizen, testPrisma } from '../helpers/db';
import { fixedClock } from '../../src/domain/clock';
import { opretMoedetilbud, opretSagsbehandler, planIndkaldelse, planTilbud } from './helpers';

const NOW = '2030-03-04T08:00:00.000Z';
const DAG = 86_400_000;
/** An instant `days` days (and `hours` hours) after NOW, as an ISO string. */
const om = (days: number, hours = 0) => new Date(Date.parse(NOW) + days * DAG + hours * 3_600_000).toISOString();

const BASE = '/v1/Borgerbooking/Planlaegning';
const AARHUS = tokenFor({ role: 'jobcenter', org: '751' });
const KBH = tokenFor({ role: 'jobcenter', org: '101' });
const SYSTEM = tokenFor({ role: 'system' });
const INGEN = '0000000000';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock(NOW) });
});
afterAll(async () => {
  await app?.close();
});

/** A planner call: the Aarhus job centre's token unless told otherwise, CPR header 0000000000 unless given. */
function plan(method: Method, path: string, opts: { body?: unknown; token?: string; cpr?: string } = {}) {
  return callV1(app, method, `${BASE}${path}`, opts.cpr ?? INGEN, { token: opts.token ?? AARHUS, ...(opts.body !== undefined ? { body: opts.body } : {}) });
}

const eid = () => `CVR:29189803-RID:${randomUUID().slice(0, 8)}`;

const tilbud = (over: Record<string, unknown> = {}) => planTilbud(om, over);

async function opret(over: Record<string, unknown> = {}, token = AARHUS) {
  const res = await plan('POST', '/Moedetilbud', { body: tilbud(over), token });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/** A valid summons by phone, the citizen calls, Opfølgningssamtale in 3 days. */
const indkaldelse = (over: Record<string, unknown> = {}) => planIndkaldelse(om, over);

describe('who may plan', () => {
  it('refuses citizens, other roles and a job centre without its municipality code (403/4575)', async () => {
    const { cpr } = await createCitizen();
    expectProblem(await plan('GET', '/Moedetilbud', { token: tokenFor({ cpr }), cpr }), 403, 4575);
    expectProblem(await plan('GET', '/Moedetilbud', { token: tokenFor({ role: 'a-kasse', org: '1001' }) }), 403, 4575);
    expectProblem(await plan('GET', '/Moedetilbud', { token: tokenFor({ role: 'jobcenter' }) }), 403, 4575);
    expectProblem(await plan('POST', '/Moedetilbud', { token: tokenFor({ cpr }), cpr, body: tilbud() }), 403, 4575);
  });

  it('CreateMoedetilbud: a job centre creates for its own municipality only (4575); a system integration names it (1014)', async () => {
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ kommunekode: '101' }) }), 403, 4575, '/kommunekode');
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud(), token: SYSTEM }), 400, 1014, '/kommunekode');
    const t = await opret({ kommunekode: '461' }, SYSTEM);
    expect(t.kommunekode).toBe('461');
  });

  it("a job centre sees only its own municipality's offers; another's answers as unknown (GetMoedetilbud 404/8108)", async () => {
    const t = await opret();
    expectProblem(await plan('GET', `/Moedetilbud/${t.moedetilbudId}`, { token: KBH }), 404, 8108);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, { token: KBH, body: tilbud({ moedetider: undefined }) }), 404, 8108);
    const kbh = (await plan('GET', '/Moedetilbud?antal=200', { token: KBH })).json();
    expect(kbh.moedetilbud.map((x: { moedetilbudId: string }) => x.moedetilbudId)).not.toContain(t.moedetilbudId);
    const aarhus = (await plan('GET', '/Moedetilbud?antal=200')).json();
    expect(aarhus.moedetilbud.map((x: { moedetilbudId: string }) => x.moedetilbudId)).toContain(t.moedetilbudId);
    expect(aarhus.moedetilbud.every((x: { kommunekode: string }) => x.kommunekode === '751')).toBe(true);
    expect((await plan('GET', `/Moedetilbud/${t.moedetilbudId}`, { token: SYSTEM })).statusCode).toBe(200);
  });
});

describe('offers (CreateMoedetilbud, GetMoedetilbud, GetMoedetilbudListe, UpdateMoedetilbud, DeaktiverMoedetilbud)', () => {
  it('CreateMoedetilbud creates the offer, its caseworkers and slots; GetMoedetilbud reads it back', async () => {
    const body = tilbud();
    const res = await plan('POST', '/Moedetilbud', { body });
    expect(res.statusCode).toBe(201);
    const t = res.json();
    expect(res.headers.location).toBe(`${BASE}/Moedetilbud/${t.moedetilbudId}`);
    expect(t).toMatchObject({ kommunekode: '751', aktiv: true, samtaleType: 1, ombookingFristMinutter: 1440, aflysningFristMinutter: 120 });
    expect(t.sagsbehandlere.map((s: { eksterntId: string }) => s.eksterntId).sort()).toEqual(body.sagsbehandlere.map((s) => s.eksterntId).sort());
    expect(t.moedetider).toHaveLength(2);
    expect(t.moedetider[0]).toMatchObject({ starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 2, antalBookede: 0, antalLedigePladser: 2, samtaleformer: [1, 2], aktiv: true });
    expect(t.moedetider[0].sagsbehandlerEksterntIder).toHaveLength(2);
    expect(t.moedetider[1].samtaleformer).toEqual([2]);
    const get = await plan('GET', `/Moedetilbud/${t.moedetilbudId.toUpperCase()}`);
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual(t);
    const row = await testPrisma().moedetilbud.findUniqueOrThrow({ where: { id: t.moedetilbudId } });
    expect(row.kommunekode).toBe('751');
  });

  it('CreateMoedetilbud answers every broken rule together and stores nothing', async () => {
    const titel = `Ugyldig ${randomUUID()}`;
    const res = await plan('POST', '/Moedetilbud', {
      body: tilbud({
        moedetitel: titel,
        samtaleType: 99,
        moedeGruppeType: 9,
        samtaleformer: [1, 7],
        moedeLokation: undefined,
        moedeVarighed: 1441,
        foersteMoedetid: om(5),
        sidsteMoedetid: om(4),
        ombookingFristMinutter: undefined,
        aflysningFristMinutter: undefined,
        moedetider: [],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(fejlkoder(res).sort()).toEqual([4708, 4709, 4792, 4805, 8126, 8128, 8129, 8135].sort());
    expect(await testPrisma().moedetilbud.count({ where: { moedetitel: titel } })).toBe(0);
  });

  it('CreateMoedetilbud: 8127 (cancellation deadline without cancelling), 8270 (rebooking for type 17/18), 8135 alone (422)', async () => {
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ aflysningMulig: false }) }), 422, 8127, '/aflysningFristMinutter');
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ samtaleType: 17 }) }), 422, 8270, '/ombookingMulig');
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ moedeVarighed: 1500 }) }), 422, 8135, '/moedeVarighed');
    const ok = await opret({ samtaleType: 18, ombookingMulig: false, ombookingFristMinutter: undefined });
    expect(ok.ombookingMulig).toBe(false);
  });

  it('CreateMoedetilbud: at least one caseworker; group meetings never let the citizen choose and always have a last time (1014)', async () => {
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ sagsbehandlere: [] }) }), 400, 1014, '/sagsbehandlere');
    const res = await plan('POST', '/Moedetilbud', { body: tilbud({ moedeGruppeType: 2, sidsteMoedetid: undefined }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().fejl.map((f: { felt: string }) => f.felt).sort()).toEqual(['/borgerKanVaelgeSagsbehandler', '/sidsteMoedetid']);
  });

  it('CreateMoedetilbud: slot rules 4783 (before today), 8109 (outside the range), 9941 (same start twice), 4708, 9003', async () => {
    const igaar = await plan('POST', '/Moedetilbud', { body: tilbud({ foersteMoedetid: undefined, moedetider: [{ starttidspunkt: om(-1), maksimaltMoededeltagerantal: 1 }] }) });
    expectProblem(igaar, 422, 4783, '/moedetider/0/starttidspunkt');
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ moedetider: [{ starttidspunkt: om(30), maksimaltMoededeltagerantal: 1 }] }) }), 422, 8109, '/moedetider/0/starttidspunkt');
    const dobbelt = [
      { starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 1 },
      { starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 1 },
    ];
    expectProblem(await plan('POST', '/Moedetilbud', { body: tilbud({ moedetider: dobbelt }) }), 409, 9941, '/moedetider/1/starttidspunkt');
    const form = await plan('POST', '/Moedetilbud', { body: tilbud({ moedetider: [{ starttidspunkt: om(2), maksimaltMoededeltagerantal: 1, samtaleformer: [3] }] }) });
    expectProblem(form, 400, 4708, '/moedetider/0/samtaleformer/0');
    const fremmed = await plan('POST', '/Moedetilbud', { body: tilbud({ moedetider: [{ starttidspunkt: om(2), maksimaltMoededeltagerantal: 1, sagsbehandlerEksterntIder: ['ukendt'] }] }) });
    expectProblem(fremmed, 422, 9003, '/moedetider/0/sagsbehandlerEksterntIder/0');
  });

  it("CreateMoedetilbud: another municipality's caseworker cannot be used (9003); nothing is stored", async () => {
    const kbh = await opretSagsbehandler({}, '101');
    const titel = `Fremmed ${randomUUID()}`;
    const res = await plan('POST', '/Moedetilbud', { body: tilbud({ moedetitel: titel, sagsbehandlere: [{ fornavne: 'A', efternavn: 'B', eksterntId: kbh.eksterntId }] }) });
    expectProblem(res, 422, 9003, '/sagsbehandlere/0/eksterntId');
    expect(await testPrisma().moedetilbud.count({ where: { moedetitel: titel } })).toBe(0);
    expect((await testPrisma().bookingSagsbehandler.findUniqueOrThrow({ where: { eksterntId: kbh.eksterntId } })).fornavne).not.toBe('A');
  });

  it('UpdateMoedetilbud replaces the fields and caseworkers; slots follow; deactivated: 8108', async () => {
    const t = await opret();
    const ny = { fornavne: 'Nina', efternavn: 'Nielsen', eksterntId: eid() };
    const body = tilbud({ moedetider: undefined, samtaleformer: [2], moedeLokation: undefined, moedetitel: 'Telefonsamtale', ombookingMulig: false, ombookingFristMinutter: undefined, sagsbehandlere: [ny] });
    const res = await plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, { body });
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u).toMatchObject({ moedetitel: 'Telefonsamtale', samtaleformer: [2], ombookingMulig: false });
    expect(u.moedeLokation).toBeUndefined();
    expect(u.sagsbehandlere.map((s: { eksterntId: string }) => s.eksterntId)).toEqual([ny.eksterntId]);
    expect(u.moedetider.map((m: { samtaleformer: number[] }) => m.samtaleformer)).toEqual([[2], [2]]);
    // The slots lost their caseworkers and got the offer's new one.
    expect(u.moedetider.map((m: { sagsbehandlerEksterntIder: string[] }) => m.sagsbehandlerEksterntIder)).toEqual([[ny.eksterntId], [ny.eksterntId]]);
    expect(await testPrisma().moedetid.count({ where: { moedetilbudId: t.moedetilbudId, ombookingMulig: true } })).toBe(0);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, { body: { ...body, samtaleType: 17, ombookingMulig: true, ombookingFristMinutter: 60 } }), 422, 8270);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, { body: { ...body, samtaleformer: [1] } }), 400, 8129);

    const d = await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`);
    expect(d.statusCode).toBe(200);
    expect(d.json().aktiv).toBe(false);
    expect((await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`)).json().aktiv).toBe(false);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, { body }), 404, 8108);
    expectProblem(await plan('POST', `/Moedetilbud/${randomUUID()}/action/deaktiver`), 404, 8108);
    expectProblem(await plan('GET', `/Moedetilbud/${randomUUID()}`), 404, 8108);
    const liste = (await plan('GET', '/Moedetilbud?aktiv=false&antal=200')).json();
    expect(liste.moedetilbud.map((x: { moedetilbudId: string }) => x.moedetilbudId)).toContain(t.moedetilbudId);
  });
});

describe('slots (CreateMoedetider, UpdateMoedetid, DeaktiverMoedetid)', () => {
  it('CreateMoedetider adds slots; rules 9941 (existing start), 4783, 8109, 4708, 9003; unknown or inactive offer 8108', async () => {
    const t = await opret();
    const url = `/Moedetilbud/${t.moedetilbudId}/Moedetider`;
    const res = await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(3), maksimaltMoededeltagerantal: 10, sagsbehandlerEksterntIder: [t.sagsbehandlere[0].eksterntId] }] } });
    expect(res.statusCode).toBe(201);
    expect(res.json().moedetider).toEqual([expect.objectContaining({ starttidspunkt: om(3), maksimaltMoededeltagerantal: 10, antalLedigePladser: 10, sagsbehandlerEksterntIder: [t.sagsbehandlere[0].eksterntId] })]);
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(3), maksimaltMoededeltagerantal: 1 }] } }), 409, 9941, '/moedetider/0/starttidspunkt');
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(-2), maksimaltMoededeltagerantal: 1 }] } }), 422, 4783);
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(21), maksimaltMoededeltagerantal: 1 }] } }), 422, 8109);
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(4), maksimaltMoededeltagerantal: 1, samtaleformer: [4] }] } }), 400, 4708);
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(4), maksimaltMoededeltagerantal: 1, sagsbehandlerEksterntIder: [eid()] }] } }), 422, 9003);
    expect(await testPrisma().moedetid.count({ where: { moedetilbudId: t.moedetilbudId } })).toBe(3);
    expectProblem(await plan('POST', `/Moedetilbud/${randomUUID()}/Moedetider`, { body: { moedetider: [{ starttidspunkt: om(3), maksimaltMoededeltagerantal: 1 }] } }), 404, 8108);
    await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`);
    expectProblem(await plan('POST', url, { body: { moedetider: [{ starttidspunkt: om(5), maksimaltMoededeltagerantal: 1 }] } }), 404, 8108);
  });

  it('UpdateMoedetid: fewer seats than are taken by summons and holds is refused (9942); unknown slot 4589; 4708; 9003; deactivated offer 8108', async () => {
    const t = await opret();
    const slot = t.moedetider[0];
    const url = `/Moedetilbud/${t.moedetilbudId}/Moedetider/${slot.moedetidId}`;
    const up = await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 3 } });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ maksimaltMoededeltagerantal: 3, antalLedigePladser: 3 });
    // Two summons on the slot take two seats.
    for (let i = 0; i < 2; i++) {
      const { cpr } = await createCitizen();
      const res = await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ moedetilbudId: t.moedetilbudId, samtaleType: 1, moedeStarttidspunkt: slot.starttidspunkt, samtaleformType: 2 }) });
      expect(res.statusCode).toBe(201);
    }
    expectProblem(await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 1 } }), 409, 9942, '/maksimaltMoededeltagerantal');
    // An expired hold no longer counts; an active one does.
    const holder = await createCitizen();
    await testPrisma().$executeRaw`UPDATE moedetid SET "optagnePladser" = "optagnePladser" + 1 WHERE id = ${slot.moedetidId}::uuid`;
    await testPrisma().moedetidHold.create({ data: { id: randomUUID(), cpr: holder.cpr, moedetidId: slot.moedetidId, oprettet: new Date(Date.parse(NOW) - 600_000), udloeber: new Date(Date.parse(NOW) - 300_000) } });
    const two = await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 2 } });
    expect(two.statusCode).toBe(200);
    expect(two.json()).toMatchObject({ maksimaltMoededeltagerantal: 2, antalBookede: 2, antalReserverede: 0, antalLedigePladser: 0 });
    expect((await testPrisma().moedetid.findUniqueOrThrow({ where: { id: slot.moedetidId } })).optagnePladser).toBe(2);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${randomUUID()}`, { body: { maksimaltMoededeltagerantal: 1 } }), 404, 4589);
    expectProblem(await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 5, samtaleformer: [3] } }), 400, 4708);
    expectProblem(await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 5, sagsbehandlerEksterntIder: ['x'] } }), 422, 9003);
    expectProblem(await plan('PUT', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${slot.moedetidId}`, { token: KBH, body: { maksimaltMoededeltagerantal: 5 } }), 404, 8108);
    const caseworkers = await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 5, samtaleformer: [2], sagsbehandlerEksterntIder: [t.sagsbehandlere[1].eksterntId] } });
    expect(caseworkers.json()).toMatchObject({ samtaleformer: [2], sagsbehandlerEksterntIder: [t.sagsbehandlere[1].eksterntId] });
    // A deactivated offer's slots are not changed any more (as the offer itself and CreateMoedetider).
    await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`);
    expectProblem(await plan('PUT', url, { body: { maksimaltMoededeltagerantal: 9 } }), 404, 8108);
    expect((await testPrisma().moedetid.findUniqueOrThrow({ where: { id: slot.moedetidId } })).pladser).toBe(5);
  });

  it('DeaktiverMoedetid deactivates a slot; unknown slot 4589, unknown offer 8108', async () => {
    const t = await opret();
    const res = await plan('POST', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${t.moedetider[1].moedetidId}/action/deaktiver`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ aktiv: false, antalLedigePladser: 0 });
    expectProblem(await plan('POST', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${randomUUID()}/action/deaktiver`), 404, 4589);
    expectProblem(await plan('POST', `/Moedetilbud/${randomUUID()}/Moedetider/${t.moedetider[1].moedetidId}/action/deaktiver`), 404, 8108);
  });

  it('UpdateMoedetid while 50 citizens book the slot: the seats are never below the bookings (9942 or a full slot, 4819)', async () => {
    const t = await opret({ moedetider: [{ starttidspunkt: om(7), maksimaltMoededeltagerantal: 30 }] });
    const slot = t.moedetider[0];
    const citizens = await Promise.all(Array.from({ length: 50 }, () => createCitizen()));
    const bookinger = citizens.map(({ cpr }) =>
      callV1(app, 'POST', `/v1/Borgerbooking/Moedetilbud/${t.moedetilbudId}/Booking`, cpr, { body: { moedeStarttidspunkt: slot.starttidspunkt, samtaleformType: 1 } }),
    );
    const opdateringer = Array.from({ length: 5 }, () => plan('PUT', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${slot.moedetidId}`, { body: { maksimaltMoededeltagerantal: 20 } }));
    const [b, o] = await Promise.all([Promise.all(bookinger), Promise.all(opdateringer)]);
    const booked = b.filter((r) => r.statusCode === 201).length;
    expect(b.every((r) => r.statusCode === 201 || (r.statusCode === 409 && r.json().fejl[0].fejlkode === 4819))).toBe(true);
    expect(o.every((r) => r.statusCode === 200 || (r.statusCode === 409 && r.json().fejl[0].fejlkode === 9942))).toBe(true);
    const row = await testPrisma().moedetid.findUniqueOrThrow({ where: { id: slot.moedetidId } });
    const aktive = await testPrisma().indkaldelse.count({ where: { moedetidId: slot.moedetidId, status: 'Aktiv' } });
    expect({ aktive, optagne: row.optagnePladser }).toEqual({ aktive: booked, optagne: booked });
    expect(row.optagnePladser).toBeLessThanOrEqual(row.pladser);
    // Seats were lowered to 20 only if no more than 20 were taken then, and no booking got past them afterwards.
    if (o.some((r) => r.statusCode === 200)) expect({ pladser: row.pladser, booked: booked <= 20 }).toEqual({ pladser: 20, booked: true });
    else expect({ pladser: row.pladser, booked }).toEqual({ pladser: 30, booked: 30 });
  });

  it('20 summons at once on a slot with 5 seats: exactly 5 get a seat, the others 4819', async () => {
    const t = await opret({ moedetider: [{ starttidspunkt: om(6), maksimaltMoededeltagerantal: 5 }] });
    const citizens = await Promise.all(Array.from({ length: 20 }, () => createCitizen()));
    const answers = await Promise.all(
      citizens.map(({ cpr }) =>
        plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ moedetilbudId: t.moedetilbudId, samtaleType: 1, moedeStarttidspunkt: om(6), samtaleformType: 2 }) }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 409 && a.json().fejl[0].fejlkode === 4819)).toHaveLength(15);
    const slot = await testPrisma().moedetid.findUniqueOrThrow({ where: { id: t.moedetider[0].moedetidId } });
    expect(slot.optagnePladser).toBe(5);
    expect(await testPrisma().indkaldelse.count({ where: { moedetidId: slot.id, status: 'Aktiv' } })).toBe(5);
  });
});

describe('bookings per offer and slot (GetBookingerPaaMoedetilbud, GetBookingerPaaMoedetid)', () => {
  it('lists the meetings on the offer and on one slot; unknown offer 8108, unknown slot 4589', async () => {
    const t = await opret();
    const a = await createCitizen();
    const b = await createCitizen();
    const slot0 = t.moedetider[0];
    const s1 = await plan('POST', '/Indkaldelser', { cpr: a.cpr, body: indkaldelse({ moedetilbudId: t.moedetilbudId, samtaleType: 1, moedeStarttidspunkt: slot0.starttidspunkt }) });
    const s2 = await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: indkaldelse({ moedetilbudId: t.moedetilbudId, samtaleType: 1, moedeStarttidspunkt: t.moedetider[1].starttidspunkt }) });
    expect([s1.statusCode, s2.statusCode]).toEqual([201, 201]);
    const alle = await plan('GET', `/Moedetilbud/${t.moedetilbudId}/Bookinger`);
    expect(alle.statusCode).toBe(200);
    expect(alle.json().bookinger.map((x: { cpr: string }) => x.cpr)).toEqual([a.cpr, b.cpr]);
    expect(alle.json().bookinger[0]).toMatchObject({ indkaldelseId: s1.json().indkaldelseId, moedetidId: slot0.moedetidId, oprindelse: 'Indkaldt', status: 'Aktiv', accepteret: false, samtaleformType: 2 });
    const en = await plan('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${slot0.moedetidId}/Bookinger`);
    expect(en.json().bookinger.map((x: { cpr: string }) => x.cpr)).toEqual([a.cpr]);
    expectProblem(await plan('GET', `/Moedetilbud/${randomUUID()}/Bookinger`), 404, 8108);
    expectProblem(await plan('GET', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${randomUUID()}/Bookinger`), 404, 4589);
    expectProblem(await plan('GET', `/Moedetilbud/${randomUUID()}/Moedetider/${slot0.moedetidId}/Bookinger`), 404, 8108);
    // Cancelled meetings only with alle=true.
    expect((await plan('DELETE', `/Indkaldelser/${s1.json().indkaldelseId}`, { cpr: a.cpr })).statusCode).toBe(204);
    expect((await plan('GET', `/Moedetilbud/${t.moedetilbudId}/Bookinger`)).json().bookinger).toHaveLength(1);
    const medAflyste = (await plan('GET', `/Moedetilbud/${t.moedetilbudId}/Bookinger?alle=true`)).json().bookinger;
    expect(medAflyste.map((x: { status: string }) => x.status).sort()).toEqual(['Aflyst', 'Aktiv']);
  });
});

describe('deadlines (GetFrister, SetFrist, DeleteFrist)', () => {
  it('SetFrist creates and replaces the deadline of a type; GetFrister lists; DeleteFrist removes (then 4589)', async () => {
    const { cpr } = await createCitizen();
    const body = { friststatusType: 1, fristdato: om(5).slice(0, 10), sidsteAfholdelsesdato: om(10).slice(0, 10), straksbookingPaakraevet: true };
    const res = await plan('PUT', '/Frister/1', { cpr, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ samtaleType: 1, ...body });
    const igen = await plan('PUT', '/Frister/1', { cpr, token: KBH, body: { ...body, straksbookingPaakraevet: false } });
    expect(igen.json().straksbookingPaakraevet).toBe(false);
    expect((await plan('GET', '/Frister', { cpr })).json().frister).toEqual([{ samtaleType: 1, ...body, straksbookingPaakraevet: false }]);
    expect((await plan('DELETE', '/Frister/1', { cpr })).statusCode).toBe(204);
    expectProblem(await plan('DELETE', '/Frister/1', { cpr }), 404, 4589);
    expect((await plan('GET', '/Frister', { cpr })).json().frister).toEqual([]);
  });

  it('SetFrist rules: unknown type 4709, deadline before today 4783, last day before the deadline 4792, unknown 1010, dead 4405', async () => {
    const { cpr } = await createCitizen();
    const body = { friststatusType: 1, fristdato: om(5).slice(0, 10), sidsteAfholdelsesdato: om(10).slice(0, 10) };
    expectProblem(await plan('PUT', '/Frister/99', { cpr, body }), 400, 4709);
    expectProblem(await plan('PUT', '/Frister/1', { cpr, body: { ...body, fristdato: om(-1).slice(0, 10) } }), 422, 4783, '/fristdato');
    expectProblem(await plan('PUT', '/Frister/1', { cpr, body: { ...body, sidsteAfholdelsesdato: om(4).slice(0, 10) } }), 400, 4792, '/sidsteAfholdelsesdato');
    expectProblem(await plan('PUT', '/Frister/1', { cpr, body: { ...body, friststatusType: 9 } }), 400, 1014, '/friststatusType');
    expectProblem(await plan('PUT', '/Frister/1', { cpr: '0101013999', body }), 404, 1010);
    const doed = await createCitizen({ doedsdato: '2029-01-01' });
    expectProblem(await plan('PUT', '/Frister/1', { cpr: doed.cpr, body }), 422, 4405);
    expectProblem(await plan('GET', '/Frister', { cpr: '0101013999' }), 404, 1010);
    expectProblem(await plan('DELETE', '/Frister/1', { cpr: '0101013999' }), 404, 1010);
  });
});

describe('summons (CreateIndkaldelse, AnnullerIndkaldelse)', () => {
  it('CreateIndkaldelse stores the summons with the job centre as originator', async () => {
    const { cpr } = await createCitizen();
    const body = indkaldelse({ deltagere: [{ navn: 'A-kasse', deltagerType: 1 }], akasseDeltager: true });
    const res = await plan('POST', '/Indkaldelser', { cpr, body });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/Borgerbooking/Indkaldelser');
    const row = await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: res.json().indkaldelseId }, include: { sagsbehandler: true } });
    expect(row).toMatchObject({ cpr, oprindelse: 'Indkaldt', status: 'Aktiv', organisationKode: 751, organisationType: 1, samtaleType: 2, samtaleform: 2, borgerSkalRinge: true, telefonnummer: '+4587131000', akasseDeltager: true });
    expect(row.sluttidspunkt?.toISOString()).toBe(new Date(Date.parse(om(3, 2)) + 45 * 60_000).toISOString());
    expect(row.sagsbehandler).toMatchObject({ eksterntId: body.sagsbehandler.eksterntId, kommunekode: '751' });
    expect(row.deltagere).toEqual([{ navn: 'A-kasse', deltagerType: 1 }]);
  });

  it('CreateIndkaldelse answers every broken rule of 8126-8136, 8270, 4783, 4792 together', async () => {
    const { cpr } = await createCitizen();
    const a = await plan('POST', '/Indkaldelser', {
      cpr,
      body: indkaldelse({
        moedeStarttidspunkt: om(-1),
        moedeSluttidspunkt: om(-2),
        moedeVarighed: undefined,
        ombookingFrist: undefined,
        aflysningMulig: false,
        aflysningFrist: om(1),
        samtaleformType: 1,
        kontaktDetaljer: { borgerSkalRinge: true },
      }),
    });
    expect(a.statusCode).toBe(400);
    // The lowest status leads (4792, 400), the others follow in the rules' order.
    expect(fejlkoder(a)).toEqual([4792, 4783, 8126, 8127, 8129, 8131, 8136]);
    const b = await plan('POST', '/Indkaldelser', {
      cpr,
      body: indkaldelse({ moedeVarighed: undefined, ombookingFrist: om(-3), aflysningFrist: om(-3), samtaleType: 17 }),
    });
    expect(fejlkoder(b)).toEqual([8130, 8132, 8133, 8270]);
    const c = await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ ombookingFrist: om(4), aflysningMulig: true, aflysningFrist: undefined, moedeVarighed: 1441 }) });
    expect(fejlkoder(c)).toEqual([8128, 8134, 8135]);
    const d = await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 6, moedeGruppeType: 3, samtaleformType: 9 }) });
    expect(fejlkoder(d)).toEqual([4709, 4805, 4708]);
    expect(await testPrisma().indkaldelse.count({ where: { cpr } })).toBe(0);
  });

  it('CreateIndkaldelse: one rule at a time gives its own status (8126, 8130, 8131, 8132, 8133, 8134, 8135, 8136, 8270, 4783)', async () => {
    const { cpr } = await createCitizen();
    const one = async (over: Record<string, unknown>, status: number, kode: number) => expectProblem(await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse(over) }), status, kode);
    await one({ ombookingFrist: undefined }, 400, 8126);
    await one({ aflysningMulig: false }, 422, 8127);
    await one({ aflysningFrist: undefined }, 400, 8128);
    await one({ samtaleformType: 1 }, 400, 8129);
    await one({ moedeVarighed: undefined }, 400, 8130);
    await one({ kontaktDetaljer: { borgerSkalRinge: true } }, 400, 8131);
    await one({ ombookingFrist: om(-1) }, 422, 8132);
    await one({ aflysningFrist: om(-1) }, 422, 8133);
    await one({ ombookingFrist: om(3, 3) }, 400, 8134);
    await one({ moedeSluttidspunkt: om(4, 3), moedeVarighed: undefined }, 422, 8135);
    await one({ aflysningFrist: om(3, 3) }, 400, 8136);
    await one({ samtaleType: 18 }, 422, 8270);
    await one({ moedeStarttidspunkt: om(-1), ombookingFrist: om(-1), aflysningFrist: om(-1) }, 422, 4783);
    await one({ moedeSluttidspunkt: om(3, 1), moedeVarighed: undefined }, 400, 4792);
    // An address for personal attendance satisfies 8129; 17/18 without rebooking is fine.
    const ok = await plan('POST', '/Indkaldelser', {
      cpr,
      body: indkaldelse({ samtaleType: 18, ombookingMulig: false, ombookingFrist: undefined, samtaleformType: 1, moedeLokation: { adresse: { vejnavn: 'Værkmestergade', husnummer: '2', postnummer: '8000', bynavn: 'Aarhus C', postboks: 12 } } }),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('CreateIndkaldelse: unknown citizen 1010, dead 4405, an active meeting of the type already: 9220 (Opfølgningssamtale), 8273 (the other types)', async () => {
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: '0101013999', body: indkaldelse() }), 404, 1010);
    const doed = await createCitizen({ doedsdato: '2029-01-01' });
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: doed.cpr, body: indkaldelse() }), 422, 4405);
    const { cpr } = await createCitizen();
    expect((await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 1 }) })).statusCode).toBe(201);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 1 }) }), 409, 8273);
    expect((await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 2 }) })).statusCode).toBe(201);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 2 }) }), 409, 9220);
    expect((await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 4 }) })).statusCode).toBe(201);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ samtaleType: 4 }) }), 409, 8273);
  });

  it("CreateIndkaldelse on an offer: takes a seat; full or no slot 4819; outside the range 8109; another type 4709; another's or inactive offer 8108", async () => {
    const t = await opret({ moedetider: [{ starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 1 }] });
    const body = (over: Record<string, unknown> = {}) => indkaldelse({ moedetilbudId: t.moedetilbudId, samtaleType: 1, moedeStarttidspunkt: om(2, 1), ...over });
    const a = await createCitizen();
    const res = await plan('POST', '/Indkaldelser', { cpr: a.cpr, body: body() });
    expect(res.statusCode).toBe(201);
    expect(res.json().moedetidId).toBe(t.moedetider[0].moedetidId);
    const b = await createCitizen();
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body() }), 409, 4819, '/moedeStarttidspunkt');
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body({ moedeStarttidspunkt: om(2, 5) }) }), 409, 4819);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body({ moedeStarttidspunkt: om(25), ombookingFrist: om(24), aflysningFrist: om(24) }) }), 422, 8109);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body({ samtaleType: 2 }) }), 400, 4709, '/samtaleType');
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, token: KBH, body: body() }), 404, 8108);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body({ kommunekode: '101' }) }), 400, 1014, '/kommunekode');
    // Cancelling the first summons frees the seat.
    expect((await plan('DELETE', `/Indkaldelser/${res.json().indkaldelseId}`, { cpr: a.cpr })).statusCode).toBe(204);
    expect((await plan('POST', '/Indkaldelser', { cpr: b.cpr, body: body() })).statusCode).toBe(201);
    await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`);
    const c = await createCitizen();
    expectProblem(await plan('POST', '/Indkaldelser', { cpr: c.cpr, body: body() }), 404, 8108);
  });

  it("CreateIndkaldelse: a caseworker of another municipality 9003; a system integration names the municipality (1014) or the offer", async () => {
    const { cpr } = await createCitizen();
    const kbh = await opretSagsbehandler({}, '101');
    expectProblem(await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse({ sagsbehandler: { fornavne: 'X', efternavn: 'Y', eksterntId: kbh.eksterntId } }) }), 422, 9003);
    expectProblem(await plan('POST', '/Indkaldelser', { cpr, token: SYSTEM, body: indkaldelse() }), 400, 1014, '/kommunekode');
    const res = await plan('POST', '/Indkaldelser', { cpr, token: SYSTEM, body: indkaldelse({ kommunekode: '101', sagsbehandler: { fornavne: 'X', efternavn: 'Y', eksterntId: kbh.eksterntId } }) });
    expect(res.statusCode).toBe(201);
    expect((await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: res.json().indkaldelseId } })).organisationKode).toBe(101);
  });

  it("AnnullerIndkaldelse: unknown or another job centre's 4768, another citizen's 8107; twice changes nothing", async () => {
    const { cpr } = await createCitizen();
    const other = await createCitizen();
    const id = (await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse() })).json().indkaldelseId;
    expectProblem(await plan('DELETE', `/Indkaldelser/${randomUUID()}`, { cpr }), 404, 4768);
    expectProblem(await plan('DELETE', `/Indkaldelser/${id}`, { cpr, token: KBH }), 404, 4768);
    expectProblem(await plan('DELETE', `/Indkaldelser/${id}`, { cpr: other.cpr }), 404, 8107);
    expect((await plan('DELETE', `/Indkaldelser/${id}`, { cpr })).statusCode).toBe(204);
    expect((await plan('DELETE', `/Indkaldelser/${id}`, { cpr })).statusCode).toBe(204);
    expect((await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id } })).status).toBe('Aflyst');
  });
});

describe('error reports (GetFejlmeldinger)', () => {
  it('lists the reports newest first; a job centre sees those about its own offers and summons', async () => {
    const { cpr } = await createCitizen();
    const eget = await opret();
    const andet = await opretMoedetilbud({ kommunekode: '101' });
    const ind = (await plan('POST', '/Indkaldelser', { cpr, body: indkaldelse() })).json().indkaldelseId;
    const at = (m: number) => new Date(Date.parse(NOW) - m * 60_000);
    const rows = [
      { id: randomUUID(), cpr, moedetilbudId: eget.moedetilbudId, fejlkode: 4819, fejlOphav: 32, fejlTidspunkt: at(30), modtaget: at(30) },
      { id: randomUUID(), cpr, moedetilbudId: andet.moedetilbudId, fejlkode: 4770, fejlOphav: 30, fejlTidspunkt: at(20), modtaget: at(20) },
      { id: randomUUID(), cpr, indkaldelseId: ind, fejlkode: 1, fejltekst: 'Borgeren kunne ikke se mødet', fejlOphav: 32, fejlTidspunkt: at(10), modtaget: at(10) },
    ];
    await testPrisma().fejlmelding.createMany({ data: rows });
    const aarhus = await plan('GET', `/Fejlmeldinger?fra=${encodeURIComponent(at(31).toISOString())}`);
    expect(aarhus.statusCode).toBe(200);
    expect(aarhus.json().fejlmeldinger.map((f: { fejlmeldingId: string }) => f.fejlmeldingId)).toEqual([rows[2].id, rows[0].id]);
    const system = (await plan('GET', `/Fejlmeldinger?fra=${encodeURIComponent(at(31).toISOString())}`, { token: SYSTEM })).json().fejlmeldinger;
    expect(system.filter((f: { cpr: string }) => f.cpr === cpr)).toHaveLength(3);
    const dfdg = (await plan('GET', `/Fejlmeldinger?fejlOphav=30&moedetilbudId=${andet.moedetilbudId}`, { token: SYSTEM })).json().fejlmeldinger;
    expect(dfdg).toEqual([expect.objectContaining({ fejlmeldingId: rows[1].id, fejlkode: 4770, fejlOphav: 30 })]);
    expectProblem(await plan('GET', '/Fejlmeldinger?fejlOphav=31', { token: SYSTEM }), 400, 1014);
  });
});
