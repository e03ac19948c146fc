import type Ajv from 'ajv';
import type { SchemaValidateFunction } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * Request validation must cost at most linear time in the body size (design.md section 4), with
 * allErrors on (several violations give several entries). ajv's own `uniqueItems` compares every
 * pair of items with a deep equal when the items are objects or arrays, and with allErrors it still
 * runs after `maxItems` failed: 22,000 small objects took ~10 s. This replaces it, for every schema,
 * with one pass that keys each item by its canonical JSON (object keys sorted) in a Map.
 */
const MAX_DEPTH = 64;

class TooDeep extends Error {}

function canonical(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k], depth + 1)}`)
    .join(',')}}`;
}

const uniqueItems: SchemaValidateFunction = (schema: boolean, data: unknown[]) => {
  uniqueItems.errors = undefined;
  if (!schema || data.length < 2) return true;
  const firstIndex = new Map<string, number>();
  for (let j = 0; j < data.length; j++) {
    let key: string;
    try {
      key = canonical(data[j], 0);
    } catch (err) {
      if (err instanceof TooDeep) continue; // nested deeper than any schema of ours: invalid for other reasons
      throw err;
    }
    const i = firstIndex.get(key);
    if (i !== undefined) {
      uniqueItems.errors = [
        { keyword: 'uniqueItems', message: `must NOT have duplicate items (items ## ${i} and ${j} are identical)`, params: { i, j } },
      ];
      return false;
    }
    firstIndex.set(key, j);
  }
  return true;
};

/** ajv plugin (Fastify's `ajv.plugins`): the linear-time `uniqueItems`. */
export function linearUniqueItems(ajv: Ajv): Ajv {
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItems });
  return ajv;
}

/**
 * The `date` format (RFC 3339 full-date, ajv-formats) without the year 0000, which PostgreSQL's
 * `date` does not have (1 BC is 0001 BC): '0000-01-01' passed the schema and failed in the database
 * (500). Found by test/integration/fuzz.test.ts. Every other full-date up to 9999-12-31 is storable.
 */
export function storableDates(ajv: Ajv): void {
  const date = fullFormats.date as { validate: (s: string) => boolean; compare: (a: string, b: string) => number | undefined };
  ajv.addFormat('date', { type: 'string', validate: (s: string) => !s.startsWith('0000') && date.validate(s), compare: date.compare });
}
