/**
 * What the orchestrator, the load generator and the server children of `npm run bench` share:
 * names, fixed settings and the messages they exchange over IPC.
 */
import path from 'node:path';
import { findProjectRoot } from '../src/db/migrate';

/** The repository root (the bench runs compiled, from .data/bench-build/bench). */
export const REPO_ROOT = findProjectRoot(__dirname);
export const DATA_DIR = path.join(REPO_ROOT, '.data');

/**
 * The bench's own database (dropped and recreated by every run) and Redis key prefix. Two benches
 * on one machine must not share them: set BENCH_NAME (lower-case letters, digits, _) to give a run
 * its own, `jobnet_bench_<name>` and `jobnet-bench-<name>:`.
 */
const BENCH_NAME = process.env.BENCH_NAME ?? '';
if (!/^[a-z0-9_]{0,30}$/.test(BENCH_NAME)) throw new Error(`BENCH_NAME must be lower-case letters, digits and _, got '${BENCH_NAME}'`);
export const DATABASE_NAME = BENCH_NAME ? `jobnet_bench_${BENCH_NAME}` : 'jobnet_bench';
export const REDIS_KEY_PREFIX = BENCH_NAME ? `jobnet-bench-${BENCH_NAME}:` : 'jobnet-bench:';
export const KEY_FILE = path.join(DATA_DIR, 'bench-signing-key.pem');
export const RESULT_FILE = path.join(DATA_DIR, 'bench-result.json');
/** Tokens carry this audience and every server requires it (as production with AUTH_AUDIENCE does). */
export const AUDIENCE = 'jobnet-citizen-api-bench';
/** Short, so the bench's request ids do not pile up in Redis (the service's minimum is 60 s). */
export const IDEMPOTENCY_TTL_MS = 60_000;

/** What every server child gets in the environment variable BENCH_CHILD (JSON). */
export interface ChildSettings {
  databaseUrl: string;
  redisUrl: string;
  keyFile: string;
  audience: string;
  poolSize: number;
  idempotencyTtlMs: number;
}

export type ServerName = 'service' | 'bare' | 'bare-merging' | 'express';

/** Child to orchestrator. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'usage'; cpuMicros: number; rss: number }
  | { type: 'result'; id: number; result: LoadResult }
  | { type: 'error'; id?: number; message: string };

/** Orchestrator to child. */
export type ParentMessage =
  | { type: 'usage' }
  | { type: 'init'; tokens: Record<string, string> }
  | { type: 'run'; id: number; job: LoadJob };

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  /** Round robin over these citizens (each request: the next citizen's token and CPR header). */
  citizens: string[];
  connections: number;
  seconds: number;
  /** Fixed total request rate (req/s); unset means as fast as the server answers. */
  overallRate?: number;
  /** One body per citizen (same index as `citizens`), instead of `body` (CreateBooking: each citizen its own slot). */
  bodies?: string[];
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples. */
  rps: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latency: { p50: number; p90: number; p99: number; max: number };
  durationS: number;
  /** CPU the load generator itself used, as a share of one core (near 1 = it may be the bottleneck). */
  loadgenCpuShare: number;
}

/** Reads a positive whole number from the environment. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive whole number, got '${raw}'`);
  return Number(raw);
}

/** Comma-separated list from the environment, checked against the allowed values. */
export function envList<T extends string>(name: string, allowed: readonly T[]): T[] {
  const raw = process.env[name];
  if (!raw) return [...allowed];
  const picked = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = picked.filter((p) => !allowed.includes(p as T));
  if (unknown.length > 0) throw new Error(`${name}: unknown ${unknown.join(', ')} (choose from ${allowed.join(', ')})`);
  return allowed.filter((a) => picked.includes(a));
}

/** The bench sends traffic to this machine only. */
export function requireLocal(url: string, what: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`${what} must point at 127.0.0.1, got ${host}`);
  return url;
}
