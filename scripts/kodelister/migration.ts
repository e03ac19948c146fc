/**
 * Writes a new migration that brings the code-list tables to the content of data/kodelister/*.tsv
 * (docs/decisions.md, Kodelister: reference data travels with the migrations, so every database
 * that is migrated, production included, gets it, also with `prisma migrate deploy`).
 *
 *   npx tsx scripts/kodelister/migration.ts [name]     (default name: kodelister_data)
 *
 * Run it after changing a file under data/kodelister/; test/kodeliste/kodeliste-data.test.ts fails
 * until the migrated database equals the files again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDirectory } from '../../src/db/migrate';
import { renderSyncSql } from './data';

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const name = process.argv[2] ?? 'kodelister_data';
if (!/^[a-z0-9_]+$/.test(name)) throw new Error('name: lower-case letters, digits and _ only');
const dir = join(migrationsDirectory(), `${timestamp()}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, 'migration.sql'), renderSyncSql());
console.log(`Wrote ${dir}/migration.sql`);
