/**
 * The lock order between the planning side and the citizens' seat changes (planner-service.ts header):
 * the offer row first, then slots in id order, then other rows.
 * - DeaktiverMoedetilbud against a booking, hold or summons that read the offer as active and waits
 *   at its slot lock (held by the test): either the seat is refused (4819) or the deactivation's answer
 *   already counts it; afterwards no seat can be taken on the offer.
 * - Rebookings back and forth between two slots of one offer, new bookings and holds, while the planner
 *   runs UpdateMoedetilbud and UpdateMoedetid on the same offer: no 5xx (a deadlock would be one) and
 *   every slot's counter equals its active meetings plus holds.
 * The CreateBooking / ReserverMoedetid / CreateOmbooking / CreateIndkaldelse / DeaktiverMoedetilbud /
 * UpdateMoedetilbud / UpdateMoedetid operations are named for the coverage guard.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Client as PgClient } from 'pg';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, type Method } from '../helpers/api';
import { createCitizen, testPrisma } from '../helpers/db';
import { fixedClock } from '../../src/domain/clock';
import { planIndkaldelse, planTilbud, seatState } from './helpers';

const NOW = '2030-03-04T08:00:00.000Z';
const DAG = 86_400_000;
const om = (days: number, hours = 0) => new Date(Date.parse(NOW) + days * DAG + hours * 3_600_000).toISOString();
const PLAN = '/v1/Borgerbooking/Planlaegning';
const AARHUS = tokenFor({ role: 'jobcenter', org: '751' });
const INGEN = '0000000000';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock(NOW), env: { DATABASE_POOL_SIZE: '12' } });
});
afterAll(async () => {
  await app?.close();
});

const plan = (method: Method, path: string, body?: unknown, cpr = INGEN) =>
  callV1(app, method, `${PLAN}${path}`, cpr, { token: AARHUS, ...(body !== undefined ? { body } : {}) });
const borger = (method: Method, cpr: string, path: string, body?: unknown) =>
  callV1(app, method, `/v1/Borgerbooking${path}`, cpr, { body, requestId: randomUUID() });
const udfald = (r: LightMyRequestResponse) => (r.statusCode < 300 ? String(r.statusCode) : `${r.statusCode}/${r.json().fejl?.[0]?.fejlkode}`);
const borgere = async (n: number) => Promise.all(Array.from({ length: n }, async () => (await createCitizen()).cpr));

async function opret(moedetider: { starttidspunkt: string; maksimaltMoededeltagerantal: number }[]) {
  const body = planTilbud(om, { moedetider });
  const res = await plan('POST', '/Moedetilbud', body);
  expect(res.statusCode).toBe(201);
  return { body, t: res.json() as { moedetilbudId: string; moedetider: { moedetidId: string; starttidspunkt: string }[] } };
}

/** How many backends wait, directly or through another waiter, for the gate connection's locks. */
async function ventendeBagGate(gatePid: number): Promise<number> {
  // Asked on another connection: inside the gate's transaction pg_stat_activity would be a snapshot.
  const rows = await testPrisma().$queryRaw<{ n: number }[]>`
    WITH RECURSIVE w(pid) AS (
      SELECT pid FROM pg_stat_activity WHERE ${gatePid}::int = ANY(pg_blocking_pids(pid))
      UNION SELECT a.pid FROM pg_stat_activity a JOIN w ON w.pid = ANY(pg_blocking_pids(a.pid))
    ) SELECT count(*)::int AS n FROM w`;
  return rows[0].n;
}

/** Polls until `n` backends wait behind the gate, or `ellers()` is true (the request answered without waiting). */
async function ventTil(gatePid: number, n: number, ellers: () => boolean = () => false): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    if (ellers() || (await ventendeBagGate(gatePid)) >= n) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never saw ${n} request(s) blocked behind the test's slot lock`);
}

