/**
 * Child-process entry used by test/helpers/embedded.ts: starts the embedded PostgreSQL
 * (src/db/embedded.ts), prints one JSON line {"url", "startMs"} on stdout, and stops
 * cleanly when stdin closes (also when the parent dies) or on SIGTERM/SIGINT.
 *
 * Why a child process: PGlite's CommonJS build does `await import('fs/promises')` and
 * friends, which Jest (CommonJS, no --experimental-vm-modules) cannot run in-process.
 */
import { startEmbeddedPostgres } from '../../src/db/embedded';

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; maxConnections?: number };
  const started = Date.now();
  const pg = await startEmbeddedPostgres(opts);
  process.stdout.write(`${JSON.stringify({ url: pg.url, startMs: Date.now() - started })}\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    pg.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('embedded postgres: stop failed:', e);
        process.exit(1);
      },
    );
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  console.error('embedded postgres: start failed:', e);
  process.exit(1);
});
