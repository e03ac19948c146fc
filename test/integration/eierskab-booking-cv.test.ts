/**
 * Ownership across citizens and organisations in the new areas: another citizen's hold id cannot be
 * used (nor is it released), another citizen's meeting answers 8107 without its data, and a forged
 * change-feed cursor never reaches beyond the caller's municipality.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/domain/clock';
import { encodeCursor } from '../../src/modules/cv/aendringer/cursor';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, expectProblem } from '../helpers/api';
import { testPrisma } from '../helpers/db';
import { opretIndkaldelse, opretMoedetilbud } from '../borgerbooking/helpers';
import { awaitFeedHorizon, createCvCitizen } from '../cv/helpers';

const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const clock: Clock = { now: () => new Date(NOW) };
const tid = (hhmm: string, dag = '2026-12-03') => `${dag}T${hhmm}:00.000+01:00`;
const BB = '/v1/Borgerbooking';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock });
}, 120_000);
afterAll(async () => {
  await app?.close();
});
const as = (cpr: string) => ({ token: tokenFor({ cpr }) });

describe('Borgerbooking: another citizen', () => {
  it("another citizen's hold id confirms nothing (4819) for CreateBooking and CreateOmbooking, and the hold keeps its seat", async () => {
    const a = (await createCvCitizen()).cpr;
    const b = (await createCvCitizen()).cpr;
    const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00') }, { start: tid('10:00') }] });
    const hold = await callV1(app, 'POST', `${BB}/Moedetilbud/${t.moedetilbudId}/action/reserver`, a, { ...as(a), body: { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 } });
    expect(hold.statusCode).toBe(201);
    const reservationId = hold.json().reservationId as string;
    expectProblem(
      await callV1(app, 'POST', `${BB}/Moedetilbud/${t.moedetilbudId}/Booking`, b, { ...as(b), body: { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1, reservationId } }),
      409,
      4819,
    );
    const ind = await opretIndkaldelse(b, { start: tid('12:00'), sagsbehandlerId: t.sagsbehandlere[0]!.id, moedetilbudId: t.moedetilbudId });
    const om = await callV1(app, 'POST', `${BB}/Indkaldelser/${ind}/Ombooking`, b, { ...as(b), body: { moedeStarttidspunkt: tid('09:00'), reservationId } });
    expect(om.statusCode).toBe(409);
    expect([4767, 4819]).toContain(om.json().fejl[0].fejlkode);
    expect(await testPrisma().moedetidHold.findUniqueOrThrow({ where: { id: reservationId } })).toMatchObject({ status: 'Aktiv', cpr: a });
    expect((await testPrisma().moedetid.findUniqueOrThrow({ where: { id: t.moedetidIder[0]! } })).optagnePladser).toBe(1);
    // a confirms her own hold.
    expect((await callV1(app, 'POST', `${BB}/Moedetilbud/${t.moedetilbudId}/Booking`, a, { ...as(a), body: { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1, reservationId } })).statusCode).toBe(201);
  });

  it("another citizen's meeting: 8107 on every operation that takes its id, with nothing of the meeting in the answer, and nothing changed", async () => {
    const a = (await createCvCitizen()).cpr;
    const b = (await createCvCitizen()).cpr;
    const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00') }, { start: tid('10:00') }] });
    const ind = await opretIndkaldelse(b, { start: tid('14:00'), sagsbehandlerId: t.sagsbehandlere[0]!.id, moedetilbudId: t.moedetilbudId });
    const iv = 'startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z';
    const answers = [
      await callV1(app, 'DELETE', `${BB}/Indkaldelser/${ind}`, a, as(a)),
      await callV1(app, 'POST', `${BB}/Indkaldelser/${ind}/action/accepter`, a, as(a)),
      await callV1(app, 'POST', `${BB}/Indkaldelser/${ind}/Ombooking`, a, { ...as(a), body: { moedeStarttidspunkt: tid('10:00') } }),
      await callV1(app, 'GET', `${BB}/Indkaldelser/${ind}/Ombooking/Sagsbehandlere`, a, as(a)),
      await callV1(app, 'GET', `${BB}/Indkaldelser/${ind}/Ombooking/Moedetider?${iv}`, a, as(a)),
      await callV1(app, 'POST', `${BB}/Moedetilbud/${t.moedetilbudId}/action/reserver`, a, { ...as(a), body: { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1, indkaldelseId: ind } }),
      await callV1(app, 'POST', `${BB}/Fejlmeldinger`, a, { ...as(a), body: { indkaldelseId: ind, fejlkode: 1, fejlOphav: 32, fejlTidspunkt: tid('08:00', '2026-12-01') } }),
    ];
    for (const r of answers) {
      expectProblem(r, 404, 8107);
      expect(r.body).not.toContain(b);
      expect(r.body).not.toContain(new Date(tid('14:00')).toISOString());
    }
    const row = await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: ind } });
    expect(row).toMatchObject({ status: 'Aktiv', accepteret: false, cpr: b });
    expect(await testPrisma().moedetidHold.count({ where: { cpr: a } })).toBe(0);
    expect(await testPrisma().fejlmelding.count({ where: { cpr: a } })).toBe(0);
  });
});

describe('GetCVList: a forged cursor', () => {
  it("a job centre following the whole log from any position, forged or not, sees only its municipality's citizens", async () => {
    const aarhus = await createCvCitizen({ kommunekode: '751' });
    const odense = await createCvCitizen({ kommunekode: '461' });
    for (const c of [aarhus, odense]) expect((await callV1(app, 'PUT', '/v1/CV', c.cpr, { body: demoCvInput('anna') })).statusCode).toBe(200);
    const JC = tokenFor({ role: 'jobcenter', org: '751' });
    await awaitFeedHorizon();
    const cursors = [undefined, encodeCursor({ xid: 0n, id: 0n }), encodeCursor({ xid: 1n, id: 0n }), encodeCursor({ xid: (1n << 64n) - 1n, id: (1n << 63n) - 1n })];
    const seen = new Set<string>();
    for (const c of cursors) {
      let efter = c;
      for (let i = 0; i < 1000; i++) {
        const r = await callV1(app, 'GET', `/v1/CV/Haendelser?antal=1000${efter ? `&efter=${efter}` : ''}`, '0000000000', { token: JC });
        expect(r.statusCode).toBe(200);
        for (const h of r.json().haendelser as { cpr: string }[]) seen.add(h.cpr);
        if (!r.json().flere) break;
        efter = r.json().naesteMarkoer;
      }
    }
    expect(seen.has(aarhus.cpr)).toBe(true);
    expect(seen.has(odense.cpr)).toBe(false);
    const kommuner = await testPrisma().cvStamdata.findMany({ where: { cpr: { in: [...seen] } }, select: { kommunekode: true } });
    expect(new Set(kommuner.map((k) => k.kommunekode))).toEqual(new Set(['751']));
    expect(kommuner).toHaveLength(seen.size);
  });
});

describe('Borgerbooking: races at the edges', () => {
  it('bookings racing the deactivation of their offer, and DeleteBooking racing itself: no 5xx, and the seat count is the active meetings', async () => {
    const t = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 40 }] });
    const citizens = await Promise.all(Array.from({ length: 30 }, async () => (await createCvCitizen()).cpr));
    const SYS = tokenFor({ role: 'system' });
    const book = (cpr: string) => callV1(app, 'POST', `${BB}/Moedetilbud/${t.moedetilbudId}/Booking`, cpr, { ...as(cpr), body: { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 } });
    const first = await book(citizens[0]!);
    expect(first.statusCode).toBe(201);
    const ind = first.json().indkaldelseId as string;
    const results = await Promise.all([
      ...citizens.slice(1).map(book),
      callV1(app, 'POST', `${BB}/Planlaegning/Moedetilbud/${t.moedetilbudId}/action/deaktiver`, '0000000000', { token: SYS }),
      ...Array.from({ length: 8 }, () => callV1(app, 'DELETE', `${BB}/Indkaldelser/${ind}`, citizens[0]!, as(citizens[0]!))),
    ]);
    const statuses = results.map((r) => `${r.statusCode}${r.statusCode >= 400 ? `/${r.json().fejl?.[0]?.fejlkode}` : ''}`);
    for (const s of statuses) expect(['201', '200', '204', '404/8108', '404/4768', '409/4819']).toContain(s);
    // The meeting was cancelled exactly once.
    expect(statuses.slice(30).filter((s) => s === '204')).toHaveLength(1);
    const active = await testPrisma().indkaldelse.count({ where: { moedetidId: t.moedetidIder[0]!, status: 'Aktiv' } });
    const holds = await testPrisma().moedetidHold.count({ where: { moedetidId: t.moedetidIder[0]!, status: 'Aktiv' } });
    expect((await testPrisma().moedetid.findUniqueOrThrow({ where: { id: t.moedetidIder[0]! } })).optagnePladser).toBe(active + holds);
    // After the deactivation has answered, nobody books the offer.
    expectProblem(await book(citizens[0]!), 404, 8108);
  });
});
