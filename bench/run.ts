/**
 * npm run bench: the service against a bare baseline, a read-merging baseline and an Express peer,
 * measured from outside. Every server and the load generator (autocannon) run in child processes
 * started the same way (plain node on tsc output, see bench/tsconfig.json); this orchestrator only
 * prepares the data, starts and stops the children, measures them and prints. Rounds are
 * interleaved; ratios within one run are what counts. See docs/benchmark.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Redis } from 'ioredis';
import { runCvSearch } from './cv-search';
import {
  BENCH_BOOKING_SLOTS,
  BENCH_KAMP_PLADSER,
  BENCH_KAMP_TILBUD,
  BENCH_LAES_DAGE,
  BENCH_TILBUD,
  bookingBody,
  bookingLaesPath,
  citizens,
  CREATE_BODY,
  CV_BODY,
  fixturePool,
  KAMP_BODY,
  kampTilstand,
  prepareDatabase,
  resetBookinger,
  resetCvWriters,
  resetTilmeldere,
  resetWriters,
  seed,
  seedBooking,
  seedCv,
  signTokens,
  tilmeldingBody,
} from './fixtures';
import { systemClock, today } from '../src/domain/clock';
import { median, ratioTable, scenarioTable, summarize, targets, targetTable, type Run, type ScenarioSummary } from './report';
import {
  AUDIENCE,
  DATA_DIR,
  envInt,
  envList,
  IDEMPOTENCY_TTL_MS,
  KEY_FILE,
  REDIS_KEY_PREFIX,
  requireLocal,
  RESULT_FILE,
  type ChildMessage,
  type ChildSettings,
  type LoadJob,
  type LoadResult,
  type ParentMessage,
  type ServerName,
} from './constants';

const SERVER_NAMES = ['service', 'bare', 'bare-merging', 'express'] as const satisfies readonly ServerName[];
const SCENARIO_NAMES = [
  'read-one', 'read-many', 'write', 'tilmelding-read', 'tilmelding-write', 'cv-read', 'cv-write', 'pdf',
  'booking-read', 'booking-write', 'booking-contention', 'cv-search',
] as const;
/** cv-search is a latency scenario of its own on generated CVs (bench/cv-search.ts), not one of the load scenarios below. */
type ScenarioName = Exclude<(typeof SCENARIO_NAMES)[number], 'cv-search'>;

