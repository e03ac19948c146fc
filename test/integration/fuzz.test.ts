/**
 * Property-based fuzzing from the contract (openapi/openapi.json) with fast-check and Ajv.
 *
 * For every Jobagent operation the document describes, fast-check generates requests: bodies
 * and path parameters that are schema-shaped, schema-shaped with junk spliced in, or junk
 * (wrong types, huge strings, Unicode edge cases, NUL, lone surrogates, nested junk, malformed
 * JSON), sent with valid auth (a citizen token; the system role for soegPaaEmail) and a fresh
 * x-requestId. Every answer must be:
 *   - below 500,
 *   - a status the document lists for that operation,
 *   - of a content type the document lists for that status, with a body that validates against
 *     the documented schema ($refs resolved to components/schemas); no body where none is
 *     documented (204); a problem's fejlkoder are listed in the operation's x-fejlkoder (the
 *     first, whose status the problem answers, under that status).
 *
 * Deterministic: a fixed seed (override with FUZZ_SEED, and FUZZ_RUNS for the number of runs).
 * On failure fast-check prints the seed, the path and the shrunk counterexample; re-run with
 * FUZZ_SEED=<seed> to reproduce.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, randomCpr, testPrisma } from '../helpers/db';
import { citizen, koder } from '../tilmelding/helpers';
import type { Role } from '../../src/domain/access';
import { systemClock, today as copenhagenToday } from '../../src/domain/clock';
import { CvInput } from '../../src/modules/cv/schemas';
import { CvService } from '../../src/modules/cv/service';
import { plannerFuzzOps, plannerFuzzSetup, type PlannerFuzzFixtures } from '../borgerbooking/planner-fuzz';
import { opretFrist, opretIndkaldelse, opretMoedetilbud } from '../borgerbooking/helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const DEFAULT_RUNS = 60;
/** Draws per operation (the expensive ones get their AREA_OPS share of it). */
const RUNS = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);

const DOC: Json = JSON.parse(readFileSync(path.join(__dirname, '../../openapi/openapi.json'), 'utf8'));
const DOC_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Fastify's default routerOptions.maxParamLength (the app does not change it). */
const MAX_PARAM_LENGTH = 100;

// ---------------------------------------------------------------------------------------------
// The contract: operations, and one Ajv validator per (operation, status, media type)

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(DOC, DOC_ID);

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows local $refs (#/components/...) to the schema they name. */
function deref(schema: Json): Json {
  let s = schema;
  while (s && typeof s.$ref === 'string') {
    s = s.$ref
      .slice(2)
      .split('/')
      .reduce((node: Json, part: string) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], DOC);
    if (!s) throw new Error(`unresolved $ref ${schema.$ref}`);
  }
  return s;
}

interface Operation {
  id: string;
  method: Uppercase<(typeof METHODS)[number]>;
  path: string;
  bodySchema?: Json;
  pathParams: { name: string; schema: Json }[];
  queryParams: { name: string; schema: Json }[];
  responses: Record<string, { content?: Record<string, { validate: ValidateFunction }>; fejlkoder?: number[] }>;
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries<Json>(DOC.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const pointer = `${DOC_ID}#/paths/${escapePointer(p)}/${method}`;
      const responses: Operation['responses'] = {};
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        const content = response.content
          ? Object.fromEntries(
              Object.keys(response.content).map((media) => [
                media,
                { validate: ajv.compile({ $ref: `${pointer}/responses/${status}/content/${escapePointer(media)}/schema` }) },
              ]),
            )
          : undefined;
        responses[status] = { content, fejlkoder: response['x-fejlkoder'] };
      }
      ops.push({
        id: op.operationId,
        method: method.toUpperCase() as Operation['method'],
        path: p,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        pathParams: (op.parameters ?? []).filter((x: Json) => x.in === 'path').map((x: Json) => ({ name: x.name, schema: x.schema })),
        queryParams: (op.parameters ?? []).filter((x: Json) => x.in === 'query').map((x: Json) => ({ name: x.name, schema: x.schema })),
        responses,
      });
    }
  }
  // Deletions last, so the other operations still find the job agents seeded for them.
  return ops.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Characters that break naive code: case mappings that change length, controls, bidi, astral. */
const NASTY_CHARS = [
  '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', 'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'İ', 'ı', 'ß', 'ẞ', 'ﬃ', 'Ω',
  'K', 'ǅ', '\u0301', '\u200b', '\u200d', '\u202e', '\u2028', '\ufeff', '\ufffd', '\ud800', '\udfff', '😀',
  '👩‍👩‍👧', '𝔘', '"', '\\', '/', '<', '>', '%', '&', "'", '{', '}', '$', '`', '\n', '\r', '\t', ' ', '@', ',', ';', ':',
];
/** NUL and lone surrogates: the API refuses them (400/1014) before anything else looks. */
const UNSTORABLE = new Set(['\u0000', '\ud800', '\udfff']);
const PLAIN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.æøåÆØÅ'.split('');

const anyChar = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PLAIN_CHARS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const storableChar = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PLAIN_CHARS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARS.filter((c) => !UNSTORABLE.has(c))) },
);

const junkString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: anyChar, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    // huge strings, up to a few KB
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 256, max: 4096 }), fc.constantFrom('a', 'æ', 'İ', '😀', '\u0000', 'x '))
      .map(([n, c]) => c.repeat(n)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '', ' ', 'null', 'true', '0', '-1', '1e309', 'NaN', '__proto__', 'constructor', '../../etc/passwd',
      "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x/a}', '%00', '%zz', '\u0000', '{{7*7}}',
    ),
  },
);

const junkKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'titel', 'jobagent', 'email', 'soegeparametre', '$ref', ''),
);

const junkLeaf = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_VALUE, Number.MIN_VALUE, 0.5, 9999, 1000),
);

