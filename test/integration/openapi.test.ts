/**
 * The committed OpenAPI document (openapi/openapi.json) is the contract: it must be what the
 * code generates, a valid OpenAPI 3.1 document, and complete for every operation.
 */
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { OPENAPI_PATH, renderOpenApi } from '../../scripts/openapi';
import { buildTestApp } from '../helpers/app';
import { businessDay } from '../../src/domain/clock';
import { OPENAPI_JSON_PATH, PLANNING_EXAMPLE_MONDAY, todayInExamples } from '../../src/plugins/swagger';
import { addDays } from '../../src/domain/dage';
import { koebenhavnTid } from '../../src/modules/borgerbooking/demo-data';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function operations(doc: Json): { key: string; path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]: [string, Json]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })),
  );
}

/** Resolves a local $ref (#/components/...) once. */
function resolve(doc: Json, schema: Json): Json {
  if (schema && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return schema.$ref
      .slice(2)
      .split('/')
      .reduce((node: Json, part: string) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return schema;
}

function hasExample(doc: Json, media: Json): boolean {
  if (media.example !== undefined || (media.examples && Object.keys(media.examples).length > 0)) return true;
  const schema = resolve(doc, media.schema);
  return Array.isArray(schema?.examples) && schema.examples.length > 0;
}

/** A JSON pointer segment, escaped for a URI fragment. */
const pointer = (parts: (string | number)[]) =>
  parts.map((p) => encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties'];

/** Every example in the document with the schema it must satisfy: [where, pointer to the schema, example]. */
function examplesWithSchemas(doc: Json): [string, string, Json][] {
  const found: [string, string, Json][] = [];
  const walkSchema = (node: Json, at: (string | number)[], where: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    if (Array.isArray(node.examples)) node.examples.forEach((e: Json, i: number) => found.push([`${where} examples[${i}]`, pointer(at), e]));
    for (const key of SUBSCHEMA_MAPS) {
      for (const [name, sub] of Object.entries(node[key] ?? {})) walkSchema(sub, [...at, key, name], `${where}.${name}`);
    }
    for (const key of SUBSCHEMA_LISTS) {
      if (Array.isArray(node[key])) node[key].forEach((sub: Json, i: number) => walkSchema(sub, [...at, key, i], `${where}.${key}[${i}]`));
    }
    for (const key of SUBSCHEMA_ONE) if (node[key] && typeof node[key] === 'object') walkSchema(node[key], [...at, key], `${where}.${key}`);
  };
  const walkMedia = (content: Json, at: (string | number)[], where: string) => {
    for (const [type, media] of Object.entries(content ?? {}) as [string, Json][]) {
      const schemaAt = [...at, type, 'schema'];
      if (media.example !== undefined) found.push([`${where} ${type} example`, pointer(schemaAt), media.example]);
      for (const [name, ex] of Object.entries(media.examples ?? {}) as [string, Json][]) {
        const value = ex.$ref ? resolve(doc, ex)?.value : ex.value;
        expect([where, name, value === undefined]).toEqual([where, name, false]);
        found.push([`${where} ${type} examples.${name}`, pointer(schemaAt), value]);
      }
      walkSchema(media.schema, schemaAt, `${where} ${type}`);
    }
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) walkSchema(schema, ['components', 'schemas', name], name);
  for (const { path, method, op } of operations(doc)) {
    const base = ['paths', path, method];
    const id = op.operationId;
    (op.parameters ?? []).forEach((p: Json, i: number) => walkSchema(p.schema, [...base, 'parameters', i, 'schema'], `${id} ${p.in} ${p.name}`));
    walkMedia(op.requestBody?.content, [...base, 'requestBody', 'content'], `${id} request`);
    for (const [status, response] of Object.entries(op.responses) as [string, Json][]) {
      walkMedia(response.content, [...base, 'responses', status, 'content'], `${id} ${status}`);
      for (const [h, header] of Object.entries(response.headers ?? {}) as [string, Json][]) {
        walkSchema(header.schema, [...base, 'responses', status, 'headers', h, 'schema'], `${id} ${status} header ${h}`);
      }
    }
  }
  return found;
}

const ENGLISH_START = /^(get|gets|create|creates|update|updates|delete|deletes|remove|list|lists|return|returns|search|fetch|find|book|cancel|verify)\b/i;
const DANISH_MARKER = /[æøåÆØÅ]|\b(en|et|og|der|til|af|for|på|med|fra|borger\w*|henter|opretter|opdaterer|sletter|markerer|søger|booker|afmelder|tilmelder)\b/i;

let committed: string;
let rendered: string;
let doc: Json;

beforeAll(async () => {
  committed = readFileSync(OPENAPI_PATH, 'utf8');
  rendered = await renderOpenApi();
  doc = JSON.parse(committed);
});

describe('openapi/openapi.json', () => {
  it('is up to date with the code (otherwise: run npm run openapi and commit the result)', () => {
    if (committed !== rendered) {
      const a = committed.split('\n');
      const b = rendered.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(
        `openapi/openapi.json is stale: run npm run openapi and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${a[line]}\n  generated: ${b[line]}`,
      );
    }
  });

  it('is 2-space JSON with a trailing newline', () => {
    expect(committed).toBe(`${JSON.stringify(JSON.parse(committed), null, 2)}\n`);
  });

  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    const api: Json = await SwaggerParser.validate(JSON.parse(committed));
    expect(api.openapi).toBe('3.1.0');
    expect(api.info.title).toBe('Jobnet citizen API');
  });

  it('does not depend on the environment: a relative server without PUBLIC_BASE_URL', () => {
    expect(doc.servers).toEqual([{ url: '/', description: 'Jobnet citizen API' }]);
  });

  it('has the bearerAuth security scheme (JWT)', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('documents only /v1 operations (health, metrics and docs are hidden)', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p).toMatch(/^\/v1\/[A-Z]/);
  });

  it('uses the v1 path style: no trailing slash (the design writes /v1/Jobagent)', () => {
    const trailing = Object.keys(doc.paths).filter((p) => p.endsWith('/'));
    expect(trailing).toEqual([]);
  });

  it('has unique operationIds', () => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('every operation', () => {
    // Built lazily: describe blocks run before beforeAll, so read the committed file here.
    const ops = operations(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')));

    it('exists', () => {
      expect(ops.length).toBeGreaterThan(0);
    });

    it.each(ops.map((o) => [o.key, o] as const))('%s: operationId, Danish summary, tags, bearerAuth', (_key, { op }) => {
      expect(op.operationId).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(typeof op.summary).toBe('string');
      expect(op.summary.length).toBeGreaterThan(5);
      expect(op.summary).not.toMatch(ENGLISH_START);
      expect(op.summary).toMatch(DANISH_MARKER);
      expect(Array.isArray(op.tags) && op.tags.length).toBeTruthy();
      const known = doc.tags.map((t: Json) => t.name);
      for (const tag of op.tags) expect(known).toContain(tag);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    });

    it.each(ops.map((o) => [o.key, o] as const))('%s: required headers x-civilRegistrationIdentifier and x-requestId', (_key, { op }) => {
      const headers = (op.parameters ?? []).filter((p: Json) => p.in === 'header');
      const cpr = headers.find((p: Json) => p.name === 'x-civilRegistrationIdentifier');
      const requestId = headers.find((p: Json) => p.name === 'x-requestId');
      expect(cpr).toMatchObject({ required: true, schema: { type: 'string' } });
      expect(cpr.schema.pattern).toContain('0000000000');
      expect(requestId).toMatchObject({ required: true, schema: { type: 'string', minLength: 1, maxLength: 46 } });
      // authorization is the security scheme, never a parameter.
      expect(headers.map((p: Json) => p.name.toLowerCase())).not.toContain('authorization');
    });

    it.each(ops.map((o) => [o.key, o] as const))('%s: error responses are application/problem+json', (_key, { op }) => {
      const statuses = Object.keys(op.responses);
      for (const status of ['400', '401', '403', '412', '500', '503']) expect(statuses).toContain(status);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        const content = op.responses[status].content ?? {};
        expect([status, Object.keys(content)]).toEqual([status, ['application/problem+json']]);
        expect(content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
      const success = statuses.filter((s) => /^2/.test(s));
      expect(success.length).toBe(1);
    });

    it.each(ops.map((o) => [o.key, o] as const))('%s: request body and success response have examples', (_key, { op }) => {
      const missing: string[] = [];
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (!hasExample(doc, media)) missing.push(`request body ${type}`);
      }
      for (const [status, response] of Object.entries(op.responses) as [string, Json][]) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!hasExample(doc, media)) missing.push(`response ${status} ${type}`);
        }
      }
      expect(missing).toEqual([]);
    });
  });

  describe('examples', () => {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; the document is one schema resource so that the
    // operations' #/components/schemas/... references resolve.
    const committedDoc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(committedDoc, 'openapi.json');
    const all = examplesWithSchemas(committedDoc);

    it('exist (request bodies, responses, parameters and components)', () => {
      expect(all.length).toBeGreaterThan(100);
    });

    it.each(all.map(([where, at, example]) => [where, at, example] as const))('%s validates against its schema', (_where, at, example) => {
      const validate = ajv.getSchema(`openapi.json#/${at}`)!;
      expect(validate).toBeDefined();
      const ok = validate(example);
      expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
    });
  });

  it('every operation\'s description names the old (specification) operation, or says it is new', () => {
    const missing = operations(doc)
      .filter(({ op }) => !/^(Gammelt navn|Gamle navne|Ny operation)\b/.test(op.description ?? ''))
      .map(({ op }) => op.operationId);
    expect(missing).toEqual([]);
  });

  it('the Problem schema has the RFC 9457 members and the fejl list', () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'fejl']));
    expect(problem.properties.fejl.items).toEqual({ $ref: '#/components/schemas/Fejl' });
    expect(doc.components.schemas.Fejl.required).toEqual(expect.arrayContaining(['fejlkode', 'fejltekst', 'beskrivelse']));
  });
});

