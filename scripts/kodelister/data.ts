/**
 * Reads the code lists of data/kodelister/*.tsv (the committed reference data; sources named in
 * each file's header and in docs/kodelister.md) and renders them as the idempotent SQL that a
 * migration carries (docs/decisions.md, Kodelister).
 *
 * Used by scripts/kodelister/migration.ts (writes a migration) and by
 * test/kodeliste/kodeliste-data.test.ts (the migrated database must equal these files).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DATA_DIR = resolve(__dirname, '../../data/kodelister');

type Cell = string | number | boolean | null | number[];

export interface TableSpec {
  /** File name without .tsv, and the table. */
  table: string;
  /** Primary key column. */
  key: string;
  /** Column types in file order. */
  columns: Record<string, 'int' | 'text' | 'bool' | 'int?' | 'date' | 'date?' | 'int[]' | 'uuid'>;
}

/** In dependency order (referenced tables first). */
export const TABLES: readonly TableSpec[] = [
  {
    table: 'kontaktgruppe',
    key: 'kode',
    columns: { kode: 'int', navn: 'text', kunIntern: 'bool', minAlder: 'int?', maxAlder: 'int?', akasseMaaRegistrereCvStatus: 'bool' },
  },
  {
    table: 'klientkategori',
    key: 'kode',
    columns: {
      kode: 'int',
      navn: 'text',
      kunIntern: 'bool',
      kanTilmeldes: 'bool',
      kraeverStillingsbetegnelse: 'bool',
      kontanthjaelpskategori: 'bool',
      udenYdelse: 'bool',
      kraeverAkasse: 'bool',
      kontaktgruppe: 'int',
      tilladteLedighedsgrader: 'int[]',
    },
  },
  { table: 'ledighedsgrad', key: 'kode', columns: { kode: 'int', navn: 'text', kunIntern: 'bool', ikkeLedig: 'bool' } },
  {
    table: 'afmeldingsaarsag',
    key: 'kode',
    columns: { kode: 'int', navn: 'text', kunIntern: 'bool', maxDageFrem: 'int', kunAkasse: 'bool', ikkeAkasse: 'bool' },
  },
  { table: 'forsikringskategori', key: 'kode', columns: { kode: 'int', navn: 'text', kunIntern: 'bool' } },
  {
    table: 'stillingsbetegnelse',
    key: 'conceptUriDa',
    columns: { conceptUriDa: 'text', navn: 'text', discoKode: 'text', gyldigFra: 'date', gyldigTil: 'date?' },
  },
  { table: 'stillingsbetegnelse_alias', key: 'aliasIdentifier', columns: { aliasIdentifier: 'uuid', conceptUriDa: 'text', navn: 'text' } },
];

export type Row = Record<string, Cell>;

function parseCell(raw: string, type: TableSpec['columns'][string], where: string): Cell {
  switch (type) {
    case 'int':
    case 'int?': {
      if (raw === '' && type === 'int?') return null;
      if (!/^-?\d+$/.test(raw)) throw new Error(`${where}: not an integer: '${raw}'`);
      return Number(raw);
    }
    case 'bool':
      if (raw !== 'true' && raw !== 'false') throw new Error(`${where}: not true/false: '${raw}'`);
      return raw === 'true';
    case 'date':
    case 'date?':
      if (raw === '' && type === 'date?') return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new Error(`${where}: not a date: '${raw}'`);
      return raw;
    case 'int[]':
      return raw === '' ? [] : raw.split(',').map((v) => Number(parseCell(v.trim(), 'int', where)));
    case 'uuid':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(raw)) throw new Error(`${where}: not a lower-case uuid: '${raw}'`);
      return raw;
    case 'text':
      if (raw === '') throw new Error(`${where}: empty text`);
      return raw;
  }
}

/** The rows of one list; '#' lines are comments, the first other line is the header. */
export function readTable(spec: TableSpec, dir = DATA_DIR): Row[] {
  const file = resolve(dir, `${spec.table}.tsv`);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const header = lines[0].split('\t');
  const expected = Object.keys(spec.columns);
  if (header.join('\t') !== expected.join('\t')) throw new Error(`${file}: header must be ${expected.join(', ')}`);
  const seen = new Set<Cell>();
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    const where = `${spec.table}.tsv data line ${i + 1}`;
    if (cells.length !== expected.length) throw new Error(`${where}: ${cells.length} cells, expected ${expected.length}`);
    const row: Row = {};
    expected.forEach((col, c) => (row[col] = parseCell(cells[c], spec.columns[col], `${where} ${col}`)));
    if (seen.has(row[spec.key])) throw new Error(`${where}: duplicate ${spec.key} ${String(row[spec.key])}`);
    seen.add(row[spec.key]);
    return row;
  });
}

export function readAll(dir = DATA_DIR): Map<string, Row[]> {
  return new Map(TABLES.map((t) => [t.table, readTable(t, dir)]));
}

const quoteIdent = (name: string) => `"${name}"`;
const literal = (value: Cell, type: TableSpec['columns'][string]): string => {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `ARRAY[${value.join(',')}]::integer[]`;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const text = `'${value.replace(/'/g, "''")}'`;
  if (type === 'date' || type === 'date?') return `${text}::date`;
  if (type === 'uuid') return `${text}::uuid`;
  return text;
};

/**
 * SQL that makes the tables equal the files, whatever they held: upsert every row (INSERT ...
 * ON CONFLICT DO UPDATE), then delete the rows no longer listed (children first). A deleted
 * occupation that a job wish still refers to makes the migration fail on the foreign key: expire
 * it (gyldigTil) instead.
 */
export function renderSyncSql(data = readAll()): string {
  const out: string[] = [
    '-- Code lists from data/kodelister/*.tsv (generated by scripts/kodelister/migration.ts; do not edit).',
    '-- Idempotent: upserts every listed row, then deletes the rows no longer listed.',
  ];
  for (const spec of TABLES) {
    const rows = data.get(spec.table)!;
    const cols = Object.keys(spec.columns);
    const updates = cols.filter((c) => c !== spec.key).map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    out.push(
      '',
      `INSERT INTO ${quoteIdent(spec.table)} (${cols.map(quoteIdent).join(', ')}) VALUES`,
      rows.map((r) => `  (${cols.map((c) => literal(r[c], spec.columns[c])).join(', ')})`).join(',\n'),
      `ON CONFLICT (${quoteIdent(spec.key)}) DO UPDATE SET ${updates.join(', ')};`,
    );
  }
  for (const spec of [...TABLES].reverse()) {
    const keys = data.get(spec.table)!.map((r) => literal(r[spec.key], spec.columns[spec.key]));
    out.push('', `DELETE FROM ${quoteIdent(spec.table)} WHERE ${quoteIdent(spec.key)} NOT IN (${keys.join(', ')});`);
  }
  return out.join('\n') + '\n';
}