const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    junkLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(junkKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A string from a schema pattern, with now and then a few characters swapped for nasty ones (kept only if it still matches). */
function patternString(pattern: string, unit: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const re = new RegExp(pattern, 'u');
  return fc
    .tuple(fc.stringMatching(re), fc.array(fc.tuple(fc.nat(), unit), { maxLength: 4 }))
    .map(([s, edits]) => {
      const chars = [...s];
      for (const [at, c] of edits) if (chars.length > 0) chars[at % chars.length] = c;
      const edited = chars.join('');
      return re.test(edited) ? edited : s;
    });
}

/**
 * A value for a JSON schema. `mutate`: at every node, now and then junk instead of the shaped
 * value, required properties dropped and unknown ones added.
 */
function shaped(schema: Json, mutate: boolean): fc.Arbitrary<unknown> {
  const base = shapedBase(deref(schema), mutate);
  return mutate ? fc.oneof({ weight: 12, arbitrary: base }, { weight: 1, arbitrary: junkValue }) : base;
}

function shapedBase(s: Json, mutate: boolean): fc.Arbitrary<unknown> {
  const unit = mutate ? anyChar : storableChar;
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'object': {
      const props: Record<string, Json> = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, shaped(v, mutate)]));
      const required: string[] = s.required ?? [];
      const record = fc.record(model, { requiredKeys: required });
      if (!mutate) return record;
      return fc
        .tuple(
          record,
          required.length > 0 ? fc.option(fc.subarray(required, { minLength: 1 }), { freq: 6 }) : fc.constant(null),
          fc.option(fc.dictionary(junkKey, junkValue, { maxKeys: 2 }), { freq: 6 }),
        )
        .map(([value, drop, extra]) => {
          const out: Record<string, unknown> = { ...(value as object) };
          for (const k of drop ?? []) delete out[k];
          for (const [k, v] of Object.entries(extra ?? {})) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
          return out;
        });
    }
    case 'array': {
      const items = shaped(s.items ?? {}, mutate);
      const maxLength = Math.min(s.maxItems ?? 5, mutate ? 8 : 5);
      return s.uniqueItems && !mutate ? fc.uniqueArray(items, { maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { maxLength });
    }
    case 'string':
      if (typeof s.pattern === 'string') return patternString(s.pattern, unit);
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      // Calendar days near today, so that date rules (order, windows) are reached, not only the format.
      if (s.format === 'date') {
        return fc.oneof(
          { weight: 6, arbitrary: fc.date({ noInvalidDate: true, min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z') }).map((d) => d.toISOString().slice(0, 10)) },
          // The edges of the calendar (and of PostgreSQL's date), and leap days.
          { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '0000-01-01', '1000-01-01', '1899-12-31', '9999-12-31', '2024-02-29', '2100-02-28', '1970-01-01') },
        );
      }
      return fc.string({ unit, minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 120) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return junkValue;
  }
}

/**
 * The cross-field rules of a search (service.ts checkSoegeparametre: afstand needs exactly one of
 * fraPostnummer/fraKommune, min <= max, deltid hours only for Deltid and deltidMaxTimer with it),
 * which a JSON schema cannot say. Half of the schema-valid bodies are repaired to satisfy them,
 * so the fuzz reaches the success paths (201/200, and the 25-per-citizen limit, 409) often.
 */
function repairSoegeparametre(value: Json): Json {
  const soeg = value?.soegeparametre;
  if (!soeg || typeof soeg !== 'object') return value;
  const afstand = soeg.geografi?.afstand;
  if (afstand) {
    if (afstand.fraPostnummer !== undefined && afstand.fraKommune !== undefined) delete afstand.fraKommune;
    if (afstand.fraPostnummer === undefined && afstand.fraKommune === undefined) afstand.fraPostnummer = 8000;
    if (afstand.minAfstand !== undefined && afstand.minAfstand > afstand.maxAfstand) delete afstand.minAfstand;
  }
  const rejsetid = soeg.geografi?.rejsetid;
  if (rejsetid?.minMinutter !== undefined && rejsetid.minMinutter > rejsetid.maxMinutter) delete rejsetid.minMinutter;
  const tid = soeg.arbejdstid;
  if (tid?.arbejdstidstype === 'Fuldtid') {
    delete tid.deltidMinTimer;
    delete tid.deltidMaxTimer;
  } else if (tid?.arbejdstidstype === 'Deltid') {
    tid.deltidMaxTimer ??= 37;
    if (tid.deltidMinTimer !== undefined && tid.deltidMinTimer > tid.deltidMaxTimer) delete tid.deltidMinTimer;
  }
  return value;
}

/** A request body: what is sent (raw JSON text, or nothing) and a label for the report. */
type Body = { kind: 'none' } | { kind: 'json'; mode: string; value: unknown } | { kind: 'raw'; text: string };

const rawJson = fc.oneof(
  fc.constantFrom('', '{', '}', 'null', '[]', '"x"', '{"titel": ', '\u0000', 'undefined', '{"a":1,"a":2}', 'NaN', '{"__proto__":{"x":1}}', '\ufeff{}', '[1,]', "{'titel':'x'}"),
  junkString,
  fc.integer({ min: 50, max: 2000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 50, max: 1000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
);

/** A valid body with the value at one path (or the whole body) replaced by junk. */
function mutateOne(base: Json): fc.Arbitrary<Json> {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, at: (string | number)[]) => {
    paths.push(at);
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), junkValue).map(([at, junk]) => {
    if (at.length === 0) return junk;
    const copy = structuredClone(base);
    let node = copy;
    for (const k of at.slice(0, -1)) node = node[k];
    node[at[at.length - 1]] = junk;
    return copy;
  });
}

function bodyArb(schema: Json | undefined, valid?: () => Json): fc.Arbitrary<Body> {
  if (schema && valid) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).map((): Body => ({ kind: 'json', mode: 'valid for the fixtures', value: valid() })) },
      { weight: 3, arbitrary: mutateOne(valid()).map((value): Body => ({ kind: 'json', mode: 'valid, one value junk', value })) },
      { weight: 6, arbitrary: bodyArb(schema) },
    );
  }
  if (!schema) {
    // Operations without a body: mostly none, sometimes junk anyway.
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<Body>({ kind: 'none' }) },
      { weight: 1, arbitrary: junkValue.map((value): Body => ({ kind: 'json', mode: 'junk', value })) },
      { weight: 1, arbitrary: rawJson.map((text): Body => ({ kind: 'raw', text })) },
    );
  }
  return fc.oneof(
    { weight: 2, arbitrary: shaped(schema, false).map((value): Body => ({ kind: 'json', mode: 'schema-valid', value })) },
    {
      weight: 3,
      arbitrary: shaped(schema, false).map((value): Body => ({ kind: 'json', mode: 'schema-valid, rules repaired', value: repairSoegeparametre(structuredClone(value)) })),
    },
    { weight: 4, arbitrary: shaped(schema, true).map((value): Body => ({ kind: 'json', mode: 'mutated', value })) },
    { weight: 2, arbitrary: junkValue.map((value): Body => ({ kind: 'json', mode: 'junk', value })) },
    { weight: 1, arbitrary: rawJson.map((text): Body => ({ kind: 'raw', text })) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

// ---------------------------------------------------------------------------------------------
// Fixtures: citizens and job agents to aim at

interface Fixtures {
  living: string;
  deceased: string;
  other: string;
  unknown: string;
  ids: Record<'living' | 'deceased' | 'other', string[]>;
  /** The living citizen's job agents with a pending verification mail whose token is MAILED_TOKEN. */
  verifiable: string[];
  /** The living citizen's CV number (Jobnet account). */
  cvNummer: string;
  /** Today in Copenhagen (YYYY-MM-DD), the app's clock being the system clock. */
  today: string;
  koder: Awaited<ReturnType<typeof koder>>;
}

const SOEG = { geografi: { region: ['Hovedstaden'] } };
/** The token of the fixtures' verification mails, so VerificereEmail can reach its success path. */
const MAILED_TOKEN = randomBytes(32).toString('base64url');
/** Operations only the system role may call. */
const SYSTEM_OPS = new Set(['GetJobagenterPaaEmail', 'GetAfventendeMails']);

/**
 * Per operation of the other areas: the role that calls it (a token of that role, with `org` for
 * job centres and a-kasser, reaches the CPR in the header), a valid body for the fixtures (sent
 * now and then, and with one value replaced by junk, so the success path and the rules behind the
 * schema are reached), a setup run once and a reset run before every draw so the success path
 * stays reachable. Operations not listed are called with the citizen's own token.
 */
interface AreaOp {
  role?: Role;
  org?: string;
  valid?: (fx: Fixtures) => Json;
  setup?: (fx: Fixtures) => Promise<unknown>;
  reset?: (fx: Fixtures) => Promise<unknown>;
  /** A query that succeeds for the fixtures, sent now and then. */
  validQuery?: [string, string][];
  /** Path parameters that address the fixtures' resources, sent now and then. */
  validParams?: Record<string, string>;
  /** Fewer draws for the expensive operations (PDF rendering, whole CVs, scrypt): draws at the default of 60. */
  runs?: number;
}

/** The planning API's fixtures (test/borgerbooking/planner-fuzz.ts): an Aarhus offer with slots, a summons. */
let plannerFx: PlannerFuzzFixtures;
const PLANNER_OPS: Record<string, AreaOp> = Object.fromEntries(
  Object.entries(plannerFuzzOps(() => ({ ...plannerFx, living: fx.living }))).map(([id, o]) => [
    id,
    {
      role: o.role,
      org: o.org,
      valid: o.valid && (() => o.valid!()),
      reset: o.reset && (() => o.reset!()),
      validQuery: o.validQuery,
      // The fixtures' ids exist once beforeAll has run; the draws read them after that.
      get validParams() {
        return o.params?.();
      },
    },
  ]),
);
/** Borgerbooking's fixture ids and times (ensureBorgerbooking below). */
const BB_DAY = Date.parse(`${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}T09:00:00.000Z`);
const BB = {
  job: randomUUID(),
  info: randomUUID(),
  straks: randomUUID(),
  indkaldelse: randomUUID(),
  start: (h: number) => new Date(BB_DAY + h * 3_600_000).toISOString(),
  interval: [
    ['startMoedetidsinterval', new Date(BB_DAY - 86_400_000).toISOString()],
    ['slutMoedetidsinterval', new Date(BB_DAY + 2 * 86_400_000).toISOString()],
  ] as [string, string][],
};
const AREA_OPS: Record<string, AreaOp> = {
  // --- Kodeliste, Joboensker, JobnetKonto
  ReplaceJoboensker: { valid: (fx) => ({ joboensker: [{ conceptUriDa: fx.koder.stilling, harUddannelse: true, aarSidstBrugt: 2020, maanederMedErfaring: 12 }] }) },
  // Hashes a new password with scrypt (tens of ms) on every success.
  CreateNewJobnetAccount: { role: 'jobcenter', org: '751', runs: 15 },
  // --- Tilmelding: the living citizen is enrolled from Jobnet before the operations that need it.
  Tilmelding: { valid: (fx) => tilmeldingBody(fx), reset: (fx) => unenroll(fx.living) },
  KanTilmelde: { valid: (fx) => tilmeldingBody(fx), reset: (fx) => unenroll(fx.living) },
  Afmelding: { valid: (fx) => ({ afmeldingsdato: fx.today, afmeldingsaarsag: fx.koder.aarsag30 }), reset: (fx) => enroll(fx) },
  GetTilmeldingsstatus: { setup: (fx) => enroll(fx) },
  GetTilmeldingshistorik: { setup: (fx) => enroll(fx) },
  RemoveJobnetFlag: { role: 'jobcenter', org: '751', reset: (fx) => enroll(fx) },
  RemoveFutureDeregistration: { valid: (fx) => ({ cvNummer: fx.cvNummer }), reset: (fx) => enroll(fx, { future: true }) },
  // --- CV: the living citizen has a Jobnet account, registry data (Aarhus) and a CV with a status-3 version.
  GetCV: { setup: (fx) => ensureCvWithVersion(fx.living) },
  ReplaceCV: { valid: () => structuredClone((CvInput.examples as Json[])[0]), setup: (fx) => ensureCvWithVersion(fx.living), runs: 40 },
  GetCVStatus: { setup: (fx) => ensureCvWithVersion(fx.living) },
  SetCVStatus: { role: 'jobcenter', org: '751', valid: (fx) => ({ cvStatus: 3, cvNummer: fx.cvNummer, kommentar: 'Fint' }), setup: (fx) => ensureCvWithVersion(fx.living) },
  UpdateCVAvailability: { valid: () => ({ soegbarhed: 'Active' }), setup: (fx) => ensureCvWithVersion(fx.living) },
  GetAvailableVersions: { setup: (fx) => ensureCvWithVersion(fx.living) },
  GetCVOnStatus: { setup: (fx) => ensureCvWithVersion(fx.living), validQuery: [['cvStatus', '3']] },
  GetCVByCVNumber: { role: 'system', valid: (fx) => ({ cvNummer: fx.cvNummer, borgerSamtykke: true }), setup: (fx) => ensureCvWithVersion(fx.living) },
  GetCVAdgangslog: { role: 'star' },
  // CV change feeds: system for the windows (a valid one-day window) and the event log of the living citizen.
  GetCVUpdateList: { role: 'system', validQuery: [['fra', '2026-11-01T00:00:00Z'], ['til', '2026-11-02T00:00:00Z']] },
  GetUpdatedCVs: { role: 'system', validQuery: [['fra', '2026-11-01T00:00:00Z'], ['til', '2026-11-02T00:00:00Z'], ['jobcenter', '751']] },
  GetCVList: { role: 'system', setup: (fx) => ensureCvWithVersion(fx.living), validQuery: [['antal', '10']] },
  // CV search: a job centre searching near Aarhus (the living citizen's searchable CV is there).
  SearchCVText: {
    role: 'jobcenter',
    org: '751',
    valid: () => ({ soegetekst: 'pædagog', naerPostnummer: '8000', koerekort: ['B'], sprog: ['da'], resultaterPrSide: 10, antalGrupper: 5 }),
    setup: (fx) => ensureCvWithVersion(fx.living),
    runs: 40,
  },
  // CV asylum transition, by the Aarhus job centre for the living citizen it serves: Create succeeds
  // once there is none; Update needs one, with an end date in the future.
  CreateAsylumTransition: {
    role: 'jobcenter',
    org: '751',
    setup: (fx) => servedByAarhus(fx.living),
    reset: (fx) => testPrisma().$executeRaw`DELETE FROM asyl_overgang WHERE cpr = ${fx.living}`,
  },
  UpdateAsylumTransition: {
    role: 'jobcenter',
    org: '751',
    setup: (fx) => servedByAarhus(fx.living),
    reset: (fx) => testPrisma().$executeRaw`
      INSERT INTO asyl_overgang (cpr, overgangsdato, "cvRedigeringSlutdato", overgangskommune)
      VALUES (${fx.living}, '2000-01-01', '9999-12-31', '751')
      ON CONFLICT (cpr) DO UPDATE SET overgangsdato = '2000-01-01', "cvRedigeringSlutdato" = '9999-12-31',
        "tidligCvOvergangsdato" = NULL, "tidligIntegrationskontraktOvergangsdato" = NULL`,
  },
  // The CV as PDF: the living citizen needs a CV with a status version.
  GetCVAsPdf: { setup: (fx) => ensureCvWithVersion(fx.living), runs: 25 },
  GetCVOnStatusAsPdf: { setup: (fx) => ensureCvWithVersion(fx.living), validQuery: [['cvStatus', '3']], runs: 25 },
  // --- Borgerbooking, the planning API
  ...PLANNER_OPS,
  // --- Borgerbooking: offers with slots three days ahead, a summons of the living citizen (BB below); every write resets them.
  GetBorgerstatus: { setup: (fx) => ensureBorgerbooking(fx) },
  GetSelvbookingMoedetilbud: { setup: (fx) => ensureBorgerbooking(fx) },
  GetSelvbookingMoedetider: { setup: (fx) => ensureBorgerbooking(fx), validParams: { moedetilbudId: BB.job }, validQuery: BB.interval },
  ReserverMoedetid: { validParams: { moedetilbudId: BB.job }, valid: () => ({ moedeStarttidspunkt: BB.start(0), samtaleformType: 1 }), reset: (fx) => resetBorgerbooking(fx) },
  CreateBooking: { validParams: { moedetilbudId: BB.job }, valid: () => ({ moedeStarttidspunkt: BB.start(0), samtaleformType: 1 }), reset: (fx) => resetBorgerbooking(fx) },
  GetIndkaldelser: { setup: (fx) => resetBorgerbooking(fx) },
  CreateOmbooking: { validParams: { indkaldelseId: BB.indkaldelse }, valid: () => ({ moedeStarttidspunkt: BB.start(3) }), reset: (fx) => resetBorgerbooking(fx) },
  DeleteBooking: { validParams: { indkaldelseId: BB.indkaldelse }, reset: (fx) => resetBorgerbooking(fx) },
  SaveIndkaldelsesaccept: { validParams: { indkaldelseId: BB.indkaldelse }, reset: (fx) => resetBorgerbooking(fx) },
  GetOmbookingSagsbehandlere: { validParams: { indkaldelseId: BB.indkaldelse }, setup: (fx) => resetBorgerbooking(fx) },
  GetOmbookingMoedetider: { validParams: { indkaldelseId: BB.indkaldelse }, validQuery: BB.interval, setup: (fx) => resetBorgerbooking(fx) },
  GetStraksbookingMoedetider: { setup: (fx) => ensureBorgerbooking(fx) },
  CreateFejlmelding: { valid: () => ({ moedetilbudId: BB.job, fejlkode: 1001, fejlOphav: 32, fejlTidspunkt: new Date().toISOString() }), setup: (fx) => ensureBorgerbooking(fx) },
  TilmeldOgBook: {
    valid: (fx) => ({ ...tilmeldingBody(fx), moedetilbudId: BB.job, moedeStarttidspunkt: BB.start(1), samtaleformType: 1 }),
    reset: async (fx) => {
      await unenroll(fx.living);
      await resetBorgerbooking(fx);
    },
  },
};

/**
 * Borgerbooking's fixtures (fixed ids): a Jobsamtale offer (slots at +0 h and +1 h of a day three days
 * ahead, 1000 seats), an Informationsmoede offer (+2 h, +3 h) with a summons of the living citizen at +5 h,
 * an immediate-booking offer (samtaleType 5) and the living citizen's deadline that requires it.
 */
let bbCreated: Promise<void> | undefined;
function ensureBorgerbooking(fx: Fixtures): Promise<void> {
  bbCreated ??= (async () => {
    await opretMoedetilbud({ id: BB.job, samtaleType: 1, moedetider: [0, 1].map((h) => ({ start: BB.start(h), pladser: 1000 })) });
    await opretMoedetilbud({ id: BB.info, samtaleType: 3, moedetider: [2, 3].map((h) => ({ start: BB.start(h), pladser: 1000 })) });
    await opretMoedetilbud({ id: BB.straks, samtaleType: 5, straksbooking: true, moedetider: [{ start: BB.start(4), pladser: 1000 }] });
    await opretFrist(fx.living, { samtaleType: 5, fristdato: fx.today, sidsteAfholdelsesdato: new Date(BB_DAY + 5 * 86_400_000).toISOString().slice(0, 10), straksbooking: true });
  })();
  return bbCreated;
}
/** No holds or meetings of the living citizen but the summons; the seat counters recounted. */
async function resetBorgerbooking(fx: Fixtures): Promise<void> {
  await ensureBorgerbooking(fx);
  const p = testPrisma();
  await p.$executeRaw`DELETE FROM moedetid_hold WHERE cpr = ${fx.living}`;
  await p.$executeRaw`DELETE FROM indkaldelse WHERE cpr = ${fx.living}`;
  await p.$executeRaw`UPDATE moedetid m SET "optagnePladser" =
      (SELECT count(*) FROM indkaldelse i WHERE i."moedetidId" = m.id AND i.status IN ('Aktiv', 'Afholdt'))
      + (SELECT count(*) FROM moedetid_hold h WHERE h."moedetidId" = m.id AND h.status = 'Aktiv')
    WHERE m."moedetilbudId" IN (${BB.job}::uuid, ${BB.info}::uuid, ${BB.straks}::uuid)`;
  const info = await p.moedetilbudSagsbehandler.findFirstOrThrow({ where: { moedetilbudId: BB.info } });
  await opretIndkaldelse(fx.living, { id: BB.indkaldelse, start: BB.start(5), samtaleType: 3, sagsbehandlerId: info.sagsbehandlerId, moedetilbudId: BB.info });
}

/** The operation's valid body for the fixtures: its AREA_OPS entry, else the request schema's first example. */
function validBody(op: Operation): (() => Json) | undefined {
  const valid = AREA_OPS[op.id]?.valid;
  if (valid) return () => valid(fx);
  const example = op.bodySchema && deref(op.bodySchema).examples?.[0];
  return example === undefined ? undefined : () => structuredClone(example);
}

/** An enrollment the rules accept for the living citizen today (no benefit category, a current profession). */
function tilmeldingBody(fx: Fixtures): Json {
  return {
    klientKategori: fx.koder.udenYdelse,
    ledighedsgrad: fx.koder.fuldtLedig,
    tilmeldingsdato: fx.today,
    joboensker: [{ conceptUriDa: fx.koder.stilling, harUddannelse: false }],
  };
}

function unenroll(cpr: string) {
  return testPrisma().$executeRaw`DELETE FROM tilmelding WHERE cpr = ${cpr}`;
}

/** The living citizen enrolled from Jobnet today (JobnetFlag set), with a future de-registration when asked. */
async function enroll(fx: Fixtures, opts: { future?: boolean } = {}): Promise<void> {
  await unenroll(fx.living);
  const res = await app.inject({ method: 'POST', url: '/v1/Tilmelding', headers: v1Headers(fx.living, TOKENS.living), payload: tilmeldingBody(fx) });
  if (res.statusCode !== 201) throw new Error(`fixture enrollment: ${res.statusCode} ${res.body}`);
  if (opts.future) {
    const later = new Date(Date.parse(`${fx.today}T12:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const af = await app.inject({
      method: 'POST',
      url: '/v1/Tilmelding/action/afmeld',
      headers: v1Headers(fx.living, TOKENS.living),
      payload: { afmeldingsdato: later, afmeldingsaarsag: fx.koder.aarsag30 },
    });
    if (af.statusCode !== 200) throw new Error(`fixture future de-registration: ${af.statusCode} ${af.body}`);
  }
}

function servedByAarhus(cpr: string) {
  return testPrisma().$executeRaw`INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, ydelsesgruppe) VALUES (${cpr}, '751', 'Aarhus', 'Kontanthjaelp') ON CONFLICT DO NOTHING`;
}

/** Registry data (Aarhus) and a CV with a status-3 version for the citizen (who has a Jobnet account); idempotent. */
async function ensureCvWithVersion(cpr: string): Promise<void> {
  const prisma = testPrisma();
  const has = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM cv WHERE cpr = ${cpr}`;
  if (has.length > 0) return;
  await servedByAarhus(cpr);
  const service = new CvService(systemClock, app.pg);
  await service.replace(cpr, (CvInput.examples as Json[])[0]);
  await service.setStatus({ subject: 'fuzz', role: 'jobcenter', scopes: new Set(), organisation: '751' }, cpr, { cvStatus: 3 });
}

/** Job agent rows written directly; the citizen's counter is kept as the API keeps it. */
async function seedJobagenter(cpr: string, n: number, pendingToken?: string): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    cpr,
    titel: `Fuzz ${i}`,
    email: i % 2 === 0 ? `fuzz${i}.${cpr}@example.dk` : null,
    emailVerificeret: false,
    udsendelsesinterval: i % 2 === 0 ? 'Dagligt' : null,
    smsNotifikation: false,
    soegeparametre: SOEG,
    ...(pendingToken
      ? { email: `verify${i}.${cpr}@example.dk`, udsendelsesinterval: 'Dagligt', emailTokenHash: createHash('sha256').update(pendingToken).digest('hex'), emailTokenUdloeber: new Date(Date.now() + 3_600_000) }
      : {}),
  }));
  await testPrisma().$transaction([
    testPrisma().jobagent.createMany({ data: rows }),
    testPrisma().borger.update({ where: { cpr }, data: { antalJobagenter: { increment: n } } }),
  ]);
  return rows.map((r) => r.id);
}

