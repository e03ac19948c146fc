/**
 * Robustness of the Borgerbooking, planning, SearchCVText and CV feed routes against hand-picked edges
 * (the fuzz test draws at random; these are the ones a reviewer tries first): strings PostgreSQL cannot
 * store in query strings, dates far in the past and future, huge and negative numbers, odd cursors,
 * very long and odd search text. Never a 500; always a problem body with a fejlkode the operation documents.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../src/domain/clock';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, type Method } from '../helpers/api';
import { opretIndkaldelse, opretMoedetilbud } from '../borgerbooking/helpers';
import { createCvCitizen } from '../cv/helpers';

const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const clock: Clock = { now: () => new Date(NOW) };
const tid = (hhmm: string, dag = '2026-12-03') => `${dag}T${hhmm}:00.000+01:00`;
const BB = '/v1/Borgerbooking';
const ALL = '0000000000';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ clock });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** Documented statuses and fejlkoder of an operation, from the app's own OpenAPI document. */
function documented(operationId: string): Map<string, number[]> {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { 'x-fejlkoder'?: number[] }> }>> };
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      if (op.operationId === operationId) return new Map(Object.entries(op.responses).map(([s, r]) => [s, r['x-fejlkoder'] ?? []]));
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** Sends the request and checks: no 5xx, a documented status, and (for a problem) documented fejlkoder. */
async function edge(operationId: string, method: Method, url: string, cpr: string, token: string, body?: unknown): Promise<LightMyRequestResponse> {
  const res = await callV1(app, method, url, cpr, { token, body });
  const what = `${operationId} ${method} ${url.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 400)}`;
  expect({ what, status: res.statusCode < 500 }).toEqual({ what, status: true });
  const d = documented(operationId);
  expect({ what, documented: d.has(String(res.statusCode)) }).toEqual({ what, documented: true });
  if (res.statusCode >= 400) {
    const koder = (res.json().fejl ?? []).map((f: { fejlkode: number }) => f.fejlkode) as number[];
    const allowed = d.get(String(res.statusCode)) ?? [];
    // 1014 (validation), 4575/1013 (access) and 1010 are the framework's and documented by problemResponses for every route.
    const generic: number[] = [];
    expect({ what, undocumented: koder.filter((k) => !allowed.includes(k) && !generic.includes(k)) }).toEqual({ what, undocumented: [] });
  }
  return res;
}

