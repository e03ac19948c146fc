/**
 * prisma/migrations vs schema.prisma, and src/db/migrate.ts vs `prisma migrate deploy`.
 *
 * Uses throwaway databases on the test server (created next to DATABASE_URL, dropped
 * afterwards) and Prisma's own schema engine (wasm build) as the reference:
 * - drift: a database built by applyMigrations must equal schema.prisma (engine diff), and
 *   the migrations directory replayed by the engine must equal schema.prisma too;
 * - bookkeeping: rows and checksums in _prisma_migrations; the engine's migrate-deploy code
 *   (applyMigrations / diagnoseMigrationHistory) accepts what we wrote, and we accept what
 *   it writes, so either can take over a database from the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations, migrationsDirectory, MigrationError } from '../../src/db/migrate';
import {
  NO_FILTER,
  createTemporaryDatabase,
  diffScript,
  projectPaths,
  readMigrationList,
  schemaTarget,
  withSchemaEngine,
} from '../../scripts/lib/schema-engine';

const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const paths = projectPaths();

const migrationNames = fs
  .readdirSync(migrationsDirectory(), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function fileSha256(name: string): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(migrationsDirectory(), name, 'migration.sql')))
    .digest('hex');
}

async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const dropLater: Array<() => Promise<void>> = [];
async function freshDatabase(): Promise<string> {
  const db = await createTemporaryDatabase(server, 'migrations_test');
  dropLater.push(db.drop);
  return db.url;
}
afterAll(async () => {
  await Promise.all(dropLater.map((drop) => drop()));
});

describe('prisma/migrations', () => {
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase();
  });

  it('has at least one migration and a postgresql migration_lock.toml', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const lock = fs.readFileSync(path.join(migrationsDirectory(), 'migration_lock.toml'), 'utf8');
    expect(lock).toMatch(/^provider = "postgresql"$/m);
  });

  it('applies every migration to an empty database, recording them like prisma migrate deploy', async () => {
    expect(await applyMigrations(url)).toEqual(migrationNames);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const r of rows) {
      expect(r.checksum).toBe(fileSha256(r.migration_name));
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.logs).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }

    // Exactly Prisma's table definition.
    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', len: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('is idempotent', async () => {
    const before = await query(url, 'SELECT * FROM _prisma_migrations ORDER BY id');
    expect(await applyMigrations(url)).toEqual([]);
    expect(await query(url, 'SELECT * FROM _prisma_migrations ORDER BY id')).toEqual(before);
  });

  it('does not drift from schema.prisma (Prisma schema engine diff must be empty)', async () => {
    const schemaFile = { path: paths.schema, content: fs.readFileSync(paths.schema, 'utf8') };
    const [fromDatabase, fromMigrations] = await withSchemaEngine(url, async (s) => [
      // the database built by applyMigrations -> schema.prisma
      await diffScript(s, { tag: 'schemaDatasource', files: [schemaFile], configDir: paths.root }, schemaTarget(paths.schema)),
      // the migrations directory, replayed by the engine in a shadow database -> schema.prisma
      await diffScript(s, { tag: 'migrations', ...readMigrationList(paths.migrationsDir) }, schemaTarget(paths.schema)),
    ]);
    for (const [what, sql] of [
      ['database built from prisma/migrations', fromDatabase],
      ['prisma/migrations', fromMigrations],
    ]) {
      if (sql.trim()) {
        throw new Error(
          `schema.prisma and ${what} have drifted apart. Create a migration with ` +
            `\`npm run migration:new -- <name>\`. Missing SQL:\n${sql}`,
        );
      }
    }
  });

  it("is accepted by Prisma's migrate deploy logic (takeover by the native engine)", async () => {
    const migrationsList = readMigrationList(paths.migrationsDir);
    const [diagnostic, deploy] = await withSchemaEngine(url, async (s) => [
      await s.run((e) => e.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER })),
      await s.run((e) => e.applyMigrations({ migrationsList, filters: NO_FILTER })),
    ]);
    expect(diagnostic).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
    expect(deploy).toEqual({ appliedMigrationNames: [] });
  });

  it('takes over a database migrated by Prisma', async () => {
    const other = await freshDatabase();
    const deployed = await withSchemaEngine(other, (s) =>
      s.run((e) => e.applyMigrations({ migrationsList: readMigrationList(paths.migrationsDir), filters: NO_FILTER })),
    );
    expect(deployed.appliedMigrationNames).toEqual(migrationNames);
    expect(await applyMigrations(other)).toEqual([]);
    const checksums = await query<{ migration_name: string; checksum: string }>(
      other,
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(checksums).toEqual(migrationNames.map((n) => ({ migration_name: n, checksum: fileSha256(n) })));
  });

  it('refuses when an applied migration was edited', async () => {
    const name = migrationNames[0];
    await query(url, `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [name]);
    try {
      const err = await applyMigrations(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as Error).message).toMatch(/modified after they were applied/);
      expect((err as Error).message).toContain(name);
    } finally {
      await query(url, 'UPDATE _prisma_migrations SET checksum = $2 WHERE migration_name = $1', [name, fileSha256(name)]);
    }
  });

  it('refuses when a failed migration is recorded', async () => {
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', repeat('a', 64), '29991231000000_broken', 'boom', now())`,
    );
    try {
      const err = await applyMigrations(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as Error).message).toMatch(/failed migrations.*P3009/s);
      expect((err as Error).message).toContain('29991231000000_broken');
    } finally {
      await query(url, `DELETE FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'`);
    }
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('rolls back a failing migration, records it as failed and then refuses to continue', async () => {
    const other = await freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobnet-migrations-'));
    fs.mkdirSync(path.join(dir, '20000101000000_ok'));
    fs.writeFileSync(path.join(dir, '20000101000000_ok', 'migration.sql'), 'CREATE TABLE a (id int);\n');
    fs.mkdirSync(path.join(dir, '20000102000000_bad'));
    fs.writeFileSync(path.join(dir, '20000102000000_bad', 'migration.sql'), 'CREATE TABLE b (id int);\nSELECT 1/0;\n');
    const saved = process.env.MIGRATIONS_DIR;
    process.env.MIGRATIONS_DIR = dir;
    try {
      await expect(applyMigrations(other)).rejects.toThrow(/20000102000000_bad failed to apply: division by zero/);
      const rows = await query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
        other,
        'SELECT migration_name, finished_at, logs FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
        ['20000101000000_ok', true],
        ['20000102000000_bad', false],
      ]);
      expect(rows[1].logs).toMatch(/division by zero/);
      // the failed script left nothing behind (one transaction per migration)
      expect(await query(other, "SELECT to_regclass('b') AS b")).toEqual([{ b: null }]);
      await expect(applyMigrations(other)).rejects.toThrow(/P3009[\s\S]*20000102000000_bad/);
    } finally {
      if (saved === undefined) delete process.env.MIGRATIONS_DIR;
      else process.env.MIGRATIONS_DIR = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to take over a non-empty database without _prisma_migrations', async () => {
    const other = await freshDatabase();
    await query(other, 'CREATE TABLE legacy (id int)');
    await expect(applyMigrations(other)).rejects.toThrow(/not empty.*P3005/s);
  });
});

describe('20261129192912_faelles_akasse_medlemskab (a-kasse membership becomes one fact)', () => {
  const NAME = '20261129192912_faelles_akasse_medlemskab';
  const sql = (name: string) => fs.readFileSync(path.join(migrationsDirectory(), name, 'migration.sql'), 'utf8');

  it("moves the CV's a-kasse numbers into akasse_medlemskab, keeping every existing row", async () => {
    const url = await freshDatabase();
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await c.connect();
    try {
      for (const name of migrationNames.filter((n) => n < NAME)) await c.query(sql(name));
      // A: Tilmelding's membership and the CV's number; B: only the CV's number; C: only Tilmelding's (and one that ended).
      await c.query(`INSERT INTO borger (cpr, fornavn, efternavn, kontaktgruppe) VALUES
        ('0101801111', 'A', 'A', 1), ('0101801112', 'B', 'B', 8), ('0101801113', 'C', 'C', NULL)`);
      await c.query(`INSERT INTO akasse_medlemskab (id, cpr, akasse, forsikringskategori, "fraDato", "tilDato") VALUES
        ('00000000-0000-4000-8000-000000000001', '0101801111', 'Gammel A-kasse', 1, '2015-01-01', NULL),
        ('00000000-0000-4000-8000-000000000002', '0101801111', 'Endnu ældre', 2, '2001-01-01', '2014-12-31'),
        ('00000000-0000-4000-8000-000000000003', '0101801113', 'Tredje', 1, '2015-01-01', NULL)`);
      await c.query(`INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, akasse) VALUES
        ('0101801111', '751', 'Aarhus', '1002'), ('0101801112', '101', 'København', '1003')`);
      await c.query(sql(NAME));
      const rows = await c.query(`SELECT cpr, "akasseNummer", "akasseNavn", forsikringskategori, "fraDato" = CURRENT_DATE AS "fraIDag", "tilDato" IS NULL AS aaben
        FROM akasse_medlemskab ORDER BY cpr, "fraDato"`);
      expect(rows.rows).toEqual([
        { cpr: '0101801111', akasseNummer: null, akasseNavn: 'Endnu ældre', forsikringskategori: 2, fraIDag: false, aaben: false },
        { cpr: '0101801111', akasseNummer: '1002', akasseNavn: 'Gammel A-kasse', forsikringskategori: 1, fraIDag: false, aaben: true },
        { cpr: '0101801112', akasseNummer: '1003', akasseNavn: null, forsikringskategori: null, fraIDag: true, aaben: true },
        { cpr: '0101801113', akasseNummer: null, akasseNavn: 'Tredje', forsikringskategori: 1, fraIDag: false, aaben: true },
      ]);
      const cols = await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'cv_stamdata' AND column_name = 'akasse'`);
      expect(cols.rows).toEqual([]);
      // New memberships must carry the number; borger.kontaktgruppe must be a code of the list.
      await expect(
        c.query(`INSERT INTO akasse_medlemskab (id, cpr, forsikringskategori, "fraDato") VALUES ('00000000-0000-4000-8000-000000000009', '0101801113', 1, '2020-01-01')`),
      ).rejects.toThrow(/akasse_medlemskab_nummer_paakraevet/);
      await expect(c.query(`UPDATE borger SET kontaktgruppe = 99 WHERE cpr = '0101801113'`)).rejects.toThrow(/borger_kontaktgruppe_fkey/);
    } finally {
      await c.end();
    }
  });
});
