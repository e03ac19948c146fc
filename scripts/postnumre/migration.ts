/**
 * Writes a new migration that brings the postnummer table to the content of data/postnumre.csv.
 *
 *   npx tsx scripts/postnumre/migration.ts [name]     (default name: postnumre_data)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDirectory } from '../../src/db/migrate';
import { renderPostnumreSql } from './data';

const name = process.argv[2] ?? 'postnumre_data';
if (!/^[a-z0-9_]+$/.test(name)) throw new Error('name: lower-case letters, digits and _ only');
const dir = join(migrationsDirectory(), `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, 'migration.sql'), renderPostnumreSql());
console.log(`Wrote ${dir}/migration.sql`);