const opts = {
  seconds: envInt('BENCH_SECONDS', 10),
  rounds: envInt('BENCH_ROUNDS', 3),
  connections: envInt('BENCH_CONNECTIONS', 50),
  warmupSeconds: process.env.BENCH_WARMUP_SECONDS === '0' ? 0 : envInt('BENCH_WARMUP_SECONDS', 3),
  scenarios: envList('BENCH_SCENARIOS', SCENARIO_NAMES),
  servers: envList('BENCH_SERVERS', SERVER_NAMES),
  readCitizens: envInt('BENCH_READ_CITIZENS', 2000),
  writeCitizens: envInt('BENCH_WRITE_CITIZENS', 4000),
  /** Each can enroll once per run (then 4316): more than a run's requests. */
  tilmeldingCitizens: envInt('BENCH_TILMELDING_CITIZENS', 30000),
  poolSize: envInt('BENCH_POOL_SIZE', 10),
  /** Servers to run under --cpu-prof; the profiles go to .data/bench-profiles when the run ends. */
  profile: process.env.BENCH_PROFILE ? envList('BENCH_PROFILE', SERVER_NAMES) : [],
  databaseBase: requireLocal(process.env.BENCH_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432', 'BENCH_DATABASE_URL_BASE'),
  redisUrl: requireLocal(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL'),
};

const readers = citizens(0, opts.readCitizens);
const writers = citizens(opts.readCitizens, opts.writeCitizens);
const tilmeldere = citizens(opts.readCitizens + opts.writeCitizens, opts.tilmeldingCitizens);
/** GetCVAsPdf: the readers' 20 KB CVs (seedCv), rendered in turn. */
const PDF_PATH = '/v1/CV/Pdf';
const pdfCitizens = readers.slice(0, envInt('BENCH_PDF_CITIZENS', 200));
/** CreateBooking: the Tilmelding citizens book (each once per run: a second Jobsamtale is 8273). */
const bookers = tilmeldere;
/** The contention case: this many citizens book the BENCH_KAMP_PLADSER seats of one slot at once. */
const KAMP_ANTAL = envInt('BENCH_CONTENTION_REQUESTS', 200);
const kampCitizens = readers.slice(0, KAMP_ANTAL);
const BOOKING_PATH = `/v1/Borgerbooking/Moedetilbud/${BENCH_TILBUD}/Booking`;
const KAMP_PATH = `/v1/Borgerbooking/Moedetilbud/${BENCH_KAMP_TILBUD}/Booking`;

interface Scenario {
  name: ScenarioName;
  title: string;
  kind: 'read' | 'write';
  method: 'GET' | 'POST' | 'PUT';
  /** Default /v1/Jobagent. */
  path?: string;
  body?: string;
  /** One body per citizen (same index), instead of `body`. */
  bodies?: string[];
  citizens: string[];
  /** bare-merging differs from bare only for reads. */
  servers: ServerName[];
  /** Measured and printed, but no baseline and no targets (GetCVAsPdf: PDFs per second and p99). */
  reportOnly?: boolean;
}

const ALL_SCENARIOS: Scenario[] = [
  { name: 'read-one', title: 'GET /v1/Jobagent (one citizen)', kind: 'read', method: 'GET', path: '/v1/Jobagent', citizens: readers.slice(0, 1), servers: [...SERVER_NAMES] },
  {
    name: 'read-many',
    title: `GET /v1/Jobagent (${readers.length.toLocaleString('en-US')} citizens, round robin)`,
    kind: 'read',
    method: 'GET',
    path: '/v1/Jobagent',
    citizens: readers,
    servers: [...SERVER_NAMES],
  },
  {
    name: 'write',
    title: `POST /v1/Jobagent (${writers.length.toLocaleString('en-US')} citizens)`,
    kind: 'write',
    method: 'POST',
    path: '/v1/Jobagent',
    body: JSON.stringify(CREATE_BODY),
    citizens: writers,
    servers: ['service', 'bare', 'express'],
  },
  {
    name: 'tilmelding-read',
    title: `GET /v1/Tilmelding/Status (${readers.length.toLocaleString('en-US')} enrolled citizens, round robin)`,
    kind: 'read',
    method: 'GET',
    path: '/v1/Tilmelding/Status',
    citizens: readers,
    servers: [...SERVER_NAMES],
  },
  {
    name: 'tilmelding-write',
    title: `POST /v1/Tilmelding (${tilmeldere.length.toLocaleString('en-US')} citizens, each once)`,
    kind: 'write',
    method: 'POST',
    path: '/v1/Tilmelding',
    body: JSON.stringify(tilmeldingBody(today(systemClock))),
    citizens: tilmeldere,
    servers: ['service', 'bare', 'express'],
  },
  {
    name: 'cv-read',
    title: `GET /v1/CV (GetCV, ${readers.length.toLocaleString('en-US')} citizens with a 20 KB CV, round robin)`,
    kind: 'read',
    method: 'GET',
    path: '/v1/CV',
    citizens: readers,
    servers: ['service', 'bare', 'express'],
  },
  {
    name: 'cv-write',
    title: `PUT /v1/CV (ReplaceCV, a ${(JSON.stringify(CV_BODY).length / 1024).toFixed(0)} KB CV, ${writers.length.toLocaleString('en-US')} citizens)`,
    kind: 'write',
    method: 'PUT',
    path: '/v1/CV',
    body: JSON.stringify(CV_BODY),
    citizens: writers,
    servers: ['service', 'bare', 'express'],
  },
  {
    name: 'pdf',
    title: `GET ${PDF_PATH} (GetCVAsPdf, ${pdfCitizens.length} CVs round robin)`,
    kind: 'read',
    method: 'GET',
    path: PDF_PATH,
    citizens: pdfCitizens,
    servers: ['service'],
    reportOnly: true,
  },
  {
    name: 'booking-read',
    title: `GET /v1/Borgerbooking/Moedetilbud/{id}/Moedetider (GetSelvbookingMoedetider, ${BENCH_LAES_DAGE * 4} slots over ${BENCH_LAES_DAGE} days, ${readers.length.toLocaleString('en-US')} citizens round robin)`,
    kind: 'read',
    method: 'GET',
    path: bookingLaesPath(),
    citizens: readers,
    servers: ['service', 'bare', 'express'],
  },
  {
    name: 'booking-write',
    title: `POST /v1/Borgerbooking/Moedetilbud/{id}/Booking (CreateBooking, ${bookers.length.toLocaleString('en-US')} citizens each once, over ${BENCH_BOOKING_SLOTS} slots)`,
    kind: 'write',
    method: 'POST',
    path: BOOKING_PATH,
    bodies: bookers.map((_, i) => bookingBody(i)),
    citizens: bookers,
    servers: ['service', 'bare', 'express'],
  },
];

/** The servers of the contention case (every server that books). */
const KAMP_SERVERS: ServerName[] = ['service', 'bare', 'express'];

const pathOf = (s: Scenario) => s.path ?? '/v1/Jobagent';
const isCv = (s: Scenario) => s.name.startsWith('cv-');
const isBooking = (name: string) => name.startsWith('booking-');
const bodyOf = (s: Scenario, i: number) => s.bodies?.[i] ?? s.body;
/** Before every write run the writers start from the same state. */
async function resetFor(pool: Pool, s: Scenario) {
  if (s.name === 'write') await resetWriters(pool, writers);
  if (s.name === 'cv-write') await resetCvWriters(pool, writers);
  if (s.name === 'tilmelding-write') {
    // Requests still in flight when the previous run stopped would otherwise commit after the
    // DELETE, and the next run would meet those citizens enrolled (409/4316).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await resetTilmeldere(pool, tilmeldere);
  }
  if (s.name === 'booking-write') {
    // As for Tilmelding: requests still in flight must not commit after the reset.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await resetBookinger(pool, BENCH_TILBUD);
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();
const ext = path.extname(__filename);

class Child {
  private waiting = new Map<string, { resolve: (m: ChildMessage) => void; reject: (e: Error) => void }>();
  private exited?: string;
  port = 0;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    children.add(proc);
    proc.on('message', (msg: ChildMessage) => {
      const key = msg.type === 'result' || (msg.type === 'error' && msg.id !== undefined) ? `run:${(msg as { id: number }).id}` : msg.type;
      const w = this.waiting.get(key);
      if (!w) return;
      this.waiting.delete(key);
      if (msg.type === 'error') w.reject(new Error(`${name}: ${msg.message}`));
      else w.resolve(msg);
    });
    proc.on('exit', (code, signal) => {
      children.delete(proc);
      this.exited = `${name} exited (${signal ?? code})`;
      for (const w of this.waiting.values()) w.reject(new Error(this.exited));
      this.waiting.clear();
    });
  }

  static start(name: string, file: string, args: string[], settings?: ChildSettings, extraExecArgv: string[] = []): Child {
    const proc = fork(path.join(__dirname, `${file}${ext}`), args, {
      // Whatever started the orchestrator (plain node, or tsx) starts every child alike.
      execArgv: [...process.execArgv, ...extraExecArgv],
      env: { ...process.env, NODE_ENV: 'production', ...(settings ? { BENCH_CHILD: JSON.stringify(settings) } : {}) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Child(name, proc);
  }

  /** Sends a message and waits for the answer of the given type (or key). */
  ask(msg: ParentMessage | undefined, key: string, timeoutMs: number): Promise<ChildMessage> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`${this.name}: no '${key}' answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      if (msg) this.proc.send(msg);
    });
  }

  /** Lets the child close and exit (it writes its CPU profile then); kills it after 15 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.disconnect();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async ready(): Promise<void> {
    const msg = await this.ask(undefined, 'ready', 60_000);
    if (msg.type === 'ready') this.port = msg.port;
  }

  async usage(): Promise<{ cpuMicros: number; rss: number }> {
    const msg = await this.ask({ type: 'usage' }, 'usage', 10_000);
    if (msg.type !== 'usage') throw new Error('unexpected answer');
    return msg;
  }
}

let nextJob = 0;
async function load(loadgen: Child, job: LoadJob): Promise<LoadResult> {
  const id = nextJob++;
  const msg = await loadgen.ask({ type: 'run', id, job }, `run:${id}`, (job.seconds + 60) * 1000);
  if (msg.type !== 'result') throw new Error('unexpected answer');
  return msg.result;
}

function killChildren() {
  for (const proc of children) proc.kill('SIGKILL');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Memory: the peak RSS of a server while a run lasts

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resets the kernel's peak-RSS mark (VmHWM) when allowed, and also samples VmRSS every 100 ms. */
function watchRss(pid: number): () => number {
  let hwmReset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    hwmReset = true;
  } catch {
    // Not permitted or not Linux: sampling only.
  }
  let peakKb = procStatusKb(pid, 'VmRSS');
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, procStatusKb(pid, 'VmRSS'));
  }, 100);
  return () => {
    clearInterval(timer);
    if (hwmReset) peakKb = Math.max(peakKb, procStatusKb(pid, 'VmHWM'));
    return peakKb * 1024;
  };
}

// ---------------------------------------------------------------------------------------------

async function cleanRedis(redis: Redis) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_KEY_PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/** One request from the orchestrator per server and scenario: right status, and the same shape from every server. */
async function sanityCheck(scenario: Scenario, servers: Map<ServerName, Child>, tokens: Record<string, string>): Promise<void> {
  const shapes = new Map<string, string>();
  for (const [i, name] of scenario.servers.entries()) {
    const child = servers.get(name);
    if (!child) continue;
    // A citizen per server: a citizen can enroll only once.
    const idx = Math.min(i, scenario.citizens.length - 1);
    const cpr = scenario.citizens[idx];
    const body = bodyOf(scenario, idx);
    const send = () =>
      fetch(`http://127.0.0.1:${child.port}${pathOf(scenario)}`, {
        method: scenario.method,
        headers: {
          authorization: `Bearer ${tokens[cpr]}`,
          'x-civilRegistrationIdentifier': cpr,
          'x-requestId': randomUUID(),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
    // Just after start-up the service may still shed load (its event-loop delay was high while it started).
    let res = await send();
    for (let i = 0; res.status === 503 && i < 20; i++) {
      await res.text();
      await new Promise((r) => setTimeout(r, 500));
      res = await send();
    }
    if (scenario.name === 'pdf') {
      const pdf = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf' || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new Error(`${name} answered GetCVAsPdf with ${res.status} ${res.headers.get('content-type')}: ${pdf.subarray(0, 300).toString()}`);
      }
      continue;
    }
    const text = await res.text();
    const expected = scenario.method === 'POST' ? 201 : 200;
    if (res.status !== expected) throw new Error(`${name} answered ${scenario.method} with ${res.status}, expected ${expected}: ${text.slice(0, 300)}`);
    const svar = JSON.parse(text);
    const jobagent = pathOf(scenario) === '/v1/Jobagent';
    const item = scenario.kind === 'write' || !jobagent ? svar : svar.jobagenter?.[0];
    if (scenario.name === 'tilmelding-read' && svar.tilmeldt !== true) throw new Error(`${name}: expected an enrolled citizen, got ${text.slice(0, 300)}`);
    if (jobagent && scenario.kind === 'read' && svar.jobagenter?.length !== 2) throw new Error(`${name}: expected 2 job agents, got ${text.slice(0, 300)}`);
    if (scenario.name === 'booking-read' && svar.moedetider?.length !== BENCH_LAES_DAGE * 4) throw new Error(`${name}: expected ${BENCH_LAES_DAGE * 4} slots, got ${text.slice(0, 300)}`);
    if (scenario.name === 'cv-read' && svar.cvProfil?.cv?.tidligereErhvervserfaring?.length !== 12) throw new Error(`${name}: expected the 20 KB CV, got ${text.slice(0, 300)}`);
    const shape = (o: Record<string, unknown>): string =>
      Object.keys(o)
        .sort()
        .map((k) => (o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) && k !== 'soegeparametre' && k !== 'cv' ? `${k}{${shape(o[k] as Record<string, unknown>)}}` : k))
        .join(',');
    shapes.set(name, shape(item));
  }
  const distinct = new Set(shapes.values());
  if (distinct.size > 1) throw new Error(`servers answer ${scenario.name} in different shapes: ${JSON.stringify(Object.fromEntries(shapes))}`);
}

/**
 * The 25-per-citizen rule under concurrency, on every server that writes: 30 creates at once for one
 * citizen must give exactly 25 × 201 and 5 × 409. A baseline that skipped the rule (or a service that
 * lost it) would otherwise look faster than it is.
 */
async function limitCheck(scenario: Scenario, servers: Map<ServerName, Child>, tokens: Record<string, string>): Promise<void> {
  const statuses: string[] = [];
  for (const [i, name] of scenario.servers.entries()) {
    const child = servers.get(name);
    if (!child) continue;
    const cpr = scenario.citizens[scenario.citizens.length - 1 - i];
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`http://127.0.0.1:${child.port}/v1/Jobagent`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens[cpr]}`,
            'x-civilRegistrationIdentifier': cpr,
            'x-requestId': randomUUID(),
            'content-type': 'application/json',
          },
          body: scenario.body,
        }).then(async (res) => (await res.arrayBuffer(), res.status)),
      ),
    );
    const created = answers.filter((a) => a === 201).length;
    const refused = answers.filter((a) => a === 409).length;
    if (created !== 25 || refused !== 5) throw new Error(`${name}: 30 concurrent creates for one citizen gave ${JSON.stringify(answers)}; expected 25 × 201 and 5 × 409`);
    statuses.push(name);
  }
  console.log(`limit check: 30 concurrent creates for one citizen give 25 × 201 and 5 × 409 on ${statuses.join(', ')}`);
}

/**
 * One open enrollment per citizen under concurrency, on every server that enrolls: 20 enrollments at
 * once for one citizen must give exactly 1 × 201 and 19 × 409 (4316).
 */
async function overlapCheck(scenario: Scenario, servers: Map<ServerName, Child>, tokens: Record<string, string>): Promise<void> {
  for (const [i, name] of scenario.servers.entries()) {
    const child = servers.get(name);
    if (!child) continue;
    const cpr = scenario.citizens[scenario.citizens.length - 1 - i];
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`http://127.0.0.1:${child.port}${pathOf(scenario)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[cpr]}`, 'x-civilRegistrationIdentifier': cpr, 'x-requestId': randomUUID(), 'content-type': 'application/json' },
          body: scenario.body,
        }).then(async (res) => (await res.arrayBuffer(), res.status)),
      ),
    );
    if (answers.filter((a) => a === 201).length !== 1 || answers.filter((a) => a === 409).length !== 19) {
      throw new Error(`${name}: 20 concurrent enrollments for one citizen gave ${JSON.stringify(answers)}; expected 1 × 201 and 19 × 409`);
    }
  }
  console.log(`overlap check: 20 concurrent enrollments for one citizen give 1 × 201 and 19 × 409 on ${scenario.servers.join(', ')}`);
}