async function unusedCpr(): Promise<string> {
  for (;;) {
    const cpr = randomCpr();
    if (!(await testPrisma().borger.findUnique({ where: { cpr } }))) return cpr;
  }
}

// ---------------------------------------------------------------------------------------------
// Sending and checking

/**
 * Callers other than the operation's own: every role, job centres of the citizen's municipality
 * and another one, an a-kasse, an other actor. About one draw in four uses one of them, so the
 * access rules (403, 422/4385, ...) are fuzzed too.
 */
const OTHER_ACTORS: { role: Role; org?: string }[] = [
  { role: 'borger' },
  { role: 'jobcenter', org: '751' },
  { role: 'jobcenter', org: '101' },
  { role: 'a-kasse', org: '1001' },
  { role: 'anden-aktoer', org: 'AA-42' },
  { role: 'system' },
  { role: 'star' },
];
const actorTokens = new Map<string, string>();
function actorToken(actor: { role: Role; org?: string }): string {
  const key = `${actor.role}/${actor.org ?? ''}`;
  if (!actorTokens.has(key)) actorTokens.set(key, tokenFor(actor));
  return actorTokens.get(key)!;
}

interface Request {
  who: 'living' | 'deceased' | 'unknown';
  /** Index into OTHER_ACTORS, or undefined for the operation's own caller. */
  actor?: number;
  /** An Accept header (the PDFs negotiate application/pdf or application/json), or none. */
  accept?: string;
  /** Now and then an x-civilRegistrationIdentifier that is no fixture's: all zeros, impossible days, junk. */
  cprHeader?: string;
  params: Record<string, string>;
  query?: [string, string][];
  body: Body;
}