describe('DeaktiverMoedetilbud against a seat change in flight (it read the offer as active and waits at the slot lock)', () => {
  const slags = {
    CreateBooking: (cpr: string, t: string, start: string) => borger('POST', cpr, `/Moedetilbud/${t}/Booking`, { moedeStarttidspunkt: start, samtaleformType: 1 }),
    ReserverMoedetid: (cpr: string, t: string, start: string) => borger('POST', cpr, `/Moedetilbud/${t}/action/reserver`, { moedeStarttidspunkt: start, samtaleformType: 1 }),
    CreateIndkaldelse: (cpr: string, t: string, start: string) =>
      plan('POST', '/Indkaldelser', planIndkaldelse(om, {
        moedetilbudId: t, ombookingMulig: false, ombookingFrist: undefined, aflysningMulig: false, aflysningFrist: undefined,
        moedeStarttidspunkt: start, moedeVarighed: 30, samtaleType: 1, moedetitel: 'Jobsamtale',
      }), cpr),
  };

  it.each(Object.keys(slags) as (keyof typeof slags)[])(
    '%s: refused (4819) or counted by the deactivation\'s answer; afterwards no seat can be taken (8108 / 4819)',
    async (navn) => {
      const { t } = await opret([{ starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 5 }]);
      const slot = t.moedetider[0];
      const [cpr, senere] = await borgere(2);
      const gate = new PgClient({ connectionString: process.env.DATABASE_URL });
      await gate.connect();
      try {
        const gatePid: number = (await gate.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await gate.query('BEGIN');
        await gate.query('SELECT id FROM moedetid WHERE id = $1 FOR UPDATE', [slot.moedetidId]);
        const saede = slags[navn](cpr, t.moedetilbudId, slot.starttidspunkt);
        await ventTil(gatePid, 1);
        let deaktiveret = false;
        const deaktivering = plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`).then((r) => {
          deaktiveret = true;
          return r;
        });
        // With the fix the deactivation waits at the slot lock too; without it, it answers at once.
        await ventTil(gatePid, 2, () => deaktiveret);
        await gate.query('ROLLBACK');
        const [s, d] = await Promise.all([saede, deaktivering]);
        expect(['201', '409/4819']).toContain(udfald(s));
        expect(d.statusCode).toBe(200);
        const svar = d.json();
        expect(svar.aktiv).toBe(false);
        // What the database holds on the slot is what the deactivation's answer counted.
        const bookede = await testPrisma().indkaldelse.count({ where: { moedetidId: slot.moedetidId, status: 'Aktiv' } });
        const reserverede = await testPrisma().moedetidHold.count({ where: { moedetidId: slot.moedetidId, status: 'Aktiv' } });
        expect({ bookede: svar.moedetider[0].antalBookede, reserverede: svar.moedetider[0].antalReserverede }).toEqual({ bookede, reserverede });
        expect(svar.moedetider[0]).toMatchObject({ aktiv: false, antalLedigePladser: 0 });
        expect(bookede + reserverede).toBe(s.statusCode === 201 ? 1 : 0);
        // After the answer: nothing more is booked, held or summoned on the offer.
        expect(udfald(await slags.CreateBooking(senere, t.moedetilbudId, slot.starttidspunkt))).toBe('404/8108');
        expect(udfald(await slags.ReserverMoedetid(senere, t.moedetilbudId, slot.starttidspunkt))).toBe('404/8108');
        expect(udfald(await slags.CreateIndkaldelse(senere, t.moedetilbudId, slot.starttidspunkt))).toBe('404/8108');
        const [st] = await seatState([slot.moedetidId]);
        expect(st.optagne).toBe(st.faktisk);
      } finally {
        await gate.query('ROLLBACK').catch(() => undefined);
        await gate.end();
      }
    },
    30_000,
  );

  it('the slots of a deactivated offer are inactive in both reads; existing meetings keep their seats; DeaktiverMoedetid still deactivates one slot', async () => {
    const { t } = await opret([
      { starttidspunkt: om(2, 1), maksimaltMoededeltagerantal: 2 },
      { starttidspunkt: om(2, 2), maksimaltMoededeltagerantal: 2 },
    ]);
    const [a, b] = await borgere(2);
    expect((await borger('POST', a, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: t.moedetider[0].starttidspunkt, samtaleformType: 1 })).statusCode).toBe(201);
    const enkelt = await plan('POST', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${t.moedetider[1].moedetidId}/action/deaktiver`);
    expect(enkelt.json()).toMatchObject({ aktiv: false, antalLedigePladser: 0 });
    const efterEnkelt = (await plan('GET', `/Moedetilbud/${t.moedetilbudId}`)).json();
    expect(efterEnkelt.aktiv).toBe(true);
    expect(efterEnkelt.moedetider.map((m: { aktiv: boolean }) => m.aktiv)).toEqual([true, false]);
    const tider = `/Moedetilbud/${t.moedetilbudId}/Moedetider?startMoedetidsinterval=${encodeURIComponent(om(1))}&slutMoedetidsinterval=${encodeURIComponent(om(3))}`;
    const foer = await borger('GET', b, tider);
    expect(foer.statusCode).toBe(200);

    const d = (await plan('POST', `/Moedetilbud/${t.moedetilbudId}/action/deaktiver`)).json();
    expect(d.moedetider).toEqual([
      expect.objectContaining({ aktiv: false, antalBookede: 1, antalLedigePladser: 0 }),
      expect.objectContaining({ aktiv: false, antalBookede: 0, antalLedigePladser: 0 }),
    ]);
    expect(await testPrisma().moedetid.count({ where: { moedetilbudId: t.moedetilbudId, aktiv: true } })).toBe(0);
    // The citizen side: the offer is gone for new bookings (8108); the booked meeting stands.
    expect(udfald(await borger('GET', b, tider))).toBe('404/8108');
    const mine = (await borger('GET', a, '/Indkaldelser')).json();
    expect(mine.indkaldelser).toHaveLength(1);
    const [s] = await seatState([t.moedetider[0].moedetidId]);
    expect(s).toMatchObject({ optagne: 1, faktisk: 1 });
  });
});

test("AnnullerIndkaldelse racing the citizen's rebooking of the summons: the seat released is the one the meeting holds when it is cancelled", async () => {
  const { t } = await opret([
    { starttidspunkt: om(3, 1), maksimaltMoededeltagerantal: 2 },
    { starttidspunkt: om(3, 2), maksimaltMoededeltagerantal: 2 },
  ]);
  const [A, B] = t.moedetider;
  const [cpr] = await borgere(1);
  const s = await plan('POST', '/Indkaldelser', planIndkaldelse(om, {
    moedetilbudId: t.moedetilbudId, moedeStarttidspunkt: A.starttidspunkt, moedeVarighed: 30, samtaleType: 1, moedetitel: 'Jobsamtale',
  }), cpr);
  expect(s.statusCode).toBe(201);
  const ind = s.json().indkaldelseId as string;
  const gate = new PgClient({ connectionString: process.env.DATABASE_URL });
  await gate.connect();
  try {
    const gatePid: number = (await gate.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await gate.query('BEGIN');
    await gate.query('SELECT id FROM moedetid WHERE id = $1 FOR UPDATE', [A.moedetidId]);
    // The rebooking waits for slot A first; the cancellation reads the meeting in A and queues behind it.
    const ombooking = borger('POST', cpr, `/Indkaldelser/${ind}/Ombooking`, { moedeStarttidspunkt: B.starttidspunkt });
    await ventTil(gatePid, 1);
    const annullering = plan('DELETE', `/Indkaldelser/${ind}`, undefined, cpr);
    await ventTil(gatePid, 2);
    await gate.query('ROLLBACK');
    expect([udfald(await ombooking), udfald(await annullering)]).toEqual(['204', '204']);
  } finally {
    await gate.query('ROLLBACK').catch(() => undefined);
    await gate.end();
  }
  expect((await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: ind } })).status).toBe('Aflyst');
  for (const st of await seatState([A.moedetidId, B.moedetidId])) expect(st).toMatchObject({ optagne: 0, faktisk: 0 });
}, 30_000);

