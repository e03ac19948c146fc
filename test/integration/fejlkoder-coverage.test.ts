/**
 * Guard: every fejlkode the contract documents for an operation is provoked by some test.
 *
 * The document lists an operation's codes in text (there is no per-operation list in a schema):
 * in the operation's description ("Fejlkoder: 404/1010 ...", "Koder: 4340 ..."), in the
 * descriptions of its error responses (src/schemas/common.ts PROBLEM_DESCRIPTIONS: 1001, 1014,
 * 4575, 1013, 1010, 4589, 4405, 8236) and as `x-fejlkode` on request schema fields (9158). A code
 * is a 4-digit number of the fejlkode registry (data/fejlkoder.tsv); a sentence "Ikke relevant(e)
 * ..." names codes the operation does NOT return and is skipped.
 *
 * Every such code must appear as a number in at least one test source under test/ (this file,
 * the fixtures and the generated client excepted). The codes of the operation's own description
 * and request schema must moreover appear in a test source that names the operation (its
 * operationId or its path): a code provoked for one operation does not prove another's. It is a
 * grep, not a proof: it catches a code documented and never tested, the usual way a contract
 * drifts from the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isFejlkodenummer } from '../../src/domain/fejlkoder';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const ROOT = path.join(__dirname, '../..');
const DOC: Json = JSON.parse(readFileSync(path.join(ROOT, 'openapi/openapi.json'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Test sources that do not count: this guard, fixtures and the generated-style client. */
const NOT_TESTS = new Set([
  'test/integration/fejlkoder-coverage.test.ts',
  'test/kodeliste/fixtures.ts',
  'test/client/jobagent-flow.ts',
]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.(ts|mjs|js)$/.test(e.name) ? [full] : [];
  });
}

const NUMBER = /(?<![0-9])[0-9]{4}(?![0-9])/g;
const testSources = files(path.join(ROOT, 'test'))
  .filter((f) => !NOT_TESTS.has(path.relative(ROOT, f).split(path.sep).join('/')))
  .map((f) => {
    const text = readFileSync(f, 'utf8');
    return { text, numbers: new Set(text.match(NUMBER) ?? []) };
  });
const numbersInTests = new Set(testSources.flatMap((t) => [...t.numbers]));

/** True when a test source that names the operation (operationId or path) has the code as a number. */
function testedFor(code: number, operationId: string, opPath: string): boolean {
  return testSources.some((t) => t.numbers.has(String(code)) && (t.text.includes(operationId) || t.text.includes(opPath)));
}

/** The registry's codes in a text, without those of "Ikke relevant(e) ..." sentences. */
function codesIn(text: string | undefined): number[] {
  const relevant = (text ?? '').replace(/Ikke relevante?[^.]*\./g, '');
  return (relevant.match(NUMBER) ?? []).map(Number).filter((n) => isFejlkodenummer(n));
}

/** `x-fejlkode` values anywhere in a schema ($refs to components followed once). */
function schemaCodes(schema: Json, seen = new Set<Json>()): number[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.slice(2).split('/').reduce((n: Json, k: string) => n?.[k], DOC);
    return schemaCodes(target, seen);
  }
  const own = typeof schema['x-fejlkode'] === 'number' ? [schema['x-fejlkode']] : [];
  return [...own, ...Object.values(schema).flatMap((v) => schemaCodes(v, seen))];
}

interface Documented {
  operation: string;
  path: string;
  /** Every code documented for the operation. */
  codes: number[];
  /** The codes of its own description and request schema (not the shared response texts). */
  own: number[];
}

const documented: Documented[] = Object.entries<Json>(DOC.paths).flatMap(([p, item]) =>
  METHODS.filter((m) => p.startsWith('/v1/') && item[m]).map((m) => {
    const op = item[m];
    const errorResponses = Object.entries<Json>(op.responses).filter(([status]) => Number(status) >= 400);
    const own = [...new Set([...codesIn(op.description), ...schemaCodes(op.requestBody)])].sort();
    const codes = [...new Set([...own, ...errorResponses.flatMap(([, r]) => codesIn(r.description))])].sort();
    return { operation: op.operationId as string, path: p, codes, own };
  }),
);

describe('every documented fejlkode is provoked by a test', () => {
  it('reads codes for every /v1 operation', () => {
    expect(documented.length).toBeGreaterThanOrEqual(32);
    // The generic responses alone document 1014 (400) and 4575 (403) for every operation.
    for (const d of documented) expect(d.codes).toEqual(expect.arrayContaining([1014, 4575]));
  });

  it.each(documented.map((d) => [d.operation, d] as const))('%s: each documented code appears in a test', (_op, d) => {
    const untested = d.codes.filter((c) => !numbersInTests.has(String(c)));
    const untestedForOperation = d.own.filter((c) => !testedFor(c, d.operation, d.path));
    expect({ operation: d.operation, untested, untestedForOperation }).toEqual({ operation: d.operation, untested: [], untestedForOperation: [] });
  });
});