/** A query string of the documented parameters, each present or not, schema-shaped values. */
function shapedQuery(params: Operation['queryParams']): fc.Arbitrary<[string, string][]> {
  return fc
    .tuple(...params.map((p) => fc.option(shaped(p.schema, false).map((v) => String(v).toWellFormed()), { nil: undefined })))
    .map((values) => params.flatMap((p, i) => (values[i] === undefined ? [] : [[p.name, values[i]] as [string, string]])));
}

function paramArb(schema: Json, fx: Fixtures): fc.Arbitrary<string> {
  const values = deref(schema).enum;
  if (Array.isArray(values)) {
    // A named resource (a code list): mostly the documented names, sometimes junk.
    return fc
      .oneof({ weight: 4, arbitrary: fc.constantFrom(...values.map(String)) }, { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => String(v).toUpperCase())) }, { weight: 2, arbitrary: junkString })
      .map((s) => s.toWellFormed())
      .filter((s) => !['', '.', '..'].includes(s));
  }
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fx.ids.living) },
      { weight: 1, arbitrary: fc.constantFrom(...fx.ids.living).map((id) => id.toUpperCase()) },
      { weight: 1, arbitrary: fc.constantFrom(...fx.ids.deceased, ...fx.ids.other) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: shaped(schema, false).map(String) },
      { weight: 3, arbitrary: junkString },
    )
    .map((s) => s.toWellFormed())
    // "", "." and ".." would address another resource (/v1/Jobagent/ is the list).
    .filter((s) => !['', '.', '..'].includes(s));
}

