/**
 * The CV change feeds over HTTP (real PostgreSQL and Redis): GetCVUpdateList, GetUpdatedCVs and
 * GetCVList with its cursor. Every fejlkode of the three operations is provoked here; the
 * exactly-once proof under concurrent, out-of-order commits is aendringer-exactly-once.test.ts.
 * The writes run on a settable clock far in the future, so a time window holds only this file's events.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import type { Clock } from '../../src/domain/clock';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import { decodeCursor, encodeCursor } from '../../src/modules/cv/aendringer/cursor';
import { awaitFeedHorizon, BASE, call, createCvCitizen, expectProblem, token, type Setup } from './helpers';

let now = new Date('2031-03-02T08:00:00.000Z');
const clock: Clock = { now: () => new Date(now) };
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock });
});
afterAll(async () => {
  await app?.close();
});

const ALL = '0000000000';
const system = () => token('system');
const replace = (cpr: string) => call(app, 'PUT', BASE, cpr, { body: demoCvInput('anna') });
const soegbarhed = (cpr: string, s: 'Active' | 'Inactive') => call(app, 'PUT', `${BASE}/Soegbarhed`, cpr, { body: { soegbarhed: s } });
const status = (cpr: string, cvStatus: number) => call(app, 'PUT', `${BASE}/Status`, cpr, { body: { cvStatus }, token: token('jobcenter') });
const list = async (cpr: string, query: string, tok: string) => (await awaitFeedHorizon(), call(app, 'GET', `${BASE}/Haendelser${query}`, cpr, { token: tok }));
const updateList = (query: string, tok = system()) => call(app, 'GET', `${BASE}/Aendringsliste${query}`, ALL, { token: tok });
const updatedCvs = (query: string, tok = system()) => call(app, 'GET', `${BASE}/OpdateredeCVer${query}`, ALL, { token: tok });

async function withCv(setup: Setup = {}) {
  const c = await createCvCitizen(setup);
  expect((await replace(c.cpr)).statusCode).toBe(200);
  return c;
}

describe('GetCVList', () => {
  it("lists a citizen's element edits, status and availability changes with type, operation and time, and the cursor gives only what is new", async () => {
    now = new Date('2031-03-02T08:00:00.000Z');
    const c = await withCv();
    now = new Date('2031-03-02T09:00:00.000Z');
    expect((await status(c.cpr, 3)).statusCode).toBe(200);
    now = new Date('2031-03-02T10:00:00.000Z');
    expect((await soegbarhed(c.cpr, 'Inactive')).statusCode).toBe(200);

    const res = await list(c.cpr, '', token('borger', { cpr: c.cpr }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const types = body.haendelser.map((h: { haendelsestype: string }) => h.haendelsestype);
    expect(types).toEqual(expect.arrayContaining(['Jobmaal', 'Uddannelse', 'Sprogkundskab', 'CvStatus', 'CvSoegbarhed']));
    expect(body.haendelser.every((h: { cpr: string; cvNummer: string }) => h.cpr === c.cpr && h.cvNummer === c.cvNummer)).toBe(true);
    const jobmaal = body.haendelser.find((h: { haendelsestype: string }) => h.haendelsestype === 'Jobmaal');
    expect(jobmaal).toMatchObject({ aendringstype: 'Oprettelse', oprettetTidspunkt: '2031-03-02T08:00:00.000Z' });
    expect(jobmaal.opdateretTidspunkt).toBeUndefined();
    expect(body.haendelser.at(-2)).toMatchObject({ haendelsestype: 'CvStatus', aendringstype: 'Opdatering', cvStatus: 3, opdateretTidspunkt: '2031-03-02T09:00:00.000Z' });
    expect(body.haendelser.at(-1)).toMatchObject({ haendelsestype: 'CvSoegbarhed', aendringstype: 'Opdatering', soegbarhed: 'Inactive', opdateretTidspunkt: '2031-03-02T10:00:00.000Z' });
    expect(body.flere).toBe(false);

    // Asking again with the cursor: nothing; after one more change: exactly that one.
    const again = await list(c.cpr, `?efter=${body.naesteMarkoer}`, token('borger', { cpr: c.cpr }));
    expect(again.json()).toEqual({ haendelser: [], naesteMarkoer: body.naesteMarkoer, flere: false });
    expect((await soegbarhed(c.cpr, 'Active')).statusCode).toBe(200);
    const next = (await list(c.cpr, `?efter=${body.naesteMarkoer}`, system())).json();
    expect(next.haendelser).toEqual([expect.objectContaining({ haendelsestype: 'CvSoegbarhed', soegbarhed: 'Active' })]);
  });

  it('pages with antal: the pages together are the whole log, each event once', async () => {
    const c = await withCv();
    const whole = (await list(c.cpr, '?antal=1000', system())).json().haendelser.map((h: { haendelseId: string }) => h.haendelseId);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const page = (await list(c.cpr, `?antal=3${cursor ? `&efter=${cursor}` : ''}`, system())).json();
      seen.push(...page.haendelser.map((h: { haendelseId: string }) => h.haendelseId));
      cursor = page.naesteMarkoer;
      if (!page.flere) break;
    }
    expect(seen).toEqual(whole);
    expect(whole.length).toBeGreaterThan(3);
  });

  it('gives all citizens\' events with 0000000000 to system, and a job centre only its own municipality\'s', async () => {
    const aarhus = await withCv({ kommunekode: '751' });
    const odense = await withCv({ kommunekode: '461' });
    const cprs = async (query: string, tok: string) => {
      const out = new Set<string>();
      let cursor = '';
      for (let i = 0; i < 10_000; i++) {
        const page = (await list(ALL, `?antal=1000${cursor ? `&efter=${cursor}` : ''}${query}`, tok)).json();
        for (const h of page.haendelser) out.add(h.cpr);
        cursor = page.naesteMarkoer;
        if (!page.flere) break;
      }
      return out;
    };
    const all = await cprs('', system());
    expect(all.has(aarhus.cpr) && all.has(odense.cpr)).toBe(true);
    const jc = await cprs('', token('jobcenter', { org: '751' }));
    expect(jc.has(aarhus.cpr)).toBe(true);
    expect(jc.has(odense.cpr)).toBe(false);
    const bySystem = await cprs('&jobcenter=461', system());
    expect(bySystem.has(odense.cpr) && !bySystem.has(aarhus.cpr)).toBe(true);
  });

  it('GetCVList: 403/8292 for a job centre asking for another municipality, and for a citizen it does not serve', async () => {
    expectProblem(await list(ALL, '?jobcenter=461', token('jobcenter', { org: '751' })), 403, 8292, '/querystring/jobcenter');
    const odense = await withCv({ kommunekode: '461' });
    expectProblem(await list(odense.cpr, '', token('jobcenter', { org: '751' })), 403, 8292);
  });

  it('GetCVList: 403/4575 for the whole log to an a-kasse, 403/4511 to another actor, 422/4385 and 403/8291 as GetCV, 404/1010', async () => {
    expectProblem(await list(ALL, '', token('a-kasse')), 403, 4575);
    const c = await withCv({ akasse: null });
    expectProblem(await list(c.cpr, '', token('anden-aktoer')), 403, 4511);
    expectProblem(await list(c.cpr, '', token('a-kasse')), 422, 4385);
    const member = await withCv({ akasse: '1001' });
    expectProblem(await list(member.cpr, '', token('a-kasse', { org: '2002' })), 403, 8291);
    expect((await list(member.cpr, '', token('a-kasse', { org: '1001' }))).statusCode).toBe(200);
    expectProblem(await list('0101010101', '', system()), 404, 1010);
  });

  it('writes reads of a citizen\'s event log by others to the CV audit log', async () => {
    const c = await withCv();
    expect((await list(c.cpr, '', system())).statusCode).toBe(200);
    const rows = await testPrisma().cvAdgangslog.findMany({ where: { cpr: c.cpr, operation: 'GetCVList' } });
    expect(rows).toEqual([expect.objectContaining({ rolle: 'system', tilladt: true, httpStatus: 200 })]);
  });

  it('GetCVList: 400/1014 on /efter for a cursor it did not write', async () => {
    const garbage = ['xyz', Buffer.from('v2.1.1').toString('base64url'), Buffer.from('v1.01.1').toString('base64url'), Buffer.from('v1.99999999999999999999.1').toString('base64url'), 'djEuNzUzLjQy=='];
    for (const efter of garbage) expectProblem(await list(ALL, `?efter=${encodeURIComponent(efter)}`, system()), 400, 1014, '/querystring/efter');
    expectProblem(await list(ALL, '?antal=0', system()), 400, 1014);
    expect(decodeCursor(encodeCursor({ xid: 18446744073709551615n, id: 9223372036854775807n }))).toEqual({ xid: 18446744073709551615n, id: 9223372036854775807n });
  });
});

describe('GetCVUpdateList and GetUpdatedCVs', () => {
  const fra = '2031-04-01T00:00:00Z';
  const til = '2031-04-02T00:00:00Z';

  it('lists each CPR whose CV changed in [fra, til) once, with its latest change, in CPR order; per municipality with GetUpdatedCVs', async () => {
    now = new Date('2031-03-31T23:59:59.999Z');
    const before = await withCv({ kommunekode: '751' });
    now = new Date('2031-04-01T00:00:00.000Z');
    const a = await withCv({ kommunekode: '751' });
    now = new Date('2031-04-01T12:00:00.000Z');
    expect((await soegbarhed(a.cpr, 'Inactive')).statusCode).toBe(200);
    const b = await withCv({ kommunekode: '461' });
    now = new Date('2031-04-02T00:00:00.000Z');
    const after = await withCv({ kommunekode: '751' });
    now = new Date('2031-04-03T00:00:00.000Z');

    const res = await updateList(`?fra=${fra}&til=${til}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ fra: '2031-04-01T00:00:00.000Z', til: '2031-04-02T00:00:00.000Z', udtraekstidspunkt: '2031-04-03T00:00:00.000Z', sidsteSide: 1 });
    expect(body.cver).toEqual(
      [
        { cpr: a.cpr, revisionstidspunkt: '2031-04-01T12:00:00.000Z', slettet: false },
        { cpr: b.cpr, revisionstidspunkt: '2031-04-01T12:00:00.000Z', slettet: false },
      ].sort((x, y) => x.cpr.localeCompare(y.cpr)),
    );
    expect(body.cver.map((c: { cpr: string }) => c.cpr)).not.toContain(before.cpr);
    expect(body.cver.map((c: { cpr: string }) => c.cpr)).not.toContain(after.cpr);
    expect((await updateList(`?fra=${fra}&til=${til}&side=2`)).json()).toMatchObject({ sidsteSide: 1, cver: [] });

    // Without til: up to now (the answer says which til it used).
    expect((await updateList(`?fra=${fra}`)).json()).toMatchObject({ til: '2031-04-03T00:00:00.000Z' });

    const aarhus = (await updatedCvs(`?fra=${fra}&til=${til}&jobcenter=751`)).json();
    expect(aarhus.cver.map((c: { cpr: string }) => c.cpr)).toEqual([a.cpr]);
    const own = (await updatedCvs(`?fra=${fra}&til=${til}`, token('jobcenter', { org: '461' }))).json();
    expect(own.cver.map((c: { cpr: string }) => c.cpr)).toEqual([b.cpr]);
  });

  it('marks a CV deleted in the period (the deletion is recorded by a trigger)', async () => {
    const c = await withCv();
    const start = new Date(Date.now() - 60_000).toISOString();
    await testPrisma().cv.delete({ where: { cpr: c.cpr } });
    const res = (await updateList(`?fra=${start}&til=${new Date(Date.now() + 60_000).toISOString()}`)).json();
    expect(res.cver.find((x: { cpr: string }) => x.cpr === c.cpr)).toMatchObject({ slettet: true });
    const log = (await list(c.cpr, '', system())).json().haendelser;
    expect(log.at(-1)).toMatchObject({ haendelsestype: 'Cv', aendringstype: 'Sletning', cvNummer: c.cvNummer });
  });

  it('GetCVUpdateList and GetUpdatedCVs: 400/1014 on /til when til is not after fra or the period is longer than 31 days; 400/1014 on a bad time', async () => {
    expectProblem(await updateList(`?fra=${til}&til=${fra}`), 400, 1014, '/querystring/til');
    expectProblem(await updateList(`?fra=${fra}&til=${fra}`), 400, 1014, '/querystring/til');
    expectProblem(await updatedCvs(`?fra=2031-01-01T00:00:00Z&til=2031-02-01T00:00:01Z`), 400, 1014, '/querystring/til');
    expectProblem(await updateList('?fra=yesterday'), 400, 1014);
    expectProblem(await updatedCvs(`?fra=${fra}`), 400, 1014);
    expectProblem(await updateList(`?fra=${fra}&side=0`), 400, 1014);
    expectProblem(await updatedCvs(`?fra=${fra}&til=${til}&jobcenter=75`), 400, 1014);
  });

  it('GetUpdatedCVs: 403/8292 for a job centre asking for another municipality; GetCVUpdateList is for system only (403/4575)', async () => {
    expectProblem(await updatedCvs(`?fra=${fra}&til=${til}&jobcenter=461`, token('jobcenter', { org: '751' })), 403, 8292, '/querystring/jobcenter');
    expectProblem(await updateList(`?fra=${fra}&til=${til}`, token('jobcenter')), 403, 4575);
    expectProblem(await updatedCvs(`?fra=${fra}&til=${til}`, token('a-kasse')), 403, 4575);
  });
});

describe('query plans of the feeds (cheap check; scripts/explain-cv-search.ts checks a realistic set)', () => {
  it("GetCVList's page is one index range scan of cv_haendelse (xid, id), with the snapshot horizon in the index condition", async () => {
    const { eventPageSql } = await import('../../src/modules/cv/aendringer/service');
    const sql = eventPageSql({ xid: 1n, id: 1n }, 500, {});
    const client = await app.pg.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values)).rows[0]['QUERY PLAN']);
      expect(plan).toContain('"Index Name":"cv_haendelse_xid_id_idx"');
      expect(plan).toMatch(/"Index Cond":"\(\(ROW\(xid, id\) > ROW\([^"]*AND \(xid < /);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