describe('the citizen side of Borgerbooking', () => {
  let cpr: string;
  let A: string;
  let tilbud: string;
  beforeAll(async () => {
    ({ cpr } = await createCvCitizen());
    A = tokenFor({ cpr });
    tilbud = (await opretMoedetilbud({ moedetider: [{ start: tid('09:00') }, { start: tid('10:00') }] })).moedetilbudId;
  });

  it('GetSelvbookingMoedetider: U+0000 and odd caseworker ids, intervals far in the past and the future', async () => {
    const q = (s: string) => edge('GetSelvbookingMoedetider', 'GET', `${BB}/Moedetilbud/${tilbud}/Moedetider?${s}`, cpr, A);
    const iv = 'startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z';
    for (const id of ['%00', 'a%00b', '%F0%9F%98%80', '%ED%A0%80', "'%3B--", 'x'.repeat(255)]) await q(`${iv}&eksterntId=${id}`);
    await q('startMoedetidsinterval=0001-01-01T00:00:00Z&slutMoedetidsinterval=9999-12-31T23:59:59Z');
    await q('startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=9999-12-31T23:59:59Z');
    await q('startMoedetidsinterval=0000-01-01T00:00:00Z&slutMoedetidsinterval=0000-01-02T00:00:00Z');
    await q('startMoedetidsinterval=2026-02-30T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z');
    await q('startMoedetidsinterval=2026-12-02T00:00:00%2B14:00&slutMoedetidsinterval=2026-12-05T00:00:00-12:00');
    await q(`${iv}&samtaleformType=-1`);
    await q(`${iv}&samtaleformType=99999999999999999999`);
  });

  it('GetOmbookingMoedetider and GetOmbookingSagsbehandlere: the same edges', async () => {
    const i = await opretIndkaldelse(cpr, { start: tid('12:00'), sagsbehandlerId: (await opretMoedetilbud({ kommunekode: '101' })).sagsbehandlere[0]!.id });
    for (const s of ['eksterntId=%00', 'startMoedetidsinterval=0001-01-01T00:00:00Z&slutMoedetidsinterval=9999-12-31T23:59:59Z', `moedetilbudId=${tilbud}&eksterntId=%00`]) {
      await edge('GetOmbookingMoedetider', 'GET', `${BB}/Indkaldelser/${i}/Ombooking/Moedetider?startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z&${s}`, cpr, A);
    }
    await edge('GetOmbookingSagsbehandlere', 'GET', `${BB}/Indkaldelser/${i.toUpperCase()}/Ombooking/Sagsbehandlere`, cpr, A);
  });

  it('CreateBooking, ReserverMoedetid, CreateFejlmelding: dates at the ends of the calendar, huge numbers', async () => {
    for (const start of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-03T09:00:00.000000001+01:00']) {
      await edge('CreateBooking', 'POST', `${BB}/Moedetilbud/${tilbud}/Booking`, cpr, A, { moedeStarttidspunkt: start, samtaleformType: 1 });
      await edge('ReserverMoedetid', 'POST', `${BB}/Moedetilbud/${tilbud}/action/reserver`, cpr, A, { moedeStarttidspunkt: start, samtaleformType: 1 });
    }
    await edge('CreateBooking', 'POST', `${BB}/Moedetilbud/${tilbud}/Booking`, cpr, A, { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1e300 });
    for (const t of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      await edge('CreateFejlmelding', 'POST', `${BB}/Fejlmeldinger`, cpr, A, { fejlkode: 1001, fejlOphav: 32, fejlTidspunkt: t });
    }
    await edge('CreateFejlmelding', 'POST', `${BB}/Fejlmeldinger`, cpr, A, { fejlkode: 2 ** 31, fejlOphav: 32, fejlTidspunkt: tid('08:00', '2026-12-01') });
    await edge('CreateFejlmelding', 'POST', `${BB}/Fejlmeldinger`, cpr, A, { fejlkode: -1, fejlOphav: 2 ** 40, fejlTidspunkt: tid('08:00', '2026-12-01') });
  });
});

describe('the planning API', () => {
  const SYS = tokenFor({ role: 'system' });
  it('list queries: odd filters, huge and negative numbers, dates far away', async () => {
    for (const s of ['antal=0', 'antal=-1', 'antal=100000000000', 'samtaleType=-5', 'samtaleType=40000', 'aktiv=maybe']) {
      await edge('GetMoedetilbudListe', 'GET', `${BB}/Planlaegning/Moedetilbud?${s}`, ALL, SYS);
    }
    for (const s of ['fra=0001-01-01T00:00:00Z', 'til=9999-12-31T23:59:59Z', 'fra=9999-12-31T23:59:59Z&til=0001-01-01T00:00:00Z', 'antal=99999999', 'fejlOphav=-1', 'moedetilbudId=%00']) {
      await edge('GetFejlmeldinger', 'GET', `${BB}/Planlaegning/Fejlmeldinger?${s}`, ALL, SYS);
    }
  });
});

describe('SearchCVText', () => {
  const JC = tokenFor({ role: 'jobcenter', org: '751' });
  const soeg = (body: unknown) => edge('SearchCVText', 'POST', '/v1/CV/action/soeg', ALL, JC, body);
  it('very long, odd and unicode text; huge, negative and odd radii and coordinates', async () => {
    for (const t of ['x'.repeat(100_000), 'æøå ÆØÅ ü ß', '😀😀😀', '!&|:*()<->\'"\\', '  ', "'; DROP TABLE cv_soeg; --", 'a & b | !c', 'ðŸ˜€', '\u200b\u200b', 'ﷺ'.repeat(300)]) {
      await soeg({ soegetekst: t });
      await soeg({ soegetekst: 'pædagog', sekundaerSoegetekst: t });
    }
    for (const afstandKm of [0, -1, 1e308, 40_000, 0.0001]) await soeg({ soegetekst: 'pædagog', naerPostnummer: '8000', afstandKm });
    await soeg({ geoPunkt: { lat: 90, lon: 180 }, afstandKm: 20_000 });
    await soeg({ geoPunkt: { lat: -90, lon: -180 }, afstandKm: 1 });
    await soeg({ geoPunkt: { lat: 91, lon: 0 } });
    await soeg({ naerBy: '%' });
    await soeg({ naerBy: 'x'.repeat(10_000) });
    for (const n of [0, -1, 2 ** 31, 1e9]) await soeg({ soegetekst: 'pædagog', sidenummer: n, resultaterPrSide: n, antalGrupper: n });
    await soeg({ soegetekst: 'pædagog', opdateretEfter: '0001-01-01T00:00:00Z', opdateretFoer: '9999-12-31T23:59:59Z' });
    await soeg({ soegetekst: 'pædagog', opdateretEfter: '9999-12-31T23:59:59Z', opdateretFoer: '0001-01-01T00:00:00Z' });
    await soeg({ soegeId: '00000000-0000-0000-0000-000000000000', sidenummer: 2 });
  });
});

