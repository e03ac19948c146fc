/**
 * Starts src/db/embedded.ts (PGlite + pglite-socket) in a child process for Jest tests.
 * PGlite cannot be loaded inside Jest itself (its CommonJS build uses dynamic import(),
 * which Jest rejects without --experimental-vm-modules); over TCP nothing else changes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { EmbeddedPostgresOptions } from '../../src/db/embedded';

export interface EmbeddedPostgresProcess {
  url: string;
  /** Start time measured inside the child (PGlite init + socket listen). */
  startMs: number;
  /** Stops the server and database in the child; resolves with the child's exit code. */
  stop(): Promise<number | null>;
}

export async function startEmbeddedPostgresProcess(
  opts: EmbeddedPostgresOptions = {},
  timeoutMs = 30_000,
): Promise<EmbeddedPostgresProcess> {
  const script = path.join(__dirname, 'embedded-server.ts');
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script, JSON.stringify(opts)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: path.join(__dirname, '..', '..'),
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const first = await new Promise<{ url: string; startMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded postgres did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        resolve(JSON.parse(line) as { url: string; startMs: number });
      } catch {
        reject(new Error(`unexpected output from embedded postgres: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded postgres exited with code ${code} before it was ready`));
    });
  });

  return {
    ...first,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
