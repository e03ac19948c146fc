/**
 * The code lists in PostgreSQL (migrations generated from data/kodelister/) and GetKodeliste over
 * HTTP: app.inject against the real PostgreSQL and Redis.
 */
import type { FastifyInstance } from 'fastify';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { fixedClock } from '../../src/domain/clock';
import { loadKodelisteRegister, KODELISTE_NAVNE } from '../../src/domain/kodeliste-register';
import { migrationsDirectory } from '../../src/db/migrate';
import { renderSyncSql } from '../../scripts/kodelister/data';
import { dataFromFiles, DRONEPILOT, TELEFONIST, TOEMRER } from './fixtures';

let app: FastifyInstance;
const ANY_CPR = '0000000000';

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
});
afterAll(async () => {
  await app?.close();
});

const get = (url: string, token = tokenFor({ role: 'system' }), cpr = ANY_CPR) => app.inject({ method: 'GET', url, headers: v1Headers(cpr, token) });

describe('the migrated database', () => {
  it('holds exactly the lists of data/kodelister (run scripts/kodelister/migration.ts after changing a file)', async () => {
    const fromDb = await loadKodelisteRegister(testPrisma());
    const files = dataFromFiles();
    const byKey = <T>(xs: readonly T[], key: (x: T) => string | number) => [...xs].sort((a, b) => String(key(a)).localeCompare(String(key(b))));
    expect(byKey(fromDb.kontaktgrupper, (x) => x.kode)).toEqual(byKey(files.kontaktgrupper, (x) => x.kode));
    expect(byKey(fromDb.klientkategorier.map(({ minAlder: _a, maxAlder: _b, ...k }) => k), (x) => x.kode)).toEqual(
      byKey(files.klientkategorier, (x) => x.kode),
    );
    expect(byKey(fromDb.ledighedsgrader, (x) => x.kode)).toEqual(byKey(files.ledighedsgrader, (x) => x.kode));
    expect(byKey(fromDb.afmeldingsaarsager, (x) => x.kode)).toEqual(byKey(files.afmeldingsaarsager, (x) => x.kode));
    expect(byKey(fromDb.forsikringskategorier, (x) => x.kode)).toEqual(byKey(files.forsikringskategorier, (x) => x.kode));
    const stillinger = (xs: typeof files.stillingsbetegnelser) =>
      byKey(xs.map((s) => ({ ...s, aliaser: byKey(s.aliaser, (a) => a.aliasIdentifier) })), (s) => s.conceptUriDa);
    expect(stillinger(fromDb.stillingsbetegnelser)).toEqual(stillinger(files.stillingsbetegnelser));
  });

  it('the newest code-list migration is the sync SQL of the files (regenerate it before it is applied anywhere)', () => {
    const dir = migrationsDirectory();
    const newest = readdirSync(dir).filter((n) => /_kodelister_/.test(n) && !/and_joboenske/.test(n)).sort().at(-1)!;
    expect(readFileSync(join(dir, newest, 'migration.sql'), 'utf8')).toBe(renderSyncSql());
  });

  it('the sync SQL is idempotent: applying it again changes nothing', async () => {
    const prisma = testPrisma();
    const before = await loadKodelisteRegister(prisma);
    await prisma.$transaction(async (tx) => {
      for (const statement of renderSyncSql().split(/;\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)+$/.test(s))) {
        await tx.$executeRawUnsafe(statement);
      }
    });
    const after = await loadKodelisteRegister(prisma);
    expect(after.stillingsbetegnelser).toEqual(before.stillingsbetegnelser);
    expect(after.klientkategorier).toEqual(before.klientkategorier);
  });

  it('CHECK constraints refuse impossible values', async () => {
    const prisma = testPrisma();
    await expect(
      prisma.$executeRaw`INSERT INTO stillingsbetegnelse ("conceptUriDa", navn, "discoKode", "gyldigFra", "gyldigTil")
                         VALUES ('http://data.star.dk/esco/occupation/test-check', 'Test', '1234', '2025-01-02', '2025-01-01')`,
    ).rejects.toThrow(/stillingsbetegnelse_gyldighed_check/);
    await expect(prisma.$executeRaw`UPDATE afmeldingsaarsag SET "maxDageFrem" = 61 WHERE kode = 1`).rejects.toThrow(/afmeldingsaarsag_check/);
  });
});

