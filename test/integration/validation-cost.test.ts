/**
 * Validation costs at most linear time in the body size (design.md section 4): no request may
 * stall the process. A guard walks every request schema of the app, so later areas inherit the
 * rule; the proof sends worst-case bodies at the body limit over a real listen.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { MAX_FEJL } from '../../src/plugins/errors';
import { buildTestApp, v1Headers } from '../helpers/app';
import { createCitizen } from '../helpers/db';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/**
 * Keywords whose validation cost we have reviewed: each is linear in the size of the value it
 * checks (uniqueItems too: src/schemas/ajv.ts replaces ajv's pairwise one). A new keyword must be
 * reviewed and added here.
 */
const REVIEWED_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'minLength', 'maxLength', 'pattern', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'anyOf', 'allOf', 'oneOf', 'format', '$ref',
  // annotations
  '$id', 'title', 'description', 'examples', 'example', 'default', 'readOnly', 'writeOnly', 'deprecated', 'x-fejlkode',
]);
/** ajv-formats checks that are a bounded regex or a date check (linear). */
const REVIEWED_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'email']);

/**
 * A pattern must not backtrack catastrophically: anchored at the start (one starting position),
 * and no quantifier applied to a group that itself holds a quantifier or an alternation
 * (star height 1), the constructs behind exponential and polynomial backtracking.
 */
export function patternProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (!pattern.startsWith('^')) problems.push('is not anchored with ^');
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // skip a character class
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '(') stack.push({ quantified: false, alternation: false });
    else if (c === '|') {
      if (top) top.alternation = true;
    } else if (c === ')') {
      const group = stack.pop()!;
      const next = pattern[i + 1];
      const groupQuantified = next === '*' || next === '+' || next === '{' || next === '?';
      const repeats = next === '*' || next === '+' || (next === '{' && !/^\{(\d+)\}|^\{0?,?1\}/.test(pattern.slice(i + 1)));
      if (repeats && (group.quantified || group.alternation)) problems.push(`repeats a group with a quantifier or alternation at ${i}`);
      const parent = stack[stack.length - 1];
      if (parent && (group.quantified || groupQuantified)) parent.quantified = true;
    } else if ((c === '*' || c === '+' || c === '{') && top) top.quantified = true;
  }
  return problems;
}

/** True when every string the pattern accepts has a bounded length (anchored both ends, no *, + or {n,}). */
function patternBoundsLength(pattern: string): boolean {
  const stripped = pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  return pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(stripped);
}

function resolve(doc: Json, schema: Json): Json {
  if (schema && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return schema.$ref.slice(2).split('/').reduce((node: Json, part: string) => node?.[part], doc);
  }
  return schema;
}

