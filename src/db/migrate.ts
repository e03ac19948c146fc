/**
 * Applies prisma/migrations/<name>/migration.sql with the bookkeeping of
 * `prisma migrate deploy`, so that a deployment with Prisma's native schema engine can take
 * over the same database at any time (and vice versa):
 *
 * - the standard `_prisma_migrations` table, created with Prisma's exact DDL;
 * - checksum = sha256 (lower-case hex) of the migration.sql bytes;
 * - session-level advisory lock 72707369 (Prisma's key), waited for up to 10 s;
 * - migrations in directory-name order; already applied ones (a row with that name that is
 *   not rolled back) are skipped;
 * - refuses to run when a failed migration is recorded (finished_at and rolled_back_at both
 *   null, Prisma's P3009) or when an applied migration's file no longer matches its checksum
 *   (line endings ignored, as Prisma does);
 * - refuses to initialise a non-empty schema that has no `_prisma_migrations` (P3005).
 *
 * Difference from Prisma, on purpose: each migration runs in its own explicit transaction
 * together with its "finished" bookkeeping. The "started" row is committed before the
 * script (as Prisma does), so a failing migration is left recorded as failed, with the
 * error in `logs`, and `prisma migrate resolve` works on it as usual. Consequence: a
 * migration may not contain statements that cannot run in a transaction block
 * (e.g. CREATE INDEX CONCURRENTLY).
 *
 * Works against real PostgreSQL and PGlite behind pglite-socket (single pg client).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';

export const PRISMA_MIGRATE_ADVISORY_LOCK = 72707369;
const LOCK_TIMEOUT_MS = 10_000;
const MIGRATIONS_TABLE = '_prisma_migrations';

/** Prisma's DDL for the migrations table (sql-schema-connector, postgres flavour). */
export const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  file: string;
  script: string;
  checksum: string;
}

/** Walks up from `start` to the first directory containing package.json (the project root). */
export function findProjectRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json found above ${start}`);
    dir = parent;
  }
}

/** Absolute path of prisma/migrations (env MIGRATIONS_DIR overrides). */
export function migrationsDirectory(): string {
  return process.env.MIGRATIONS_DIR
    ? path.resolve(process.env.MIGRATIONS_DIR)
    : path.join(findProjectRoot(), 'prisma', 'migrations');
}

/** sha256 hex of the script, exactly as Prisma computes migration checksums. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/** Prisma's `script_matches_checksum`: line-ending agnostic, accepts the old unpadded format. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')];
  return variants.some((v) => {
    const digest = createHash('sha256').update(v, 'utf8').digest();
    const formatted =
      checksum.length !== 0 && checksum.length !== 64
        ? Array.from(digest, (b) => b.toString(16)).join('') // pre-2021 engines did not zero-pad
        : digest.toString('hex');
    return formatted === checksum;
  });
}

/** Reads prisma/migrations/* in the order Prisma applies them. */
export function readMigrations(dir: string = migrationsDirectory()): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`Migrations directory not found: ${dir}`);
  const lockFile = path.join(dir, 'migration_lock.toml');
  if (fs.existsSync(lockFile)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(lockFile, 'utf8'))?.[1];
    if (provider && provider !== 'postgresql') {
      throw new MigrationError(
        `${lockFile} says provider = "${provider}", but this database is PostgreSQL (Prisma P3019).`,
      );
    }
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      if (!fs.existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql (${file})`);
      const bytes = fs.readFileSync(file);
      return { name, file, script: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function acquireLock(client: Client): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      PRISMA_MIGRATE_ADVISORY_LOCK,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `Timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for the migration advisory lock ` +
          `(pg_advisory_lock(${PRISMA_MIGRATE_ADVISORY_LOCK})); another migration is running (Prisma P1002).`,
      );
    }
    await sleep(100);
  }
}

async function ensureMigrationsTable(client: Client, log: (msg: string) => void): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT c.relname AS table_name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  const names = rows.map((r) => r.table_name);
  if (names.includes(MIGRATIONS_TABLE)) return;
  if (names.length > 0) {
    throw new MigrationError(
      `The database schema is not empty (tables: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}) ` +
        `but has no ${MIGRATIONS_TABLE} table (Prisma P3005). Baseline it with ` +
        '`prisma migrate resolve --applied <migration>` or use an empty database.',
    );
  }
  log(`creating ${MIGRATIONS_TABLE}`);
  await client.query(CREATE_MIGRATIONS_TABLE_SQL);
}

