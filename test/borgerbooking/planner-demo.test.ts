/**
 * Borgerbooking's demo data (src/modules/borgerbooking/demo-data.ts), seeded into the test database by
 * test/global-setup.ts: the flows the README promises work through the HTTP API, and a second seed the
 * same day changes nothing while a later day adds the new days' slots.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, expectProblem } from '../helpers/api';
import { testPrisma } from '../helpers/db';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { systemClock, today } from '../../src/domain/clock';
import { addDays } from '../../src/domain/dage';
import { DEMO_BORGERBOOKING_IDS, koebenhavnTid, seedBorgerbookingDemoData } from '../../src/modules/borgerbooking/demo-data';
import { OPENAPI_JSON_PATH, todayInExamples } from '../../src/plugins/swagger';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const BB = '/v1/Borgerbooking';
const { anna, frida, karen, jens } = DEMO_CITIZENS;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const get = (url: string, cpr: string) => callV1(app, 'GET', url, cpr);

describe('the demo data walks through the API', () => {
  it('Anna: status, offers, slots, hold, book, rebook, cancel (the self-booking flow of the README)', async () => {
    const status = await get(`${BB}/Borgerstatus`, anna.cpr);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ kanSelvbooke: true, straksbookingPaakraevet: false, frister: [expect.objectContaining({ samtaleType: 1 })] });

    const tilbud = await get(`${BB}/Moedetilbud?samtaleType=1`, anna.cpr);
    expect(tilbud.statusCode).toBe(200);
    const aarhus = tilbud.json().moedetilbud.find((t: { moedetilbudId: string }) => t.moedetilbudId === DEMO_BORGERBOOKING_IDS.jobsamtaleAarhus);
    expect(aarhus).toMatchObject({ moedetitel: 'Jobsamtale i Jobcenter Aarhus', borgerKanVaelgeSagsbehandler: true });

    const dag = today(systemClock);
    const interval = `startMoedetidsinterval=${encodeURIComponent(koebenhavnTid(dag, '00:00').toISOString())}&slutMoedetidsinterval=${encodeURIComponent(koebenhavnTid(addDays(dag, 20), '23:59').toISOString())}`;
    const tider = await get(`${BB}/Moedetilbud/${aarhus.moedetilbudId}/Moedetider?${interval}`, anna.cpr);
    expect(tider.statusCode).toBe(200);
    const ledige = tider.json().moedetider.filter((m: { antalLedigePladser: number }) => m.antalLedigePladser > 0);
    expect(ledige.length).toBeGreaterThan(10);
    const [foerste, anden] = [ledige[3], ledige[7]];

    const hold = await callV1(app, 'POST', `${BB}/Moedetilbud/${aarhus.moedetilbudId}/action/reserver`, anna.cpr, {
      body: { moedeStarttidspunkt: foerste.starttidspunkt, samtaleformType: 1 },
    });
    expect(hold.statusCode).toBe(201);
    const book = await callV1(app, 'POST', `${BB}/Moedetilbud/${aarhus.moedetilbudId}/Booking`, anna.cpr, {
      body: { moedeStarttidspunkt: foerste.starttidspunkt, samtaleformType: 1, reservationId: hold.json().reservationId },
    });
    expect(book.statusCode).toBe(201);
    const id = book.json().indkaldelseId;

    const moeder = (await get(`${BB}/Indkaldelser`, anna.cpr)).json().indkaldelser;
    expect(moeder.map((m: { indkaldelseId: string }) => m.indkaldelseId)).toContain(id);

    const om = await callV1(app, 'POST', `${BB}/Indkaldelser/${id}/Ombooking`, anna.cpr, { body: { moedeStarttidspunkt: anden.starttidspunkt, samtaleformType: 2 } });
    expect(om.statusCode).toBe(204);
    const flyttet = (await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id } })).starttidspunkt.toISOString();
    expect(Date.parse(flyttet)).toBe(Date.parse(anden.starttidspunkt));

    // The planning side sees Anna's booking on the new slot.
    const plan = await callV1(app, 'GET', `${BB}/Planlaegning/Moedetilbud/${aarhus.moedetilbudId}/Bookinger`, '0000000000', { token: tokenFor({ role: 'jobcenter', org: '751' }) });
    expect(plan.json().bookinger).toEqual(expect.arrayContaining([expect.objectContaining({ indkaldelseId: id, cpr: anna.cpr, oprindelse: 'Selvbooket' })]));

    const aflys = await callV1(app, 'DELETE', `${BB}/Indkaldelser/${id}`, anna.cpr);
    expect(aflys.statusCode).toBe(204);
    expect((await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id } })).status).toBe('Aflyst');
  });

  it('the booking examples as Swagger UI shows them today (plugins/swagger.ts) name free slots of the demo data', async () => {
    const g = globalThis as { window?: unknown };
    const before = g.window;
    g.window = { location: { href: 'http://127.0.0.1:3000/docs' } };
    let doc: Json;
    try {
      const served = await app.inject({ method: 'GET', url: OPENAPI_JSON_PATH });
      doc = JSON.parse((todayInExamples as (r: Json) => Json)({ url: `http://127.0.0.1:3000${OPENAPI_JSON_PATH}`, text: served.body }).text);
    } finally {
      g.window = before;
    }
    const schema = (name: string) => doc.components.schemas[name].examples[0];
    const params = doc.paths[`${BB}/Moedetilbud/{moedetilbudId}/Moedetider`].get.parameters as Json[];
    const query = params
      .filter((p) => p.in === 'query' && p.example !== undefined)
      .map((p) => `${p.name}=${encodeURIComponent(p.example)}`)
      .join('&');
    const tilbudId = params.find((p) => p.name === 'moedetilbudId').example;
    expect(tilbudId).toBe(DEMO_BORGERBOOKING_IDS.jobsamtaleAarhus);
    const tider = await get(`${BB}/Moedetilbud/${tilbudId}/Moedetider?${query}`, anna.cpr);
    expect(tider.statusCode).toBe(200);
    const starter = tider.json().moedetider.map((m: { starttidspunkt: string }) => Date.parse(m.starttidspunkt));
    expect(starter).toContain(Date.parse(schema('ReservationInput').moedeStarttidspunkt));
    expect(starter).toContain(Date.parse(schema('OmbookingInput').moedeStarttidspunkt));

    const hold = await callV1(app, 'POST', `${BB}/Moedetilbud/${tilbudId}/action/reserver`, anna.cpr, { body: schema('ReservationInput') });
    expect(hold.statusCode).toBe(201);
    const book = await callV1(app, 'POST', `${BB}/Moedetilbud/${tilbudId}/Booking`, anna.cpr, { body: { ...schema('BookingInput'), reservationId: hold.json().reservationId } });
    expect(book.statusCode).toBe(201);
    const id = book.json().indkaldelseId;
    const om = await callV1(app, 'POST', `${BB}/Indkaldelser/${id}/Ombooking`, anna.cpr, { body: schema('OmbookingInput') });
    expect(om.statusCode).toBe(204);
    expect((await callV1(app, 'DELETE', `${BB}/Indkaldelser/${id}`, anna.cpr)).statusCode).toBe(204);
  });

  it('Frida must book at once: straksbookingPaakraevet, and GetStraksbookingMoedetider has slots', async () => {
    const status = (await get(`${BB}/Borgerstatus`, frida.cpr)).json();
    expect(status.straksbookingPaakraevet).toBe(true);
    const straks = await get(`${BB}/Straksbooking/Moedetider`, frida.cpr);
    expect(straks.statusCode).toBe(200);
    expect(JSON.stringify(straks.json())).toContain(DEMO_BORGERBOOKING_IDS.straksbookingAarhus);
  });

  it('Karen has a summons to accept (SaveIndkaldelsesaccept); Jens cannot cancel his immediate booking (DeleteBooking 9130)', async () => {
    const karens = (await get(`${BB}/Indkaldelser`, karen.cpr)).json().indkaldelser;
    expect(karens).toEqual([expect.objectContaining({ indkaldelseId: DEMO_BORGERBOOKING_IDS.karenIndkaldelse, borgerSkalAcceptere: true, accepteret: false })]);
    const accept = await callV1(app, 'POST', `${BB}/Indkaldelser/${DEMO_BORGERBOOKING_IDS.karenIndkaldelse}/action/accepter`, karen.cpr);
    expect(accept.statusCode).toBe(204);
    expect((await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: DEMO_BORGERBOOKING_IDS.karenIndkaldelse } })).accepteret).toBe(true);
    expectProblem(await callV1(app, 'DELETE', `${BB}/Indkaldelser/${DEMO_BORGERBOOKING_IDS.jensStraksbooking}`, jens.cpr), 422, 9130);
  });

  it('the planning side: the Aarhus job centre sees its offers, not Copenhagen\'s', async () => {
    const res = await callV1(app, 'GET', `${BB}/Planlaegning/Moedetilbud?aktiv=true&antal=200`, '0000000000', { token: tokenFor({ role: 'jobcenter', org: '751' }) });
    const ids = res.json().moedetilbud.map((t: { moedetilbudId: string }) => t.moedetilbudId);
    expect(ids).toEqual(expect.arrayContaining([DEMO_BORGERBOOKING_IDS.jobsamtaleAarhus, DEMO_BORGERBOOKING_IDS.straksbookingAarhus, DEMO_BORGERBOOKING_IDS.informationsmoedeAarhus]));
    expect(ids).not.toContain(DEMO_BORGERBOOKING_IDS.jobsamtaleKoebenhavn);
  });
});

describe('seeding', () => {
  const counts = async () => {
    const p = testPrisma();
    const demo = Object.values(DEMO_BORGERBOOKING_IDS);
    return {
      tilbud: await p.moedetilbud.count({ where: { id: { in: demo } } }),
      moedetider: await p.moedetid.count({ where: { moedetilbudId: { in: demo } } }),
      frister: await p.bookingFrist.count({ where: { cpr: { in: [anna.cpr, frida.cpr] } } }),
      moeder: await p.indkaldelse.count({ where: { id: { in: demo } } }),
      optaget: (await p.moedetid.aggregate({ where: { moedetilbudId: { in: demo } }, _sum: { optagnePladser: true } }))._sum.optagnePladser,
    };
  };

  it('a second seed the same day changes nothing; a seed a week later adds only that week\'s new slots', async () => {
    const before = await counts();
    expect(before.tilbud).toBe(4);
    expect(before.moeder).toBe(2);
    await seedBorgerbookingDemoData(testPrisma(), systemClock);
    expect(await counts()).toEqual(before);
    const senere = { now: () => new Date(Date.now() + 7 * 86_400_000) };
    await seedBorgerbookingDemoData(testPrisma(), senere);
    const after = await counts();
    expect(after.moedetider).toBeGreaterThan(before.moedetider);
    expect({ ...after, moedetider: 0 }).toEqual({ ...before, moedetider: 0 });
    await seedBorgerbookingDemoData(testPrisma(), senere);
    expect(await counts()).toEqual(after);
  });
});