/** Every problem of one request schema (recursively), as "where: what". */
function schemaProblems(doc: Json, schema: Json, where: string, seen = new Set<Json>()): string[] {
  const s = resolve(doc, schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  const problems: string[] = [];
  for (const key of Object.keys(s)) if (!REVIEWED_KEYWORDS.has(key)) problems.push(`${where}: keyword '${key}' has no reviewed cost`);
  if (s.format && !REVIEWED_FORMATS.has(s.format)) problems.push(`${where}: format '${s.format}' has no reviewed cost`);
  const types = [s.type].flat();
  if (types.includes('array') && s.maxItems === undefined) problems.push(`${where}: array without maxItems`);
  if (types.includes('string') && s.maxLength === undefined && s.enum === undefined && s.const === undefined) {
    if (!s.pattern || !patternBoundsLength(s.pattern)) problems.push(`${where}: string without maxLength (or a length-bounding pattern)`);
  }
  if (typeof s.pattern === 'string') for (const p of patternProblems(s.pattern)) problems.push(`${where}: pattern ${p}`);
  for (const [name, child] of Object.entries(s.properties ?? {})) problems.push(...schemaProblems(doc, child, `${where}/${name}`, seen));
  if (typeof s.additionalProperties === 'object') problems.push(...schemaProblems(doc, s.additionalProperties, `${where}/*`, seen));
  if (s.items) problems.push(...schemaProblems(doc, s.items, `${where}/[]`, seen));
  for (const k of ['anyOf', 'allOf', 'oneOf']) for (const [i, child] of (s[k] ?? []).entries()) problems.push(...schemaProblems(doc, child, `${where}/${k}/${i}`, seen));
  return problems;
}

describe('validation cost', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('the pattern check finds the constructs behind catastrophic backtracking', () => {
    expect(patternProblems('^(a+)+$')).not.toEqual([]);
    expect(patternProblems('^(a|aa)*$')).not.toEqual([]);
    expect(patternProblems('^(\\w+\\s?)*$')).not.toEqual([]);
    expect(patternProblems('a+b')).toEqual(['is not anchored with ^']);
    expect(patternProblems('^[^@]{1,191}@[^@]{1,64}$')).toEqual([]);
    expect(patternProblems('^((0[1-9]|1[0-9])(01|03)[0-9]{6}|0000000000)$')).toEqual([]);
    expect(patternBoundsLength('^[\\da-f]{8}-[\\da-f]{4}$')).toBe(true);
    expect(patternBoundsLength('^https?://')).toBe(false);
    expect(patternBoundsLength('^a+$')).toBe(false);
  });

  it('every request schema of every route (body, path, query, headers) can be validated in linear time', () => {
    const doc = app.swagger() as Json;
    const problems: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) {
          problems.push(...schemaProblems(doc, p.schema, `${where} ${p.in} ${p.name}`));
          checked++;
        }
        for (const [type, media] of Object.entries<Json>(op.requestBody?.content ?? {})) {
          problems.push(...schemaProblems(doc, media.schema, `${where} body (${type})`));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  /**
   * 22,000 distinct small objects in a uniqueItems array of objects, just under the body limit:
   * ajv's own uniqueItems compared every pair (~2.4e8 deep equals, 7-11 s per request, with
   * /health/live stalled). Several such requests in a row would run for over a minute, far past
   * the test's timeout; linear validation answers them all at once, and the liveness probes
   * fired alongside keep answering.
   */
  it('worst-case bodies at the body limit get a capped 400 while /health/live keeps answering', async () => {
    const { cpr } = await createCitizen();
    const bodyLimit = app.config.http.bodyLimit;
    const items: string[] = [];
    let size = 100;
    for (let n = 0; size + 12 < bodyLimit; n++) {
      const item = `{"x":${n}}`;
      items.push(item);
      size += item.length + 1;
    }
    const payload = `{"titel":"t","soegeparametre":{"arbejdsomraade":{"stillingsbetegnelser":[${items.join(',')}]}}}`;
    expect(payload.length).toBeLessThanOrEqual(bodyLimit);
    expect(items.length).toBeGreaterThan(20_000);

    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect(address).toContain('127.0.0.1');

    // One after the other: concurrent ones would each wait for the others' validation, and a busy
    // test machine could then time out their Redis claims (503), which is not what this test is about.
    const ROUNDS = 8;
    let badInFlight = true;
    let healthWhileBadInFlight = 0;
    const bad = (async () => {
      const results: { status: number; body: Json }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const res = await fetch(`${base}/v1/Jobagent`, {
          method: 'POST',
          headers: { ...v1Headers(cpr), 'content-type': 'application/json' },
          body: payload,
        });
        results.push({ status: res.status, body: (await res.json()) as Json });
      }
      badInFlight = false;
      return results;
    })();
    const health = Array.from({ length: 20 }, async () => {
      const res = await fetch(`${base}/health/live`);
      if (badInFlight) healthWhileBadInFlight++;
      return res.status;
    });
    const [badResults, healthStatuses] = await Promise.all([bad, Promise.all(health)]);

    expect(healthStatuses.every((s) => s === 200)).toBe(true);
    expect(healthWhileBadInFlight).toBeGreaterThan(0);
    for (const { status, body } of badResults) {
      expect({ status, detail: body.detail }).toEqual({ status: 400, detail: 'The submitted message could not be validated' });
      expect(body.fejl).toHaveLength(MAX_FEJL);
      // Per item a missing conceptUriDa and an unknown property, plus maxItems.
      expect(body.antalFejl).toBe(2 * items.length + 1);
      expect(body.fejl[0]).toMatchObject({ fejlkode: 1014 });
    }
  }, 60_000);

  it('a duplicate among objects is still found (and so is one among strings)', async () => {
    const { cpr } = await createCitizen();
    const dup = { conceptUriDa: 'http://data.star.dk/esco/occupation/1', aliasIdentifier: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b' };
    const sameKeysOtherOrder = { aliasIdentifier: dup.aliasIdentifier, conceptUriDa: dup.conceptUriDa };
    const res = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: v1Headers(cpr),
      payload: {
        titel: 't',
        soegeparametre: {
          geografi: { region: ['Hovedstaden', 'Hovedstaden'] },
          arbejdsomraade: { stillingsbetegnelser: [dup, { conceptUriDa: 'http://data.star.dk/esco/occupation/2' }, sameKeysOtherOrder] },
        },
      },
    });
    expect(res.statusCode).toBe(400);
    const felter = res.json().fejl.map((f: { felt: string; beskrivelse: string }) => f.felt);
    expect(felter).toEqual(
      expect.arrayContaining(['/soegeparametre/geografi/region', '/soegeparametre/arbejdsomraade/stillingsbetegnelser']),
    );
    expect(res.json().antalFejl).toBe(2);

    const ok = await app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: v1Headers(cpr),
      payload: { titel: 't', soegeparametre: { arbejdsomraade: { stillingsbetegnelser: [dup, { conceptUriDa: dup.conceptUriDa }] } } },
    });
    expect(ok.statusCode).toBe(201);
  });
});