function formatPgError(e: unknown): string {
  const err = e as { message?: string; code?: string; position?: string; detail?: string; hint?: string };
  const parts = [err.message ?? String(e)];
  if (err.code) parts.push(`code ${err.code}`);
  if (err.detail) parts.push(`detail: ${err.detail}`);
  if (err.hint) parts.push(`hint: ${err.hint}`);
  if (err.position) parts.push(`position ${err.position}`);
  return parts.join('; ');
}

/**
 * Applies all pending migrations to the database at `databaseUrl`; returns the names applied
 * (empty when up to date). Throws MigrationError on a recorded failed migration, an edited
 * applied migration, a non-empty unmanaged schema, a lock timeout or a failing script.
 */
export function applyMigrations(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  // Calls in one process for the same URL run one after the other. The advisory lock does
  // that across processes on real PostgreSQL, but PGlite has a single session shared by all
  // connections, where the (re-entrant) advisory lock excludes nothing.
  const previous = inFlight.get(databaseUrl) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => applyMigrationsLocked(databaseUrl, log));
  const settled = run.then(
    () => {},
    () => {},
  );
  inFlight.set(databaseUrl, settled);
  void settled.then(() => {
    if (inFlight.get(databaseUrl) === settled) inFlight.delete(databaseUrl);
  });
  return run;
}

const inFlight = new Map<string, Promise<void>>();

async function applyMigrationsLocked(databaseUrl: string, log: (msg: string) => void): Promise<string[]> {
  const migrations = readMigrations();
  const client = new Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
    application_name: 'jobnet-migrate',
  });
  client.on('error', () => {
    /* surfaced by the failing query */
  });
  await client.connect();
  let locked = false;
  try {
    await acquireLock(client);
    locked = true;
    await ensureMigrationsTable(client, log);

    const { rows } = await client.query<MigrationRow>(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
         FROM ${MIGRATIONS_TABLE} ORDER BY started_at ASC`,
    );

    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const details = failed
        .map((r) => {
          const logs = r.logs?.trim() ? ` with the following logs:\n${r.logs.trim()}` : '';
          return `The \`${r.migration_name}\` migration started at ${r.started_at.toISOString()} failed${logs}`;
        })
        .join('\n');
      throw new MigrationError(
        `Migrate found failed migrations in the target database; new migrations will not be applied (Prisma P3009).\n` +
          `${details}\nFix the database, then mark the migration with \`prisma migrate resolve --rolled-back <name>\` ` +
          'or `--applied <name>`, or delete its row from _prisma_migrations.',
      );
    }

    const applied = rows.filter((r) => r.rolled_back_at === null);
    const onDisk = new Map(migrations.map((m) => [m.name, m]));
    const edited = applied.filter((r) => {
      const m = onDisk.get(r.migration_name);
      return m !== undefined && !scriptMatchesChecksum(m.script, r.checksum);
    });
    if (edited.length > 0) {
      throw new MigrationError(
        `Applied migration(s) were modified after they were applied: ${edited.map((r) => r.migration_name).join(', ')}. ` +
          'Their migration.sql no longer matches the checksum in _prisma_migrations. Restore the original files ' +
          'and put the change in a new migration (npm run migration:new -- <name>).',
      );
    }
    const unknown = applied.filter((r) => !onDisk.has(r.migration_name)).map((r) => r.migration_name);
    if (unknown.length > 0) {
      log(`warning: applied migrations not found in ${migrationsDirectory()}: ${[...new Set(unknown)].join(', ')}`);
    }

    const appliedNames = new Set(applied.map((r) => r.migration_name));
    const pending = migrations.filter((m) => !appliedNames.has(m.name));
    const done: string[] = [];
    for (const m of pending) {
      const id = randomUUID();
      const started = Date.now();
      log(`applying ${m.name}`);
      await client.query(
        `INSERT INTO ${MIGRATIONS_TABLE} (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)`,
        [id, m.checksum, m.name],
      );
      try {
        await client.query('BEGIN');
        await client.query(m.script); // simple query protocol: the whole multi-statement script
        await client.query(
          `UPDATE ${MIGRATIONS_TABLE}
              SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
            WHERE id = $1`,
          [id],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        const logs = `Migration ${m.name} failed to apply: ${formatPgError(e)}`;
        await client.query(`UPDATE ${MIGRATIONS_TABLE} SET logs = $2 WHERE id = $1`, [id, logs]).catch(() => {});
        throw new MigrationError(`${logs}\nIt is recorded as failed in ${MIGRATIONS_TABLE} (Prisma P3018).`, {
          cause: e,
        });
      }
      log(`applied ${m.name} in ${Date.now() - started} ms`);
      done.push(m.name);
    }
    if (done.length === 0) log('no pending migrations');
    return done;
  } finally {
    if (locked) {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]).catch(() => {});
    }
    await client.end().catch(() => {});
  }
}
