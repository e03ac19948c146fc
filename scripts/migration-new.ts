/**
 * npm run migration:new -- <name>
 *
 * Creates prisma/migrations/<UTC yyyymmddhhmmss>_<name>/migration.sql containing what
 * schema.prisma needs beyond the existing migrations, computed by Prisma's own schema
 * engine (the wasm build) exactly as `prisma migrate dev --create-only` would: the existing
 * migrations are replayed into a temporary shadow database and diffed against schema.prisma.
 * Prints "No changes" and writes nothing when they already match.
 *
 * Needs real PostgreSQL for the temporary databases (never PGlite: one database only):
 *   MIGRATION_SHADOW_DATABASE_URL  server to use (default TEST_DATABASE_URL_BASE or
 *                                  postgresql://postgres@127.0.0.1:5432); databases named
 *                                  prisma_shadow_* / migration_check_* are created and dropped.
 *
 * Afterwards the new migration is verified: all migrations are applied with
 * src/db/migrate.ts to a fresh database, whose schema must then equal schema.prisma.
 * Review the SQL (data-loss warnings are not produced by a diff), then commit it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../src/db/migrate';
import {
  LOCKFILE_CONTENT,
  createTemporaryDatabase,
  diffScript,
  projectPaths,
  readMigrationList,
  schemaTarget,
  withSchemaEngine,
} from './lib/schema-engine';

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error('usage: npm run migration:new -- <name>     e.g. npm run migration:new -- add_cv_table');
  process.exit(2);
}

function utcTimestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const rawName = argv.find((a) => !a.startsWith('-'));
  if (!rawName || argv.includes('--help') || argv.includes('-h')) usage();
  const name = rawName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!name) usage(`invalid migration name: ${rawName}`);

  const server =
    process.env.MIGRATION_SHADOW_DATABASE_URL ?? process.env.TEST_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const paths = projectPaths();
  fs.mkdirSync(paths.migrationsDir, { recursive: true });
  const lockPath = path.join(paths.migrationsDir, 'migration_lock.toml');
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, LOCKFILE_CONTENT);

  // The engine needs a main database even for a migrations->schema diff; use a throwaway one.
  const main = await createTemporaryDatabase(server, 'migration_new');
  let script: string;
  try {
    script = await withSchemaEngine(main.url, (s) =>
      diffScript(s, { tag: 'migrations', ...readMigrationList(paths.migrationsDir) }, schemaTarget(paths.schema)),
    );
  } finally {
    await main.drop();
  }

  if (!script.trim()) {
    console.log('No changes: prisma/schema.prisma matches prisma/migrations.');
    return;
  }

  const dirName = `${utcTimestamp()}_${name}`;
  const existing = readMigrationList(paths.migrationsDir).migrationDirectories.map((d) => d.path);
  const last = existing[existing.length - 1];
  if (last && dirName.localeCompare(last) <= 0) {
    throw new Error(`New migration ${dirName} would not sort after the last one (${last}); check the clock.`);
  }
  const dir = path.join(paths.migrationsDir, dirName);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration.sql'), script, 'utf8');
  console.log(`Created prisma/migrations/${dirName}/migration.sql:\n`);
  console.log(script);

  // Verify: the whole history, applied by our runtime migrator, yields schema.prisma.
  const check = await createTemporaryDatabase(server, 'migration_check');
  try {
    await applyMigrations(check.url);
    const drift = await withSchemaEngine(check.url, (s) =>
      diffScript(
        s,
        { tag: 'schemaDatasource', files: [{ path: paths.schema, content: fs.readFileSync(paths.schema, 'utf8') }], configDir: paths.root },
        schemaTarget(paths.schema),
      ),
    );
    if (drift.trim()) {
      throw new Error(`Applying all migrations does not reproduce schema.prisma; remaining difference:\n${drift}`);
    }
    console.log('Verified: all migrations apply cleanly to an empty database and match schema.prisma.');
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.error(`Removed ${dirName} again.`);
    throw e;
  } finally {
    await check.drop();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
