/**
 * Job wishes over HTTP (GetJoboensker, ReplaceJoboensker under /v1/Tilmelding/Joboensker) and
 * writeJoboensker inside a caller's transaction: app.inject against the real PostgreSQL and Redis.
 * The clock is fixed at 2026-11-29.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Client as PgClient } from 'pg';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, randomCpr, testPrisma } from '../helpers/db';
import { fixedClock } from '../../src/domain/clock';
import { kodelisteRegister } from '../../src/domain/kodeliste-register';
import { tilJoboensker, writeJoboensker, type JoboenskeInput } from '../../src/modules/tilmelding/joboensker';
import { DEMO_JOBOENSKER, seedJoboenskerDemoData } from '../../src/modules/tilmelding/joboensker-demo-data';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { citizen, koder } from './helpers';
import { BYGNINGSTOEMRER_ALIAS, DRONEPILOT, KOK, MURER, SMED, SYGEPLEJERSKE, TELEFONIST, TOEMRER } from '../kodeliste/fixtures';

const URL = '/v1/Tilmelding/Joboensker';
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
});
afterAll(async () => {
  await app?.close();
});

const getWishes = (cpr: string, token = tokenFor({ cpr })) => app.inject({ method: 'GET', url: URL, headers: v1Headers(cpr, token) });
const replace = (cpr: string, joboensker: unknown, token = tokenFor({ cpr })): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'PUT', url: URL, headers: v1Headers(cpr, token), payload: { joboensker } });
const fejl = (res: LightMyRequestResponse) => res.json().fejl.map((f: { fejlkode: number; felt?: string }) => [f.fejlkode, f.felt]);

describe('ReplaceJoboensker and GetJoboensker', () => {
  it('a new citizen has none; a replacement is answered and read back in the given order', async () => {
    const { cpr } = await createCitizen();
    expect((await getWishes(cpr)).json()).toEqual({ joboensker: [] });
    const res = await replace(cpr, [
      { conceptUriDa: TOEMRER, aliasIdentifier: BYGNINGSTOEMRER_ALIAS.toUpperCase(), harUddannelse: true, aarSidstBrugt: 2024, maanederMedErfaring: 36 },
      { conceptUriDa: KOK, harUddannelse: false },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.serviceKvittering).toEqual({ haendelsestidspunkt: '2026-11-29T10:00:00.000Z', beskedId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(body.joboensker).toEqual([
      {
        conceptUriDa: TOEMRER,
        stillingsbetegnelse: 'Tømrer',
        aliasIdentifier: BYGNINGSTOEMRER_ALIAS,
        harUddannelse: true,
        aarSidstBrugt: 2024,
        maanederMedErfaring: 36,
        jobTargetIdentifier: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
      { conceptUriDa: KOK, stillingsbetegnelse: 'Kok', harUddannelse: false, jobTargetIdentifier: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    expect((await getWishes(cpr)).json()).toEqual({ joboensker: body.joboensker });
  });

  it('replaces: updates kept occupations, deletes missing ones, keeps given jobTargetIdentifiers; [] deletes all', async () => {
    const { cpr } = await createCitizen();
    const target = randomUUID();
    await replace(cpr, [{ conceptUriDa: TOEMRER, harUddannelse: true }, { conceptUriDa: KOK, harUddannelse: true }]);
    const res = await replace(cpr, [
      { conceptUriDa: MURER, harUddannelse: false },
      { conceptUriDa: TOEMRER, harUddannelse: false, maanederMedErfaring: 3, jobTargetIdentifier: target },
    ]);
    expect(res.statusCode).toBe(200);
    const read = (await getWishes(cpr)).json().joboensker;
    expect(read.map((j: { conceptUriDa: string }) => j.conceptUriDa)).toEqual([MURER, TOEMRER]);
    expect(read[1]).toMatchObject({ harUddannelse: false, maanederMedErfaring: 3, jobTargetIdentifier: target });
    expect((await replace(cpr, [])).statusCode).toBe(200);
    expect((await getWishes(cpr)).json()).toEqual({ joboensker: [] });
  });

  it('the job centre and system may replace, and other organisations read', async () => {
    const { cpr } = await createCitizen();
    expect((await replace(cpr, [{ conceptUriDa: SMED, harUddannelse: true }], tokenFor({ role: 'jobcenter' }))).statusCode).toBe(200);
    expect((await replace(cpr, [{ conceptUriDa: SMED, harUddannelse: false }], tokenFor({ role: 'system' }))).statusCode).toBe(200);
    for (const role of ['jobcenter', 'a-kasse', 'anden-aktoer', 'star', 'system'] as const) {
      const res = await getWishes(cpr, tokenFor({ role }));
      expect([role, res.statusCode]).toEqual([role, 200]);
      expect(res.json().joboensker).toHaveLength(1);
    }
  });
});

describe('demo data', () => {
  it('Frida and Karen have job wishes (valid occupations); a re-seed changes nothing', async () => {
    const frida = DEMO_CITIZENS.frida.cpr;
    const before = (await getWishes(frida)).json().joboensker;
    expect(before.map((j: { jobTargetIdentifier: string }) => j.jobTargetIdentifier)).toEqual(
      DEMO_JOBOENSKER.filter((j) => j.cpr === frida).map((j) => j.jobTargetIdentifier),
    );
    expect(before.map((j: { stillingsbetegnelse: string }) => j.stillingsbetegnelse)).toEqual(['Lagerarbejder', 'Butiksassistent']);
    await seedJoboenskerDemoData(testPrisma());
    expect((await getWishes(frida)).json().joboensker).toEqual(before);
    expect((await getWishes(DEMO_CITIZENS.karen.cpr)).json().joboensker).toHaveLength(1);
  });
});

describe('fejlkoder', () => {
  it('400/4318 an unknown conceptUriDa', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, [{ conceptUriDa: 'http://data.star.dk/esco/occupation/findes-ikke', harUddannelse: true }]);
    expect(res.statusCode).toBe(400);
    expect(fejl(res)).toEqual([[4318, '/joboensker/0/conceptUriDa']]);
  });

  it('404/8281 an aliasIdentifier that is not an alias of the occupation', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, [{ conceptUriDa: KOK, aliasIdentifier: BYGNINGSTOEMRER_ALIAS, harUddannelse: true }]);
    expect(res.statusCode).toBe(404);
    expect(fejl(res)).toEqual([[8281, '/joboensker/0/aliasIdentifier']]);
  });

  it('KanTilmelde lists the same job-wish faults (8281 with its field) in its 200 answer, and Tilmelding refuses with 404/8281', async () => {
    const { cpr } = await createCitizen();
    const r = await koder();
    const enrollment = {
      klientKategori: r.udenYdelse,
      ledighedsgrad: r.fuldtLedig,
      tilmeldingsdato: '2026-11-29',
      joboensker: [{ conceptUriDa: KOK, aliasIdentifier: BYGNINGSTOEMRER_ALIAS, harUddannelse: true }],
    };
    const kan = await app.inject({ method: 'POST', url: '/v1/Tilmelding/action/kanTilmelde', headers: v1Headers(cpr, tokenFor({ cpr })), payload: enrollment });
    expect(kan.statusCode).toBe(200);
    expect(kan.json()).toMatchObject({ tilladt: false, fejl: [{ fejlkode: 8281, felt: '/joboensker/0/aliasIdentifier' }] });
    const tilmeld = await app.inject({ method: 'POST', url: '/v1/Tilmelding', headers: v1Headers(cpr, tokenFor({ cpr })), payload: enrollment });
    expect(tilmeld.statusCode).toBe(404);
    expect(fejl(tilmeld)).toEqual([[8281, '/joboensker/0/aliasIdentifier']]);
  });

  it('422/8282 an expired occupation, and one not yet valid', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, [
      { conceptUriDa: TELEFONIST, harUddannelse: true },
      { conceptUriDa: DRONEPILOT, harUddannelse: false },
    ]);
    expect(res.statusCode).toBe(422);
    expect(fejl(res)).toEqual([
      [8282, '/joboensker/0/conceptUriDa'],
      [8282, '/joboensker/1/conceptUriDa'],
    ]);
  });

  it('409/9439 the same conceptUriDa twice', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, [
      { conceptUriDa: KOK, harUddannelse: true },
      { conceptUriDa: KOK, harUddannelse: false },
    ]);
    expect(res.statusCode).toBe(409);
    expect(fejl(res)).toEqual([[9439, '/joboensker/1/conceptUriDa']]);
  });

  it('400/4698 negative numbers, 400/4710 a year before 1900 or after this year', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, [
      { conceptUriDa: KOK, harUddannelse: true, aarSidstBrugt: -2020, maanederMedErfaring: -1 },
      { conceptUriDa: MURER, harUddannelse: true, aarSidstBrugt: 1899 },
      { conceptUriDa: SMED, harUddannelse: true, aarSidstBrugt: 2027 },
    ]);
    expect(res.statusCode).toBe(400);
    expect(fejl(res)).toEqual([
      [4698, '/joboensker/0/aarSidstBrugt'],
      [4698, '/joboensker/0/maanederMedErfaring'],
      [4710, '/joboensker/1/aarSidstBrugt'],
      [4710, '/joboensker/2/aarSidstBrugt'],
    ]);
  });

  it('every violation at once; the status is the lowest of them; nothing is written', async () => {
    const { cpr } = await createCitizen();
    await replace(cpr, [{ conceptUriDa: SYGEPLEJERSKE, harUddannelse: true }]);
    const res = await replace(cpr, [
      { conceptUriDa: TELEFONIST, harUddannelse: true },
      { conceptUriDa: KOK, harUddannelse: true, maanederMedErfaring: -3 },
      { conceptUriDa: KOK, harUddannelse: true },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, title: 'Parameter is negative', antalFejl: 3 });
    // The violation that sets status and title comes first, so `type` names the same fejlkode.
    expect(res.json().type).toMatch(/\/4698$/);
    expect(fejl(res)).toEqual([
      [4698, '/joboensker/1/maanederMedErfaring'],
      [8282, '/joboensker/0/conceptUriDa'],
      [9439, '/joboensker/2/conceptUriDa'],
    ]);
    expect((await getWishes(cpr)).json().joboensker.map((j: { conceptUriDa: string }) => j.conceptUriDa)).toEqual([SYGEPLEJERSKE]);
  });

  it('more than 20 violations: the first 20 are shown, antalFejl counts all', async () => {
    const { cpr } = await createCitizen();
    const res = await replace(cpr, Array.from({ length: 30 }, (_, i) => ({ conceptUriDa: `ukendt-${i}`, harUddannelse: true })));
    expect(res.statusCode).toBe(400);
    expect(res.json().fejl).toHaveLength(20);
    expect(res.json().antalFejl).toBe(30);
  });

  it('400/1014 malformed input: missing harUddannelse, a bad guid, too many wishes, the same jobTargetIdentifier twice', async () => {
    const { cpr } = await createCitizen();
    const missing = await replace(cpr, [{ conceptUriDa: KOK }]);
    expect(missing.statusCode).toBe(400);
    expect(fejl(missing)).toEqual([[1014, '/joboensker/0/harUddannelse']]);
    const guid = await replace(cpr, [{ conceptUriDa: KOK, harUddannelse: true, aliasIdentifier: 'x' }]);
    expect(fejl(guid)).toEqual([[1014, '/joboensker/0/aliasIdentifier']]);
    const tooMany = await replace(cpr, Array.from({ length: 201 }, () => ({ conceptUriDa: KOK, harUddannelse: true })));
    expect(tooMany.statusCode).toBe(400);
    expect(fejl(tooMany)).toEqual([[1014, '/joboensker']]);
    const id = randomUUID();
    const twice = await replace(cpr, [
      { conceptUriDa: KOK, harUddannelse: true, jobTargetIdentifier: id },
      { conceptUriDa: SMED, harUddannelse: true, jobTargetIdentifier: id },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(fejl(twice)).toEqual([[1014, '/joboensker/1/jobTargetIdentifier']]);
  });

  it('404/1010 an unknown citizen, on both operations', async () => {
    const cpr = randomCpr();
    const token = tokenFor({ role: 'jobcenter' });
    const read = await getWishes(cpr, token);
    expect(read.statusCode).toBe(404);
    expect(fejl(read)).toEqual([[1010, undefined]]);
    const write = await replace(cpr, [{ conceptUriDa: KOK, harUddannelse: true }], token);
    expect(write.statusCode).toBe(404);
    expect(fejl(write)).toEqual([[1010, undefined]]);
  });

  it('401 without a token', async () => {
    const headers = { 'x-civilRegistrationIdentifier': '0101901234', 'x-requestId': randomUUID() };
    expect((await app.inject({ method: 'GET', url: URL, headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: URL, headers, payload: { joboensker: [] } })).statusCode).toBe(401);
  });

  it('403: another citizen (4575), a role that may not write (4575), a missing scope (1013)', async () => {
    const { cpr } = await createCitizen();
    const other = await createCitizen();
    const otherToken = tokenFor({ cpr: other.cpr });
    expect(fejl(await getWishes(cpr, otherToken))).toEqual([[4575, undefined]]);
    expect(fejl(await replace(cpr, [], otherToken))).toEqual([[4575, undefined]]);
    const akasse = await replace(cpr, [], tokenFor({ role: 'a-kasse' }));
    expect(akasse.statusCode).toBe(403);
    expect(fejl(akasse)).toEqual([[4575, undefined]]);
    const readOnly = await replace(cpr, [], tokenFor({ cpr, scope: 'joboensker.read' }));
    expect(readOnly.statusCode).toBe(403);
    expect(fejl(readOnly)).toEqual([[1013, undefined]]);
    const noScope = await getWishes(cpr, tokenFor({ cpr, scope: 'match.jobagent.read' }));
    expect(fejl(noScope)).toEqual([[1013, undefined]]);
  });
});

describe('consistency', () => {
  it('concurrent replacements of one citizen apply one after the other: the result is exactly one of them', async () => {
    const { cpr } = await createCitizen();
    const lists: JoboenskeInput[][] = [
      [{ conceptUriDa: KOK, harUddannelse: true }, { conceptUriDa: SMED, harUddannelse: true }],
      [{ conceptUriDa: MURER, harUddannelse: true }],
      [{ conceptUriDa: TOEMRER, harUddannelse: true }, { conceptUriDa: SYGEPLEJERSKE, harUddannelse: true }, { conceptUriDa: KOK, harUddannelse: false }],
    ];
    const responses = await Promise.all(Array.from({ length: 15 }, (_, i) => replace(cpr, lists[i % 3])));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(15).fill(200));
    const result = (await getWishes(cpr)).json().joboensker.map((j: { conceptUriDa: string }) => j.conceptUriDa);
    expect(lists.map((l) => l.map((j) => j.conceptUriDa))).toContainEqual(result);
  });

  it('ReplaceJoboensker and a Tilmelding with job wishes for the same citizen, interleaved on the borger lock: the stored list is exactly one of the two', async () => {
    // The interleaving is forced, not hoped for: a third connection ("gate") holds the citizen's
    // borger row lock; the first writer is sent and we wait until it is blocked on the gate; the
    // second is sent and we wait until it is blocked too; then the gate lets go. The first writer
    // gets the lock and commits; the second then runs. Without Tilmelding taking the borger lock in
    // a statement of its own before its write, its write statement's DELETE works on a snapshot
    // taken before the replacement committed and leaves the replaced wishes next to its own.
    const K = await koder();
    const viaTilmelding: JoboenskeInput[] = [{ conceptUriDa: KOK, harUddannelse: true }, { conceptUriDa: SMED, harUddannelse: false }];
    const viaReplace: JoboenskeInput[] = [{ conceptUriDa: MURER, harUddannelse: true }, { conceptUriDa: TOEMRER, harUddannelse: true }];
    const uris = (l: JoboenskeInput[]) => l.map((j) => j.conceptUriDa);
    const tilmeld = (cpr: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/Tilmelding',
        headers: v1Headers(cpr, tokenFor({ role: 'jobcenter' })),
        payload: { klientKategori: K.udenYdelse, tilmeldingsdato: '2026-11-29', ledighedsgrad: K.fuldtLedig, joboensker: viaTilmelding },
      });
    const gate = new PgClient({ connectionString: process.env.DATABASE_URL });
    await gate.connect();
    const gatePid: number = (await gate.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const blockedBehindGate = async (n: number) => {
      for (let i = 0; i < 2000; i++) {
        // Asked on another connection: inside the gate's transaction pg_stat_activity would be a snapshot.
        // A second waiter for a row lock waits on the first waiter, so follow the chain.
        const rows = await testPrisma().$queryRaw<{ n: number }[]>`
          WITH RECURSIVE w(pid) AS (
            SELECT pid FROM pg_stat_activity WHERE ${gatePid}::int = ANY(pg_blocking_pids(pid))
            UNION SELECT a.pid FROM pg_stat_activity a JOIN w ON w.pid = ANY(pg_blocking_pids(a.pid))
          ) SELECT count(*)::int AS n FROM w`;
        if (rows[0].n >= n) return;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`never saw ${n} writer(s) blocked behind the gate`);
    };
    const results: { first: string; stored: string[] }[] = [];
    try {
      for (let round = 0; round < 12; round++) {
        const { cpr } = await citizen('2026-11-29');
        const order = round % 2 === 0 ? (['replace', 'tilmeld'] as const) : (['tilmeld', 'replace'] as const);
        const send = (w: 'replace' | 'tilmeld') => (w === 'replace' ? replace(cpr, viaReplace) : tilmeld(cpr));
        await gate.query('BEGIN');
        await gate.query('SELECT 1 FROM borger WHERE cpr = $1 FOR UPDATE', [cpr]);
        const first = send(order[0]);
        await blockedBehindGate(1);
        const second = send(order[1]);
        await blockedBehindGate(2);
        await gate.query('COMMIT');
        const responses = await Promise.all([first, second]);
        expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
        const stored = (await testPrisma().joboenske.findMany({ where: { cpr }, orderBy: { position: 'asc' } })).map((j) => j.conceptUriDa);
        results.push({ first: order[0], stored });
      }
    } finally {
      await gate.query('ROLLBACK').catch(() => undefined);
      await gate.end();
    }
    // The one that got the lock second wins: its list is what is stored, never a mix.
    expect(results).toEqual(results.map(({ first }) => ({ first, stored: uris(first === 'replace' ? viaTilmelding : viaReplace) })));
  });

  it("writeJoboensker inside a caller's transaction is rolled back with it", async () => {
    const prisma = testPrisma();
    const { cpr } = await createCitizen();
    const now = new Date('2026-11-29T10:00:00.000Z');
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT cpr FROM borger WHERE cpr = ${cpr} FOR UPDATE`;
        expect(await writeJoboensker(tx, cpr, tilJoboensker([{ conceptUriDa: KOK, harUddannelse: true }]), now)).toBe(true);
        throw new Error('a later rule fails');
      }),
    ).rejects.toThrow('a later rule fails');
    expect(await prisma.joboenske.count({ where: { cpr } })).toBe(0);
    await prisma.$transaction(async (tx) => {
      await writeJoboensker(tx, cpr, tilJoboensker([{ conceptUriDa: KOK, harUddannelse: true }]), now);
    });
    expect(await prisma.joboenske.count({ where: { cpr } })).toBe(1);
    expect(await writeJoboensker(prisma, randomCpr(), [], now)).toBe(false);
  });

  it('the database refuses impossible rows (unknown occupation, negative months, the same occupation twice)', async () => {
    const prisma = testPrisma();
    const { cpr } = await createCitizen();
    const row = { cpr, conceptUriDa: KOK, harUddannelse: true, jobTargetIdentifier: randomUUID(), position: 0 };
    await expect(prisma.joboenske.create({ data: { ...row, conceptUriDa: 'ukendt' } })).rejects.toThrow();
    await expect(prisma.joboenske.create({ data: { ...row, maanederMedErfaring: -1 } })).rejects.toThrow();
    await prisma.joboenske.create({ data: row });
    await expect(prisma.joboenske.create({ data: { ...row, jobTargetIdentifier: randomUUID() } })).rejects.toThrow();
    expect((await kodelisteRegister(app.prisma)).stillingsbetegnelse(KOK)?.navn).toBe('Kok');
  });
});