test('rebookings back and forth between two slots, bookings and holds while UpdateMoedetilbud and UpdateMoedetid run on the offer: no 5xx, seat counts exact', async () => {
  // Six slots; the pair rebooked between is one whose id order is the opposite of its start order, so
  // a statement locking the offer's slots in scan (start) order meets the rebookings head on.
  const { body, t } = await opret(Array.from({ length: 6 }, (_, i) => ({ starttidspunkt: om(3, i + 1), maksimaltMoededeltagerantal: 40 })));
  const ms = t.moedetider;
  let par: [number, number] = [0, 1];
  for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++) if (ms[i].moedetidId > ms[j].moedetidId) par = [i, j];
  const [A, B] = par.map((i) => ms[i]);
  const cprs = await borgere(30);
  const ids: string[] = [];
  for (const [n, cpr] of cprs.entries()) {
    const r = await borger('POST', cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: (n % 2 === 0 ? A : B).starttidspunkt, samtaleformType: 1 });
    expect(r.statusCode).toBe(201);
    ids.push(r.json().indkaldelseId);
  }
  const nye = await borgere(16);
  const { moedetider: _, ...opdatering } = body;
  const rs: LightMyRequestResponse[] = [];
  for (let runde = 0; runde < 3; runde++) {
    // Each round every booked citizen moves to the other slot (the rounds alternate direction).
    const til = (n: number) => ((n + runde) % 2 === 0 ? B : A).starttidspunkt;
    rs.push(
      ...(await Promise.all([
        ...cprs.map((cpr, n) => borger('POST', cpr, `/Indkaldelser/${ids[n]}/Ombooking`, { moedeStarttidspunkt: til(n) })),
        ...nye.map((cpr, n) =>
          n % 2 === 0
            ? borger('POST', cpr, `/Moedetilbud/${t.moedetilbudId}/Booking`, { moedeStarttidspunkt: (n % 4 === 0 ? A : B).starttidspunkt, samtaleformType: 1 })
            : borger('POST', cpr, `/Moedetilbud/${t.moedetilbudId}/action/reserver`, { moedeStarttidspunkt: (n % 4 === 1 ? A : B).starttidspunkt, samtaleformType: 2 }),
        ),
        ...Array.from({ length: 6 }, () => plan('PUT', `/Moedetilbud/${t.moedetilbudId}`, opdatering)),
        ...Array.from({ length: 6 }, (_, n) => plan('PUT', `/Moedetilbud/${t.moedetilbudId}/Moedetider/${(n % 2 === 0 ? A : B).moedetidId}`, { maksimaltMoededeltagerantal: 40 })),
      ])),
    );
  }
  const tael = rs.map(udfald).reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
  // 8273: a new citizen's CreateBooking in the later rounds; 4767 / 4819: a slot full at that moment.
  expect(Object.keys(tael).filter((k) => !['200', '201', '204', '409/4767', '409/4819', '409/8273'].includes(k))).toEqual([]);
  expect(tael['204']).toBeGreaterThanOrEqual(30);
  for (const s of await seatState(ms.map((m) => m.moedetidId))) {
    expect(s.optagne).toBe(s.faktisk);
    expect(s.optagne).toBeLessThanOrEqual(s.pladser);
  }
  // Every booked citizen still has exactly one active meeting, in A or B.
  const aktive = await testPrisma().indkaldelse.findMany({ where: { id: { in: ids }, status: 'Aktiv' }, select: { moedetidId: true } });
  expect(aktive).toHaveLength(30);
  expect(aktive.every((i) => i.moedetidId === A.moedetidId || i.moedetidId === B.moedetidId)).toBe(true);
}, 60_000);