function send(app: FastifyInstance, op: Operation, fx: Fixtures, req: Request, requestId: string): Promise<LightMyRequestResponse> {
  let url = op.path;
  for (const [name, value] of Object.entries(req.params)) url = url.replace(`{${name}}`, encodeURIComponent(value));
  if (req.query?.length) url += `?${new URLSearchParams(req.query).toString()}`;

  const other = req.actor === undefined ? undefined : OTHER_ACTORS[req.actor];
  const own = AREA_OPS[op.id]?.role;
  const headers = {
    ...(other
      ? v1Headers(fx[req.who], other.role === 'borger' ? TOKENS[req.who] : actorToken(other))
      : own
        ? v1Headers(fx[req.who], actorToken({ role: own, org: AREA_OPS[op.id].org }))
        : // A system operation is called by the system, except that the 'deceased' draws send a citizen's token (403).
          SYSTEM_OPS.has(op.id) && req.who !== 'deceased'
          ? v1Headers(fx[req.who === 'unknown' ? 'unknown' : 'living'], SYSTEM_TOKEN)
          : v1Headers(fx[req.who], TOKENS[req.who])),
    'x-requestId': requestId,
    ...(req.accept !== undefined ? { accept: req.accept } : {}),
    ...(req.cprHeader !== undefined ? { 'x-civilRegistrationIdentifier': req.cprHeader } : {}),
  };
  const { body } = req;
  if (body.kind === 'none') return app.inject({ method: op.method, url, headers });
  const payload = body.kind === 'raw' ? body.text : JSON.stringify(body.value) ?? 'null';
  return app.inject({ method: op.method, url, headers: { ...headers, 'content-type': 'application/json' }, payload });
}