interface KampRun {
  round: number;
  server: ServerName;
  /** From the first request sent to the last answer received. */
  settleMs: number;
  /** Each request's own time, median and p99. */
  p50Ms: number;
  p99Ms: number;
  created: number;
  refused4819: number;
  other: number[];
  optagnePladser: number;
  moeder: number;
}

/**
 * The contention case: KAMP_ANTAL different citizens book the one slot of BENCH_KAMP_TILBUD
 * (BENCH_KAMP_PLADSER seats) at the same moment, each on a connection of its own. Exactly
 * BENCH_KAMP_PLADSER must get 201 and the rest 409/4819, and the database must then show exactly that
 * many seats taken and meetings on the slot. Measured: the time until every request has settled.
 */
async function contention(pool: Pool, round: number, name: ServerName, child: Child, tokens: Record<string, string>): Promise<KampRun> {
  await resetBookinger(pool, BENCH_KAMP_TILBUD);
  const body = KAMP_BODY();
  const started = performance.now();
  const answers = await Promise.all(
    kampCitizens.map((cpr) =>
      fetch(`http://127.0.0.1:${child.port}${KAMP_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[cpr]}`, 'x-civilRegistrationIdentifier': cpr, 'x-requestId': randomUUID(), 'content-type': 'application/json' },
        body,
      }).then(async (res) => ({
        status: res.status,
        kode: res.status >= 400 ? ((await res.json()) as { fejl?: { fejlkode: number }[] }).fejl?.[0]?.fejlkode : (await res.arrayBuffer(), undefined),
        ms: performance.now() - started,
      })),
    ),
  );
  const settleMs = performance.now() - started;
  const times = answers.map((a) => a.ms).sort((a, b) => a - b);
  const state = await kampTilstand(pool);
  return {
    round,
    server: name,
    settleMs,
    p50Ms: times[Math.floor(times.length * 0.5)],
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))],
    created: answers.filter((a) => a.status === 201).length,
    refused4819: answers.filter((a) => a.status === 409 && a.kode === 4819).length,
    other: answers.filter((a) => a.status !== 201 && !(a.status === 409 && a.kode === 4819)).map((a) => a.status),
    ...state,
  };
}

