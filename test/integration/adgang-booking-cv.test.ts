/**
 * Who may call the Borgerbooking operations (citizen side and planning API), SearchCVText and the CV
 * change feeds: an independent matrix, written from issues 7 and 9 and docs/borgerbooking.md /
 * docs/cv-search.md / docs/cv-feeds.md, checked against every route the app serves for these
 * operations (taken from its own OpenAPI document, so a new route cannot slip past).
 * - no token: 401; a role the operation does not admit: 403/4575, whatever the request holds;
 * - an admitted role without the operation's scope: 403/1013;
 * - an admitted role with its scopes: past the gate (neither 401 nor 4575/1013 from the gate).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../src/domain/access';
import { buildTestApp, tokenFor } from '../helpers/app';
import { callV1, type Method } from '../helpers/api';
import { createCitizen } from '../helpers/db';

const CITIZEN: Role[] = ['borger', 'system'];
const PLANNER: Role[] = ['jobcenter', 'system'];
const EXPECTED: Record<string, Role[]> = {
  GetBorgerstatus: CITIZEN,
  GetSelvbookingMoedetilbud: CITIZEN,
  GetSelvbookingMoedetider: CITIZEN,
  ReserverMoedetid: CITIZEN,
  CreateBooking: CITIZEN,
  GetIndkaldelser: CITIZEN,
  CreateOmbooking: CITIZEN,
  DeleteBooking: CITIZEN,
  SaveIndkaldelsesaccept: CITIZEN,
  GetOmbookingSagsbehandlere: CITIZEN,
  GetOmbookingMoedetider: CITIZEN,
  GetStraksbookingMoedetider: CITIZEN,
  CreateFejlmelding: CITIZEN,
  TilmeldOgBook: CITIZEN,
  GetMoedetilbudListe: PLANNER,
  CreateMoedetilbud: PLANNER,
  GetMoedetilbud: PLANNER,
  UpdateMoedetilbud: PLANNER,
  DeaktiverMoedetilbud: PLANNER,
  CreateMoedetider: PLANNER,
  UpdateMoedetid: PLANNER,
  DeaktiverMoedetid: PLANNER,
  GetBookingerPaaMoedetilbud: PLANNER,
  GetBookingerPaaMoedetid: PLANNER,
  GetFrister: PLANNER,
  SetFrist: PLANNER,
  DeleteFrist: PLANNER,
  CreateIndkaldelse: PLANNER,
  AnnullerIndkaldelse: PLANNER,
  GetFejlmeldinger: PLANNER,
  SearchCVText: ['jobcenter', 'anden-aktoer', 'system'],
  GetCVUpdateList: ['system'],
  GetUpdatedCVs: ['jobcenter', 'system'],
  GetCVList: ['borger', 'jobcenter', 'a-kasse', 'anden-aktoer', 'system'],
};
const ORG: Partial<Record<Role, string>> = { jobcenter: '751', 'a-kasse': '1001', 'anden-aktoer': 'AA-42' };

let app: FastifyInstance;
let cpr: string;
const ops: { operationId: string; method: Method; url: string }[] = [];
beforeAll(async () => {
  app = await buildTestApp();
  ({ cpr } = await createCitizen());
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, { operationId?: string }>> };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId && op.operationId in EXPECTED) {
        const url = path.replace(/\{moedetidId\}|\{moedetilbudId\}|\{indkaldelseId\}/g, () => randomUUID()).replace(/\{samtaleType\}/g, '1');
        ops.push({ operationId: op.operationId, method: method.toUpperCase() as Method, url });
      }
    }
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const call = (o: (typeof ops)[number], role: Role | null, scope?: string) =>
  callV1(app, o.method, o.url, cpr, {
    token: role ? tokenFor({ role, ...(role === 'borger' ? { cpr } : {}), ...(ORG[role] ? { org: ORG[role] } : {}), ...(scope !== undefined ? { scope } : {}) }) : 'x',
    ...(o.method === 'POST' || o.method === 'PUT' ? { body: {} } : {}),
  });
const gate = (body: { fejl?: { fejlkode: number }[] }) => (body.fejl ?? []).map((f) => f.fejlkode).filter((k) => k === 4575 || k === 1013);

describe('access to the Borgerbooking, planning, search and feed operations', () => {
  it('finds every operation of the matrix among the routes', () => {
    expect([...new Set(ops.map((o) => o.operationId))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('401 without a valid token; 403/4575 for every role the operation does not admit', async () => {
    const wrong: string[] = [];
    for (const o of ops) {
      const none = await callV1(app, o.method, o.url, cpr, { headers: { 'x-civilRegistrationIdentifier': cpr, 'x-requestId': randomUUID() } });
      if (none.statusCode !== 401) wrong.push(`${o.operationId} without token: ${none.statusCode}`);
      if ((await call(o, null)).statusCode !== 401) wrong.push(`${o.operationId} with a bad token: not 401`);
      for (const role of ROLES.filter((r) => !EXPECTED[o.operationId]!.includes(r))) {
        const res = await call(o, role);
        if (res.statusCode !== 403 || res.json().fejl?.[0]?.fejlkode !== 4575) wrong.push(`${o.operationId} as ${role}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('403/1013 for an admitted role without the scope; past the gate with it', async () => {
    const wrong: string[] = [];
    for (const o of ops) {
      for (const role of EXPECTED[o.operationId]!) {
        const utenScope = await call(o, role, 'kodeliste.read');
        if (utenScope.statusCode !== 403 || utenScope.json().fejl?.[0]?.fejlkode !== 1013) wrong.push(`${o.operationId} as ${role} without scope: ${utenScope.statusCode} ${utenScope.body.slice(0, 120)}`);
        const med = await call(o, role);
        if (med.statusCode === 401 || (med.statusCode === 403 && gate(med.json()).length > 0)) {
          wrong.push(`${o.operationId} as ${role} with its scopes: ${med.statusCode} ${med.body.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the citizen operations never act for 0000000000 ("unknown citizen"), not even for a system integration', async () => {
    const wrong: string[] = [];
    for (const o of ops.filter((x) => EXPECTED[x.operationId] === CITIZEN)) {
      const body =
        o.operationId === 'CreateFejlmelding'
          ? { fejlkode: 1001, fejlOphav: 32, fejlTidspunkt: new Date().toISOString() }
          : ['CreateBooking', 'ReserverMoedetid', 'CreateOmbooking'].includes(o.operationId)
            ? { moedeStarttidspunkt: new Date(Date.now() + 3 * 86_400_000).toISOString(), samtaleformType: 1 }
            : o.method === 'POST'
              ? {}
              : undefined;
      const res = await callV1(app, o.method, o.url, '0000000000', { token: tokenFor({ role: 'system' }), ...(body ? { body } : {}) });
      if (res.statusCode < 400 || res.statusCode >= 500) wrong.push(`${o.operationId}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