/** What is wrong with a response by the contract (and design §2-4), or undefined. */
function violation(op: Operation, res: LightMyRequestResponse, requestId?: string): string | undefined {
  const status = String(res.statusCode);
  if (res.statusCode >= 500) return `server error ${status}`;
  const documented = op.responses[status];
  if (!documented) return `status ${status} is not documented for ${op.id} (documented: ${Object.keys(op.responses).join(', ')})`;
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
  if (!documented.content) return res.body === '' ? undefined : `status ${status} is documented without a body, got ${mediaType}`;
  const media = documented.content[mediaType];
  if (!media) return `content type '${mediaType}' is not documented for ${status} (documented: ${Object.keys(documented.content).join(', ')})`;
  if (mediaType === 'application/pdf') return res.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-' ? undefined : 'the application/pdf body is not a PDF';
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return `the ${mediaType} body is not JSON`;
  }
  if (!media.validate(json)) return `the body does not match the ${status} ${mediaType} schema: ${ajv.errorsText(media.validate.errors)}`;
  const body = json as Json;
  if (mediaType === 'application/problem+json') {
    if (body.status !== res.statusCode) return `the problem's status ${body.status} is not the HTTP status ${status}`;
    if (requestId !== undefined && body.requestId !== requestId) return `the problem's requestId ${body.requestId} is not the x-requestId ${requestId}`;
    // The code the status answers is listed under that status (x-fejlkoder); the others of a
    // several-violation answer under one of the operation's statuses.
    const koder = (body.fejl as { fejlkode: number }[]).map((f) => f.fejlkode);
    if (koder.length > 0 && !(documented.fejlkoder ?? []).includes(koder[0])) return `fejlkode ${koder[0]} is not in x-fejlkoder of ${status} for ${op.id}`;
    const all = new Set(Object.values(op.responses).flatMap((r) => r.fejlkoder ?? []));
    const unlisted = koder.filter((k) => !all.has(k));
    if (unlisted.length > 0) return `fejlkoder ${unlisted.join(', ')} are not in any x-fejlkoder of ${op.id}`;
  }
  if (res.statusCode === 201 && op.path.startsWith('/v1/Jobagent') && res.headers.location !== `/v1/Jobagent/${body.jobagentId}`) return `201 without a Location to the new job agent (${res.headers.location})`;
  return undefined;
}