describe('served documentation', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /openapi.json serves the committed document, without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual(doc);
  });

  it('GET /docs serves Swagger UI (HTML) with the service\'s title and icon, without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/swagger-ui/i);
    expect(res.body).toContain('<title>Jobnet citizen API</title>');
    expect(res.body).toContain('/docs/static/theme/favicon.svg');
    expect(res.body).not.toMatch(/favicon-32x32/);
    const icon = await app.inject({ method: 'GET', url: '/docs/static/theme/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
  });

  it('Swagger UI shows today\'s date in the request examples\' date fields (Tilmelding 4749, Afmelding 4322); the document keeps its own', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(res.body).toContain('"responseInterceptor":function anonymous(res');
    const g = globalThis as unknown as { window?: unknown };
    const before = g.window;
    g.window = { location: { href: 'http://127.0.0.1:3000/docs' } };
    try {
      const intercept = todayInExamples as (r: Json) => Json;
      const other = intercept({ url: 'http://127.0.0.1:3000/v1/Tilmelding/Status', text: committed });
      expect(other.text).toBe(committed);
      const seen = JSON.parse(intercept({ url: `http://127.0.0.1:3000${OPENAPI_JSON_PATH}`, text: committed }).text);
      const today = businessDay(new Date());
      expect(seen.components.schemas.TilmeldingInput.examples[0].tilmeldingsdato).toBe(today);
      expect(seen.components.schemas.TilmeldingInput.properties.tilmeldingsdato.examples).toEqual([today]);
      expect(seen.paths['/v1/Tilmelding/action/afmeld'].post.requestBody.content['application/json'].example.afmeldingsdato).toBe(today);
      // Borgerbooking's slot examples move to the first weekday after today at their Copenhagen time of day,
      // where the demo data always has a slot (09:00 and 10:00), and the slot interval starts today.
      let hverdag = addDays(today, 1);
      while ([0, 6].includes(new Date(`${hverdag}T12:00:00Z`).getUTCDay())) hverdag = addDays(hverdag, 1);
      const reserver = seen.components.schemas.ReservationInput.examples[0].moedeStarttidspunkt;
      expect(reserver.slice(0, 10)).toBe(hverdag);
      expect(Date.parse(reserver)).toBe(koebenhavnTid(hverdag, '09:00').getTime());
      expect(Date.parse(seen.components.schemas.BookingInput.examples[0].moedeStarttidspunkt)).toBe(koebenhavnTid(hverdag, '09:00').getTime());
      expect(Date.parse(seen.components.schemas.OmbookingInput.examples[0].moedeStarttidspunkt)).toBe(koebenhavnTid(hverdag, '10:00').getTime());
      const params = seen.paths['/v1/Borgerbooking/Moedetilbud/{moedetilbudId}/Moedetider'].get.parameters;
      const param = (name: string) => params.find((p: Json) => p.name === name).example;
      expect(Date.parse(param('startMoedetidsinterval'))).toBe(koebenhavnTid(today, '00:00').getTime());
      expect(Date.parse(param('slutMoedetidsinterval'))).toBe(koebenhavnTid(addDays(today, 30), '23:59').getTime());
      // The planning side keeps its dates while its example Monday is ahead (CreateIndkaldelse's start, end
      // and deadlines belong together) ...
      if (addDays(today, 1) < PLANNING_EXAMPLE_MONDAY) {
        expect(seen.components.schemas.IndkaldelseInput.examples).toEqual(doc.components.schemas.IndkaldelseInput.examples);
      }
      // Responses keep their examples.
      expect(seen.paths['/v1/Tilmelding/Status'].get.responses['200']).toEqual(doc.paths['/v1/Tilmelding/Status'].get.responses['200']);
    } finally {
      g.window = before;
    }
  });

  it('Swagger UI moves the planning examples by whole weeks once their Monday has passed, keeping their order and times', async () => {
    const g = globalThis as unknown as { window?: unknown };
    const before = g.window;
    g.window = { location: { href: 'http://127.0.0.1:3000/docs' } };
    // Wednesday 10 March 2027: the next weekday is Thursday 11 March, so 2027-01-11 moves 9 weeks to 15 March.
    jest.useFakeTimers({ now: new Date('2027-03-10T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'] });
    try {
      const seen = JSON.parse((todayInExamples as (r: Json) => Json)({ url: `http://127.0.0.1:3000${OPENAPI_JSON_PATH}`, text: committed }).text);
      const weeks9 = (v: string) => addDays(v.slice(0, 10), 63) + v.slice(10);
      const original = doc.components.schemas.IndkaldelseInput.examples[0] as Record<string, unknown>;
      const moved = seen.components.schemas.IndkaldelseInput.examples[0] as Record<string, unknown>;
      const dates = Object.keys(original).filter((k) => typeof original[k] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(original[k] as string));
      expect(dates.length).toBeGreaterThan(2);
      for (const k of dates) expect(moved[k]).toBe(weeks9(original[k] as string));
      expect(seen.components.schemas.MoedetilbudInput.examples[0].foersteMoedetid).toBe(weeks9(doc.components.schemas.MoedetilbudInput.examples[0].foersteMoedetid));
      // Not the citizen side's schemas, and not responses.
      expect(seen.paths['/v1/Tilmelding/Status'].get.responses['200']).toEqual(doc.paths['/v1/Tilmelding/Status'].get.responses['200']);
    } finally {
      jest.useRealTimers();
      g.window = before;
    }
  });

  it('Swagger UI loads the documented /openapi.json (not /docs/json), with the service\'s title as logo', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(res.statusCode).toBe(200);
    // `urls` overrides the plugin's own `url: resolveUrl('./json')`.
    expect(res.body).toMatch(/"urls":\[\{"url":"\/openapi\.json","name":"Jobnet citizen API v1"\}\]/);
    const logo = /img\.src = 'data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)'/.exec(res.body);
    expect(Buffer.from(logo![1], 'base64').toString('utf8')).toContain('>Jobnet citizen API</text>');
  });
});