function kampOk(k: KampRun): boolean {
  return k.created === BENCH_KAMP_PLADSER && k.refused4819 === KAMP_ANTAL - BENCH_KAMP_PLADSER && k.optagnePladser === BENCH_KAMP_PLADSER && k.moeder === BENCH_KAMP_PLADSER;
}

async function main() {
  const startedAt = Date.now();
  if (opts.scenarios.includes('cv-search')) {
    mkdirSync(DATA_DIR, { recursive: true });
    await runCvSearch({
      databaseBase: opts.databaseBase,
      redisUrl: opts.redisUrl,
      poolSize: opts.poolSize,
      settings: { redisUrl: opts.redisUrl, keyFile: KEY_FILE, audience: AUDIENCE, poolSize: opts.poolSize, idempotencyTtlMs: IDEMPOTENCY_TTL_MS },
      startService: async (settings) => {
        const child = Child.start('service (cv-search)', 'servers/service', [], settings);
        await child.ready();
        return { port: child.port, stop: () => child.stop() };
      },
    });
    if (opts.scenarios.length === 1) return;
    console.log('');
  }
  const scenarios = ALL_SCENARIOS.filter((s) => (opts.scenarios as string[]).includes(s.name)).map((s) => ({
    ...s,
    servers: s.servers.filter((v) => opts.servers.includes(v)),
  }));
  const contentionOn = opts.scenarios.includes('booking-contention');
  const kampServers = contentionOn ? KAMP_SERVERS.filter((v) => opts.servers.includes(v)) : [];
  const serverNames = opts.servers.filter((v) => scenarios.some((s) => s.servers.includes(v)) || kampServers.includes(v));

  console.log(
    `npm run bench: ${scenarios.map((s) => s.name).join(', ')} × ${serverNames.join(', ')}; ` +
      `${opts.rounds} rounds × ${opts.seconds} s, ${opts.connections} connections, ${opts.warmupSeconds} s warm-up`,
  );
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  mkdirSync(DATA_DIR, { recursive: true });
  const databaseUrl = await prepareDatabase(opts.databaseBase);
  const pool = fixturePool(databaseUrl);
  await seed(pool, readers, writers, tilmeldere);
  if (scenarios.some((s) => isCv(s) || s.name === 'pdf')) await seedCv(pool, readers, writers);
  if (contentionOn || scenarios.some((s) => isBooking(s.name))) await seedBooking(pool, bookers.length);
  const redis = new Redis(opts.redisUrl, { lazyConnect: true });
  await redis.connect();
  await cleanRedis(redis);
  const tokens = signTokens([...readers, ...writers, ...(scenarios.some((s) => s.name === 'tilmelding-write' || s.name === 'booking-write') ? tilmeldere : [])]);
  console.log(`seeded ${readers.length} citizens with 2 job agents each and ${writers.length} without; ${Object.keys(tokens).length} tokens signed`);

  const settings: ChildSettings = {
    databaseUrl,
    redisUrl: opts.redisUrl,
    keyFile: KEY_FILE,
    audience: AUDIENCE,
    poolSize: opts.poolSize,
    idempotencyTtlMs: IDEMPOTENCY_TTL_MS,
  };
  const servers = new Map<ServerName, Child>();
  for (const name of serverNames) {
    const profile = opts.profile.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${path.join(DATA_DIR, 'bench-profiles')}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
    servers.set(name, Child.start(name, `servers/${name === 'bare-merging' ? 'bare' : name}`, name === 'bare-merging' ? ['merging'] : [], settings, profile));
  }
  const loadgen = Child.start('loadgen', 'loadgen', []);
  const loadgenReady = loadgen.ask({ type: 'init', tokens }, 'ready', 60_000);
  await Promise.all([...servers.values()].map((c) => c.ready()));
  await loadgenReady;

  for (const scenario of scenarios) {
    await sanityCheck(scenario, servers, tokens);
    if (scenario.name === 'write') await limitCheck(scenario, servers, tokens);
    if (scenario.name === 'tilmelding-write') await overlapCheck(scenario, servers, tokens);
    await resetFor(pool, scenario);
  }

  const failures: string[] = [];
  const warmupProblems: string[] = [];
  const runs: Run[] = [];
  const kampRuns: KampRun[] = [];
  const notOk = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
  const describe = (r: LoadResult) => `status ${JSON.stringify(r.statusCodes)}, ${r.errors} errors, ${r.timeouts} timeouts`;

  const job = (scenario: Scenario, child: Child, seconds: number, overallRate?: number): LoadJob => ({
    url: `http://127.0.0.1:${child.port}`,
    method: scenario.method,
    path: pathOf(scenario),
    body: scenario.body,
    bodies: scenario.bodies,
    citizens: scenario.citizens,
    connections: opts.connections,
    seconds,
    overallRate,
  });

  // Warm-up: every server runs every scenario once before anything is measured (JIT, pools, caches).
  if (opts.warmupSeconds > 0) {
    for (const scenario of scenarios) {
      for (const name of scenario.servers) {
        await resetFor(pool, scenario);
        const w = await load(loadgen, job(scenario, servers.get(name)!, opts.warmupSeconds));
        if (notOk(w) > 0) warmupProblems.push(`warm-up ${scenario.name} ${name}: ${describe(w)}`);
      }
    }
    console.log(`warmed up: ${opts.warmupSeconds} s per server and scenario`);
  }

  for (let round = 1; round <= opts.rounds; round++) {
    for (const scenario of scenarios) {
      // The order of the servers rotates from round to round, so none is always first or last.
      const order = scenario.servers.map((_, i) => scenario.servers[(i + round - 1) % scenario.servers.length]);
      for (const name of order) {
        const child = servers.get(name)!;
        await resetFor(pool, scenario);
        const before = await child.usage();
        const stopRss = watchRss(child.proc.pid!);
        const result = await load(loadgen, job(scenario, child, opts.seconds));
        const peakRss = stopRss();
        const after = await child.usage();
        runs.push({ round, scenario: scenario.name, server: name, load: result, serverCpuMicros: after.cpuMicros - before.cpuMicros, peakRss });
        if (notOk(result) > 0) failures.push(`round ${round} ${scenario.name} ${name}: ${describe(result)}`);
        console.log(
          `round ${round}  ${scenario.name.padEnd(9)} ${name.padEnd(12)} ${Math.round(result.rps).toString().padStart(6)} req/s  ` +
            `p99 ${result.latency.p99} ms  ${notOk(result) > 0 ? `NOT OK: ${describe(result)}` : 'ok'}`,
        );
      }
    }
    const kampOrder = kampServers.map((_, i) => kampServers[(i + round - 1) % kampServers.length]);
    for (const name of kampOrder) {
      const k = await contention(pool, round, name, servers.get(name)!, tokens);
      kampRuns.push(k);
      if (!kampOk(k)) failures.push(`round ${round} contention ${name}: ${JSON.stringify(k)}`);
      console.log(
        `round ${round}  contention ${name.padEnd(12)} ${KAMP_ANTAL} bookings on ${BENCH_KAMP_PLADSER} seats settled in ${Math.round(k.settleMs)} ms ` +
          `(${Math.round((KAMP_ANTAL / k.settleMs) * 1000)} req/s): ${k.created} × 201, ${k.refused4819} × 409/4819${k.other.length ? `, other ${JSON.stringify(k.other)}` : ''}; ` +
          `database: ${k.optagnePladser} seats taken, ${k.moeder} meetings  ${kampOk(k) ? 'ok' : 'NOT OK'}`,
      );
    }
  }

  // p99 of the service at half of its own maximum (median) rate.
  const summaries: ScenarioSummary[] = [];
  for (const scenario of scenarios) {
    const summary: ScenarioSummary = {
      name: scenario.name,
      title: scenario.title,
      kind: scenario.kind,
      servers: summarize(runs, scenario.name, scenario.servers),
      ...(scenario.reportOnly ? { reportOnly: true } : {}),
    };
    const service = servers.get('service');
    const max = median(runs.filter((r) => r.scenario === scenario.name && r.server === 'service').map((r) => r.load.rps));
    if (service && max > 2) {
      const rate = Math.floor(max / 2);
      await resetFor(pool, scenario);
      const result = await load(loadgen, job(scenario, service, opts.seconds, rate));
      summary.halfRate = { rate, load: result };
      if (notOk(result) > 0) failures.push(`half rate ${scenario.name} service: ${describe(result)}`);
      console.log(`half rate ${scenario.name.padEnd(9)} service      ${rate} req/s asked, ${Math.round(result.rps)} served  p99 ${result.latency.p99} ms`);
      // The same rate on bare: the floor the machine (PostgreSQL's commit, the scheduler) sets for the tail.
      const bare = scenario.servers.includes('bare') ? servers.get('bare') : undefined;
      if (bare) {
        await resetFor(pool, scenario);
        const floor = await load(loadgen, job(scenario, bare, opts.seconds, rate));
        summary.halfRateBare = floor;
        console.log(`half rate ${scenario.name.padEnd(9)} bare         ${rate} req/s asked, ${Math.round(floor.rps)} served  p99 ${floor.latency.p99} ms`);
      }
    }
    summaries.push(summary);
  }

  console.log('');
  for (const s of summaries) {
    console.log(`${s.title}: median of ${opts.rounds} rounds × ${opts.seconds} s, ${opts.connections} connections`);
    console.log(scenarioTable(s.servers));
    if (s.halfRate) console.log(`service at ${s.halfRate.rate} req/s (half its max): p50 ${s.halfRate.load.latency.p50} ms, p99 ${s.halfRate.load.latency.p99} ms`);
    if (s.halfRateBare) console.log(`bare at the same rate: p50 ${s.halfRateBare.latency.p50} ms, p99 ${s.halfRateBare.latency.p99} ms`);
    console.log('');
  }
  const compared = summaries.filter((s) => !s.reportOnly);
  if (compared.length > 0) {
    console.log(ratioTable(compared));
    console.log('');
  }
  const targetList = targets(compared);
  console.log(targetTable(targetList));
  for (const s of summaries.filter((x) => x.name === 'pdf')) {
    const v = s.servers.find((x) => x.server === 'service');
    if (v) {
      console.log(
        `\nGetCVAsPdf: ${v.rps.toFixed(1)} PDFs/s (median of the rounds), p99 ${v.p99} ms at full load` +
          (s.halfRate ? `, p99 ${s.halfRate.load.latency.p99} ms at ${s.halfRate.rate} PDFs/s (half)` : '') +
          `; ${Math.round(v.cpuMicrosPerRequest)} µs CPU per PDF`,
      );
    }
  }

  const kampSummary = kampServers.map((server) => {
    const mine = kampRuns.filter((k) => k.server === server);
    const settleMs = median(mine.map((k) => k.settleMs));
    return {
      server,
      rounds: mine.map((k) => Math.round(k.settleMs)),
      settleMs,
      rps: (KAMP_ANTAL / settleMs) * 1000,
      p50Ms: median(mine.map((k) => k.p50Ms)),
      p99Ms: median(mine.map((k) => k.p99Ms)),
      allOk: mine.every(kampOk),
    };
  });
  if (kampSummary.length > 0) {
    console.log(`\nContention: ${KAMP_ANTAL} concurrent CreateBooking on one slot with ${BENCH_KAMP_PLADSER} seats (median of ${opts.rounds} rounds)`);
    console.log(`| server | all settled (ms) | rounds (ms) | requests/s | per request p50 / p99 (ms) | exactly ${BENCH_KAMP_PLADSER} × 201, the rest 409/4819, database consistent |`);
    console.log('|---|---|---|---|---|---|');
    for (const k of kampSummary) {
      console.log(`| ${k.server} | ${Math.round(k.settleMs)} | ${k.rounds.join(', ')} | ${Math.round(k.rps)} | ${Math.round(k.p50Ms)} / ${Math.round(k.p99Ms)} | ${k.allOk ? 'yes' : 'NO'} |`);
    }
  }

  const saturated = summaries.flatMap((s) => s.servers.filter((v) => v.loadgenCpuShare > 0.9).map((v) => `${s.name}/${v.server}`));
  if (saturated.length > 0) {
    console.log(`\nnote: the load generator used > 90% of a core during ${saturated.join(', ')}; those servers may be faster than measured`);
  }
  const scattered = summaries.flatMap((s) =>
    s.servers.filter((v) => v.rounds.length > 1 && Math.max(...v.rounds) / Math.min(...v.rounds) > 1.5).map((v) => `${s.name}/${v.server}`),
  );
  if (scattered.length > 0) {
    console.log(`note: the rounds of ${scattered.join(', ')} differ by more than 1.5×: the machine was busy, so the throughput ratios are uncertain; CPU µs/req is the steadier figure`);
  }
  for (const w of warmupProblems) console.log(`note: ${w}`);
  console.log(`\nload average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; took ${Math.round((Date.now() - startedAt) / 1000)} s`);

  writeFileSync(
    RESULT_FILE,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        options: { ...opts, databaseBase: undefined, redisUrl: undefined },
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavgEnd: os.loadavg() },
        summaries,
        contention: { requests: KAMP_ANTAL, seats: BENCH_KAMP_PLADSER, summary: kampSummary, runs: kampRuns },
        targets: targetList,
        failures,
        warmupProblems,
        runs,
      },
      null,
      2,
    ),
  );
  console.log(`results: ${path.relative(process.cwd(), RESULT_FILE)}`);

  await cleanRedis(redis);
  redis.disconnect();
  await pool.end();
  await Promise.all([...servers.values(), loadgen].map((child) => child.stop()));
  if (opts.profile.length > 0) console.log(`CPU profiles: ${path.relative(process.cwd(), path.join(DATA_DIR, 'bench-profiles'))}`);

  if (failures.length > 0) {
    console.error(`\nFAILED: requests that were not 2xx in the measured phase:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  killChildren();
  process.exit(1);
});
