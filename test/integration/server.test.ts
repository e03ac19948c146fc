/**
 * The process entry (src/server.ts) as an operator runs it: a child process, real signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { loadOrCreateLocalKey, signLocalToken } from '../../src/auth/local-key';
import { ROLE_SCOPES } from '../../src/domain/access';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(TSX, ['src/server.ts'], {
    cwd: ROOT,
    // Load shedding off: tsx compiling at start-up on a busy machine would shed the first requests.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so killAll() also reaches the node process tsx starts.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Cleanup after a test: SIGKILL to tsx and the server it started (a kill of tsx alone orphans it). */
function killAll(s: Started) {
  try {
    process.kill(-s.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const addressOf = (s: Started) => waitFor(() => /"address":"(http:\/\/[^"]+)"/.exec(s.output())?.[1], 'the listening address');

describe('server process', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobnet-server-test-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded default, seeds, prints a working demo token, and stops cleanly on SIGTERM', async () => {
    const server = startServer({
      EMBEDDED_DATA_DIR: path.join(dataDir, 'pglite'),
      AUTH_LOCAL_KEY_FILE: path.join(dataDir, 'key.pem'),
    });
    try {
      const address = await addressOf(server);
      const token = await waitFor(() => /\n(ey[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(server.output())?.[1], 'the demo token');
      expect(server.output()).toContain(`${address}/docs`);

      const ready = await fetch(`${address}/health/ready`);
      expect(ready.status).toBe(200);

      const res = await fetch(`${address}/v1/Jobagent`, {
        headers: { authorization: `Bearer ${token}`, 'x-civilRegistrationIdentifier': DEMO_CITIZENS.anna.cpr, 'x-requestId': randomUUID() },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { jobagenter: { titel: string }[] };
      expect(body.jobagenter).toHaveLength(2);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('shutting down');
      await expect(fetch(`${address}/health/live`)).rejects.toThrow();
      // The CPR of the request reached no log line (the banner shows the fictitious demo CPR on purpose).
      const logLines = server.output().split('\n').filter((l) => l.startsWith('{'));
      expect(logLines.some((l) => l.includes('"route":"/v1/Jobagent"'))).toBe(true);
      expect(logLines.filter((l) => l.includes(DEMO_CITIZENS.anna.cpr))).toEqual([]);
    } finally {
      killAll(server);
    }
  }, 60_000);

  it('runs against real PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set', async () => {
    const server = startServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      AUTH_LOCAL_KEY_FILE: path.join(dataDir, 'key.pem'),
    });
    try {
      const address = await addressOf(server);
      const ready = (await (await fetch(`${address}/health/ready`)).json()) as { checks: Record<string, string> };
      expect(ready.checks).toEqual({ database: 'ok', redis: 'ok' });
      expect(server.output()).toContain('"redis":true');
      expect(server.output()).toContain('"embeddedDatabase":false');
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
    } finally {
      killAll(server);
    }
  }, 60_000);

  it('on SIGTERM: readiness turns 503 first, requests are still served during the drain delay, then it exits 0', async () => {
    // The delay only has to outlast the few requests below; the process exits right after it.
    const server = startServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      AUTH_LOCAL_KEY_FILE: path.join(dataDir, 'key.pem'),
      SHUTDOWN_DRAIN_DELAY_MS: '4000',
    });
    try {
      const address = await addressOf(server);
      const token = signLocalToken(loadOrCreateLocalKey(path.join(dataDir, 'key.pem')), {
        sub: 'system-drain-test',
        role: 'system',
        scope: ROLE_SCOPES.system.join(' '),
      });
      const list = () =>
        fetch(`${address}/v1/Jobagent`, {
          headers: { authorization: `Bearer ${token}`, 'x-civilRegistrationIdentifier': DEMO_CITIZENS.anna.cpr, 'x-requestId': randomUUID() },
        });
      expect((await fetch(`${address}/health/ready`)).status).toBe(200);

      server.child.kill('SIGTERM');
      await waitFor(() => (server.output().includes('"msg":"shutting down"') ? true : undefined), 'the shutdown log line');
      const ready = await fetch(`${address}/health/ready`);
      expect(ready.status).toBe(503);
      // Still serving, on kept-alive and on new connections.
      const during = await list();
      expect(await during.text()).toContain('jobagenter');
      expect(during.status).toBe(200);
      expect((await fetch(`${address}/health/live`, { headers: { connection: 'close' } })).status).toBe(200);

      expect(await server.exited).toBe(0);
      await expect(fetch(`${address}/health/live`)).rejects.toThrow();
    } finally {
      killAll(server);
    }
  }, 60_000);

  it('refuses to start in production without DATABASE_URL, REDIS_URL and AUTH_JWKS_URL', async () => {
    const server = startServer({ NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/NODE_ENV=production requires DATABASE_URL, REDIS_URL, AUTH_JWKS_URL/);
  }, 30_000);

  it('refuses an invalid setting with a message naming it', async () => {
    const server = startServer({ PORT: 'seventy' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration:[\s\S]*PORT/);
  }, 30_000);
});