function describeFailure(op: Operation, req: Request, res: LightMyRequestResponse, problem: string): string {
  const body =
    req.body.kind === 'none' ? '(none)' : req.body.kind === 'raw' ? JSON.stringify(req.body.text) : `${req.body.mode}: ${JSON.stringify(req.body.value)}`;
  return [
    `${op.id}: ${problem}`,
    `  ${op.method} ${op.path} as ${req.who}, params ${JSON.stringify(req.params)}, query ${JSON.stringify(req.query ?? null)}`,
    `  body ${body.length > 600 ? `${body.slice(0, 600)}... (${body.length} chars)` : body}`,
    `  -> ${res.statusCode} ${res.headers['content-type'] ?? ''} ${res.body.slice(0, 400)}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

let app: FastifyInstance;
let fx: Fixtures;
let TOKENS: Record<Request['who'], string>;
let SYSTEM_TOKEN: string;
const OPERATIONS = operations();
const seen = new Map<string, Map<number, number>>();

beforeAll(async () => {
  app = await buildTestApp();
  const today = copenhagenToday(systemClock);
  // Fresh citizens every run; the living one with a Jobnet account and an a-kasse membership (test/tilmelding/helpers.ts).
  const [living, deceased, other] = await Promise.all([citizen(today), createCitizen({ doedsdato: '2024-03-01' }), createCitizen()]);
  fx = {
    living: living.cpr,
    deceased: deceased.cpr,
    other: other.cpr,
    unknown: await unusedCpr(),
    ids: {
      living: await seedJobagenter(living.cpr, 12),
      deceased: await seedJobagenter(deceased.cpr, 3),
      other: await seedJobagenter(other.cpr, 3),
    },
    verifiable: await seedJobagenter(living.cpr, 6, MAILED_TOKEN),
    cvNummer: living.cvNummer!,
    today,
    koder: await koder(),
  };
  plannerFx = await plannerFuzzSetup(fx.living);
  TOKENS = { living: tokenFor({ cpr: fx.living }), deceased: tokenFor({ cpr: fx.deceased }), unknown: tokenFor({ cpr: fx.unknown }) };
  SYSTEM_TOKEN = tokenFor({ role: 'system' });
});

afterAll(async () => {
  await app?.close();
});

describe(`fuzzing every /v1 operation from openapi/openapi.json (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('covers every /v1 operation of the document', () => {
    const all = Object.entries<Json>(DOC.paths).flatMap(([p, item]) => (p.startsWith('/v1/') ? METHODS.filter((m) => item[m]).map((m) => item[m].operationId) : []));
    expect(OPERATIONS.map((o) => o.id).sort()).toEqual(all.sort());
    expect(all.length).toBeGreaterThanOrEqual(32);
    // Every operation named in AREA_OPS exists (a renamed operation would silently lose its fixtures).
    expect(Object.keys(AREA_OPS).filter((id) => !all.includes(id))).toEqual([]);
  });

  it.each(OPERATIONS.map((op) => [op.id, op] as const))(
    '%s: never 5xx, only documented statuses, bodies match the documented schemas',
    async (_id, op) => {
      const anyRequest: fc.Arbitrary<Request> = fc.record({
        who: fc.constantFrom<Request['who']>('living', 'living', 'living', 'deceased', 'unknown'),
        cprHeader: fc.oneof(
          { weight: 12, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('0000000000', '3102991234', '0013901234', '010190123', '01019012345', 'abcdefghij', ' 010190123') },
        ),
        accept: fc.oneof(
          { weight: 6, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.constantFrom('application/json', 'application/pdf', '*/*', 'text/html', 'application/json;q=0, application/pdf;q=0', 'application/*', 'application/problem+json') },
          { weight: 1, arbitrary: junkString.map((a) => a.replace(/[^\x20-\x7e]/g, '')) },
        ),
        actor: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: OTHER_ACTORS.length - 1 }) }),
        params: AREA_OPS[op.id]?.validParams
          ? fc.oneof(
              { weight: 2, arbitrary: fc.constant(AREA_OPS[op.id]!.validParams!) },
              { weight: 1, arbitrary: fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, paramArb(p.schema, fx)]))) },
            )
          : fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, paramArb(p.schema, fx)]))),
        query: op.queryParams.length
          ? fc.oneof(
              { weight: AREA_OPS[op.id]?.validQuery ? 2 : 0, arbitrary: fc.constant<[string, string][]>(AREA_OPS[op.id]?.validQuery ?? []) },
              { weight: 3, arbitrary: shapedQuery(op.queryParams) },
              // The valid query with one documented parameter junk (U+0000, huge, odd unicode): a
              // caseworker id with U+0000 in GetSelvbookingMoedetider's query once answered 500.
              {
                weight: 2,
                arbitrary: fc
                  .tuple(
                    fc.constantFrom(...op.queryParams.map((p) => p.name)),
                    fc.oneof(junkString, fc.constantFrom('\u0000', 'a\u0000b', '\u001f', '%', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '-1', '1e308')),
                  )
                  .map(([k, v]) => [...(AREA_OPS[op.id]?.validQuery ?? []).filter(([n]) => n !== k), [k, v.toWellFormed()]] as [string, string][]),
              },
              { weight: 1, arbitrary: fc.array(fc.tuple(junkString, junkString).map(([k, v]) => [k.toWellFormed(), v.toWellFormed()] as [string, string]), { maxLength: 3 }) },
            )
          : fc.option(fc.array(fc.tuple(junkString, junkString).map(([k, v]) => [k.toWellFormed(), v.toWellFormed()] as [string, string]), { maxLength: 3 }), { freq: 5, nil: undefined }),
        body: bodyArb(op.bodySchema, validBody(op)),
      });
      // VerificereEmail succeeds only with the mailed token: now and then send it, as the citizen would.
      const withMailedToken = fc.constantFrom(...fx.verifiable).map(
        (id): Request => ({ who: 'living', params: { jobagentId: id }, body: { kind: 'json', mode: 'the mailed token', value: { token: MAILED_TOKEN } } }),
      );
      const requestArb =
        op.id === 'VerificereEmail' ? fc.oneof({ weight: 4, arbitrary: anyRequest }, { weight: 1, arbitrary: withMailedToken }) : anyRequest;
      const statuses = new Map<number, number>();
      seen.set(op.id, statuses);
      await AREA_OPS[op.id]?.setup?.(fx);

      const property = fc.asyncProperty(requestArb, async (req) => {
        const requestId = randomUUID();
        await AREA_OPS[op.id]?.reset?.(fx);
        const res = await send(app, op, fx, req, requestId);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const problem = violation(op, res, requestId);
        if (problem) throw new Error(describeFailure(op, req, res, problem));
      });

      try {
        await fc.assert(property, { seed: SEED, numRuns: Math.ceil((RUNS * (AREA_OPS[op.id]?.runs ?? DEFAULT_RUNS)) / DEFAULT_RUNS) });
      } catch (err) {
        const cause = (err as Error).cause instanceof Error ? `\n${((err as Error).cause as Error).message}` : '';
        throw new Error(`fuzz failure (re-run with FUZZ_SEED=${SEED}):\n${(err as Error).message}${cause}`);
      }

      // The fuzzer must reach the operation's success path and its refusals, or it proves little.
      const counts = Object.fromEntries(statuses);
      if (process.env.FUZZ_VERBOSE) console.log(`${op.id} statuses: ${JSON.stringify(counts)}`);
      expect({ op: op.id, success: [...statuses.keys()].some((s) => s < 300), refused: [...statuses.keys()].some((s) => s >= 400), counts }).toEqual({
        op: op.id,
        success: true,
        refused: true,
        counts,
      });
    },
    // Larger FUZZ_RUNS need more than jest's default 30 s for the slowest operations.
    Math.max(30_000, RUNS * 500),
  );
});