describe('the CV change feeds', () => {
  const SYS = tokenFor({ role: 'system' });
  const JC = tokenFor({ role: 'jobcenter', org: '751' });
  it('GetCVList: invalid and forged cursors, huge and negative page sizes', async () => {
    const cursors = [
      'x',
      '',
      b64('v1.0.0'),
      b64('v1.18446744073709551615.9223372036854775807'),
      b64('v1.18446744073709551616.0'),
      b64('v1.-1.0'),
      b64('v2.1.1'),
      b64('v1.1.1.1'),
      b64('v1.01.1'),
      `${b64('v1.1.1')}=`,
      'A'.repeat(64),
      'A'.repeat(65),
      '%00',
      '%F0%9F%98%80',
    ];
    for (const c of cursors) {
      await edge('GetCVList', 'GET', `/v1/CV/Haendelser?efter=${c}`, ALL, SYS);
      await edge('GetCVList', 'GET', `/v1/CV/Haendelser?efter=${c}`, ALL, JC);
    }
    for (const antal of ['0', '-1', '1e9', '99999999999999999999', '1.5', 'abc']) await edge('GetCVList', 'GET', `/v1/CV/Haendelser?antal=${antal}`, ALL, SYS);
    for (const j of ['abc', '%00', '7510', '-75']) await edge('GetCVList', 'GET', `/v1/CV/Haendelser?jobcenter=${j}`, ALL, SYS);
  });

  it('GetCVUpdateList and GetUpdatedCVs: dates at the ends of the calendar, pages far away', async () => {
    const windows = [
      'fra=0001-01-01T00:00:00Z&til=0001-01-02T00:00:00Z',
      'fra=9999-12-30T00:00:00Z&til=9999-12-31T23:59:59Z',
      'fra=0000-01-01T00:00:00Z&til=0000-01-02T00:00:00Z',
      'fra=2026-02-30T00:00:00Z&til=2026-03-02T00:00:00Z',
      'fra=2026-11-01T00:00:00Z&til=2026-11-01T00:00:00Z',
      'fra=2026-11-01T00:00:00%2B14:00&til=2026-11-01T00:00:00-12:00',
      'fra=2026-11-01T00:00:00Z&til=2026-11-02T00:00:00Z&side=0',
      'fra=2026-11-01T00:00:00Z&til=2026-11-02T00:00:00Z&side=-1',
      'fra=2026-11-01T00:00:00Z&til=2026-11-02T00:00:00Z&side=99999999999',
      'fra=2026-11-01T00:00:00Z&til=2026-11-02T00:00:00Z&side=100000',
      'fra=2026-11-01T00:00:00Z',
      'til=2026-11-01T00:00:00Z',
      'fra=%00&til=%00',
    ];
    for (const w of windows) {
      await edge('GetCVUpdateList', 'GET', `/v1/CV/Aendringsliste?${w}`, ALL, SYS);
      await edge('GetUpdatedCVs', 'GET', `/v1/CV/OpdateredeCVer?${w}`, ALL, SYS);
      await edge('GetUpdatedCVs', 'GET', `/v1/CV/OpdateredeCVer?${w}&jobcenter=751`, ALL, JC);
    }
  });
});
