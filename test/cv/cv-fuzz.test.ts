/**
 * Fuzzing the CV operations from the contract (openapi/openapi.json) with fast-check: bodies and
 * query strings that are valid, valid with one value replaced by junk, or junk, sent with a token
 * of a role the operation admits. Every answer must be below 500, a status the document lists for
 * the operation, and (for errors) application/problem+json. Deterministic (fixed seed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, v1Headers } from '../helpers/app';
import { demoCvInput, largeCvInput } from '../../src/modules/cv/demo-data';
import { createCvCitizen, token } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const DOC = JSON.parse(readFileSync(path.join(__dirname, '../../openapi/openapi.json'), 'utf8'));

interface Op {
  id: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  statuses: Set<string>;
}
/** The CV operations of src/modules/cv/routes.ts; the PDFs and the asylum transition are fuzzed in test/integration/fuzz.test.ts. */
const MINE = new Set(['GetCV', 'ReplaceCV', 'GetCVStatus', 'SetCVStatus', 'UpdateCVAvailability', 'GetAvailableVersions', 'GetCVOnStatus', 'GetCVByCVNumber', 'GetCVAdgangslog']);
const OPS: Op[] = Object.entries<Json>(DOC.paths).flatMap(([p, item]) =>
  (['get', 'put', 'post'] as const)
    .filter((m) => item[m]?.tags?.includes('CV') && MINE.has(item[m].operationId))
    .map((m) => ({ id: item[m].operationId, method: m.toUpperCase() as Op['method'], path: p, statuses: new Set(Object.keys(item[m].responses)) })),
);

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '\u0000', '\ud800', 'æøå'.repeat(2000), -1, 1e308, null, true, [], {}, '<script>alert(1)</script>', '--01', '9'.repeat(30)),
);

/** Replaces one value at a random path of a valid body with junk. */
function mutate(base: Json): fc.Arbitrary<Json> {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, at: (string | number)[]) => {
    paths.push(at);
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), junk).map(([p, j]) => {
    if (p.length === 0) return j;
    const copy = JSON.parse(JSON.stringify(base));
    let o = copy;
    for (const k of p.slice(0, -1)) o = o[k];
    o[p[p.length - 1]] = j;
    return copy;
  });
}

const VALID: Record<string, () => Json> = {
  ReplaceCV: () => demoCvInput('anna'),
  SetCVStatus: () => ({ cvStatus: 3, kommentar: 'Fint' }),
  UpdateCVAvailability: () => ({ soegbarhed: 'Inactive' }),
  GetCVByCVNumber: () => ({ cvNummer: '10000001', borgerSamtykke: true }),
};
const QUERY: Record<string, fc.Arbitrary<string>> = {
  GetAvailableVersions: fc.constantFrom('', '?cvStatus=2', '?cvStatus=4', '?cvStatus=%00', '?x=1'),
  GetCVOnStatus: fc.constantFrom('', '?cvStatus=3', '?cvStatus=2', '?cvVersionId=7c9e6679-7425-40de-944b-e07fc1f90ae7', '?cvVersionId=zz', '?cvStatus=3&cvVersionId=7C9E6679-7425-40DE-944B-E07FC1F90AE7'),
  GetCVAdgangslog: fc.constantFrom('', '?antal=1', '?antal=0', '?fra=2026-01-01T00:00:00Z', '?fra=igår', '?til=' + '9'.repeat(100)),
};

let app: FastifyInstance;
let cpr: string;

beforeAll(async () => {
  app = await buildTestApp();
  const c = await createCvCitizen({ kontaktgruppe: 1 });
  cpr = c.cpr;
  await app.inject({ method: 'PUT', url: '/v1/CV', headers: v1Headers(cpr), payload: largeCvInput() });
});

afterAll(async () => {
  await app?.close();
});

function tokenFor(op: Op) {
  if (op.id === 'SetCVStatus') return token('jobcenter');
  if (op.id === 'GetCVByCVNumber') return token('system');
  if (op.id === 'GetCVAdgangslog') return token('star');
  return token('borger', { cpr });
}

describe(`fuzzing every CV operation from openapi/openapi.json (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('the document has the CV operations', () => {
    expect(OPS.map((o) => o.id).sort()).toEqual([...MINE].sort());
  });

  it.each(OPS.map((op) => [op.id, op] as const))('%s: never 5xx, only documented statuses, problem+json errors', async (_id, op) => {
    const valid = VALID[op.id];
    const body: fc.Arbitrary<Json> = valid ? fc.oneof(fc.constant(valid()), mutate(valid()), junk) : fc.constant(undefined);
    const query = QUERY[op.id] ?? fc.constant('');
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, query, async (b, q) => {
        const headers = { ...v1Headers(cpr, tokenFor(op), randomUUID()), ...(b !== undefined ? { 'content-type': 'application/json' } : {}) };
        const res = await app.inject({ method: op.method, url: `${op.path}${q}`, headers, ...(b !== undefined ? { payload: JSON.stringify(b) ?? 'null' } : {}) });
        seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500 || !op.statuses.has(String(res.statusCode))) {
          throw new Error(`${op.id} ${op.method} ${op.path}${q} -> ${res.statusCode}: ${res.body.slice(0, 400)}\nbody: ${JSON.stringify(b)?.slice(0, 400)}`);
        }
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect([...seen.keys()].some((s) => s < 300)).toBe(true);
  });
});