describe('contract edge cases found by fuzzing and review', () => {
  function createWithEmail(email: string) {
    return app.inject({
      method: 'POST',
      url: '/v1/Jobagent',
      headers: v1Headers(fx.other, tokenFor({ cpr: fx.other })),
      payload: { titel: 'Unicode e-mail', soegeparametre: {}, jobagent: { email, udsendelsesinterval: 'Dagligt', smsNotifikation: false } },
    });
  }
  const createOp = () => OPERATIONS.find((o) => o.id === 'CreateJobagent')!;
  const getOp = () => OPERATIONS.find((o) => o.id === 'GetJobagent')!;

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('CreateJobagent with 150 x U+0130 in the e-mail: no 500', async () => {
    const res = await createWithEmail(`${'İ'.repeat(150)}@example.dk`);
    expect(violation(createOp(), res)).toBeUndefined();
  });

  // Below the column limit: full Unicode lower-casing would store 200 code points, so the 201 body
  // (and every later GET) carries an e-mail that breaks the documented pattern {1,191}.
  it('CreateJobagent with 100 x U+0130 in the e-mail: the 201 body matches the documented schema', async () => {
    const res = await createWithEmail(`${'İ'.repeat(100)}@example.dk`);
    expect(violation(createOp(), res)).toBeUndefined();
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it.each(['%zz', '%', '%C0%80'])('GET /v1/Jobagent/%s answers application/problem+json', async (raw) => {
    const res = await app.inject({ method: 'GET', url: `/v1/Jobagent/${raw}`, headers: v1Headers(fx.living, TOKENS.living) });
    expect(violation(getOp(), res)).toBeUndefined();
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it.each(['GET', 'PUT', 'DELETE'] as const)('%s /v1/Jobagent/<101 characters> answers a documented Problem', async (method) => {
    const op = OPERATIONS.find((o) => o.method === method && o.path === '/v1/Jobagent/{jobagentId}')!;
    const res = await app.inject({
      method,
      url: `/v1/Jobagent/${'a'.repeat(MAX_PARAM_LENGTH + 1)}`,
      headers: v1Headers(fx.living, TOKENS.living),
      ...(method === 'PUT' ? { payload: { titel: 'x', soegeparametre: {} } } : {}),
    });
    expect(violation(op, res)).toBeUndefined();
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it.each(['CreateJobagent', 'UpdateJobagent', 'GetJobagenterPaaEmail'])('%s with content-type text/plain: a documented status', async (id) => {
    const op = OPERATIONS.find((o) => o.id === id)!;
    const system = id === 'GetJobagenterPaaEmail';
    const res = await app.inject({
      method: op.method,
      url: op.path.replace('{jobagentId}', fx.ids.living[0]),
      headers: { ...(system ? v1Headers(fx.living, SYSTEM_TOKEN) : v1Headers(fx.living, TOKENS.living)), 'content-type': 'text/plain' },
      payload: system ? '{"email":"a@example.dk"}' : '{"titel":"x","soegeparametre":{}}',
    });
    expect(res.statusCode).toBe(415); // what it does today; the contract does not say so
    expect(violation(op, res)).toBeUndefined();
  });

  // Regression test for a defect found by review (fixed in src; see the test name).
  it('GetJobagenterPaaEmail with a body over the limit: a documented status', async () => {
    const op = OPERATIONS.find((o) => o.id === 'GetJobagenterPaaEmail')!;
    const res = await app.inject({
      method: 'POST',
      url: op.path,
      headers: { ...v1Headers(fx.living, SYSTEM_TOKEN), 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.dk', fyld: 'x'.repeat(300_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(violation(op, res)).toBeUndefined();
  });
});