describe('GET /v1/Kodeliste/:navn (GetKodeliste)', () => {
  it.each(KODELISTE_NAVNE.map((n) => [n]))('serves %s', async (navn) => {
    const res = await get(`/v1/Kodeliste/${navn}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kodeliste).toBe(navn);
    expect(body.vaerdier.length).toBeGreaterThan(1);
  });

  it('klientkategori carries the rule facts; 2, 4, 6, 7, 8, 9 are the cash-benefit categories', async () => {
    const { vaerdier } = (await get('/v1/Kodeliste/klientkategori')).json();
    expect(vaerdier.filter((k: { kontanthjaelpskategori: boolean }) => k.kontanthjaelpskategori).map((k: { kode: number }) => k.kode)).toEqual([2, 4, 6, 7, 8, 9]);
    expect(vaerdier.find((k: { kode: number }) => k.kode === 7)).toMatchObject({ minAlder: 18, maxAlder: 29, kontaktgruppe: 4, tilladteLedighedsgrader: [1, 2] });
    expect(vaerdier.find((k: { kode: number }) => k.kode === 3)).toMatchObject({ navn: 'Tilmeldt uden ydelse', udenYdelse: true });
  });

  it('occupations come with validity dates and aliases; gyldigPaa leaves out expired and future ones', async () => {
    const all = (await get('/v1/Kodeliste/stillingsbetegnelse')).json().vaerdier;
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(all.find((s: { conceptUriDa: string }) => s.conceptUriDa === TELEFONIST)).toMatchObject({ gyldigFra: '2018-01-01', gyldigTil: '2021-12-31' });
    expect(all.find((s: { conceptUriDa: string }) => s.conceptUriDa === TOEMRER)).toMatchObject({
      navn: 'Tømrer',
      gyldigTil: null,
      aliaser: [{ navn: 'Bygningstømrer' }],
    });
    const valid = (await get('/v1/Kodeliste/stillingsbetegnelse?gyldigPaa=2026-11-29')).json().vaerdier.map((s: { conceptUriDa: string }) => s.conceptUriDa);
    expect(valid).toContain(TOEMRER);
    expect(valid).not.toContain(TELEFONIST);
    expect(valid).not.toContain(DRONEPILOT);
    expect(valid.length).toBeLessThan(all.length);
  });

  it('every role with the read scope may read; a citizen sends their own CPR', async () => {
    for (const role of ['jobcenter', 'a-kasse', 'anden-aktoer', 'star', 'system'] as const) {
      expect((await get('/v1/Kodeliste/ledighedsgrad', tokenFor({ role }))).statusCode).toBe(200);
    }
    const cpr = '0101901234';
    expect((await get('/v1/Kodeliste/ledighedsgrad', tokenFor({ cpr }), cpr)).statusCode).toBe(200);
  });

  it('400/1014 for an unknown list or a malformed date', async () => {
    const res = await get('/v1/Kodeliste/postnummer');
    expect(res.statusCode).toBe(400);
    expect(res.json().fejl[0]).toMatchObject({ fejlkode: 1014, felt: '/params/navn' });
    const bad = await get('/v1/Kodeliste/stillingsbetegnelse?gyldigPaa=i-dag');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fejl[0]).toMatchObject({ fejlkode: 1014, felt: '/querystring/gyldigPaa' });
  });

  it('401 without a token, 403/1013 without the read scope', async () => {
    const noToken = await app.inject({ method: 'GET', url: '/v1/Kodeliste/ledighedsgrad', headers: { 'x-civilRegistrationIdentifier': ANY_CPR, 'x-requestId': 'k-1' } });
    expect(noToken.statusCode).toBe(401);
    const noScope = await get('/v1/Kodeliste/ledighedsgrad', tokenFor({ role: 'system', scope: 'match.jobagent.read' }));
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().fejl[0].fejlkode).toBe(1013);
  });
});
