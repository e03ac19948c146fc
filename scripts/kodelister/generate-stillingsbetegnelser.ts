/**
 * Writes data/kodelister/stillingsbetegnelse.tsv and stillingsbetegnelse_alias.tsv from
 * scripts/kodelister/stillingsbetegnelser-kilde.txt (hand-written titles; docs/kodelister.md).
 *
 *   npx tsx scripts/kodelister/generate-stillingsbetegnelser.ts
 *
 * Identifiers are stable: a name-based UUID (SHA-1, RFC 4122 version 5 layout) of the title, so a
 * re-run gives the same conceptUriDa and aliasIdentifier. As in ESCO, a renamed title is a new
 * concept: expire the old one (gyldigTil) rather than renaming it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_DIR } from './data';

export const CONCEPT_URI_BASE = 'http://data.star.dk/esco/occupation/';
const DEFAULT_GYLDIG_FRA = '2018-01-01';

export function nameUuid(namespace: string, name: string): string {
  const h = createHash('sha1').update(`${namespace}\u0000${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function main() {
  const source = readFileSync(resolve(__dirname, 'stillingsbetegnelser-kilde.txt'), 'utf8');
  const stillinger: string[] = [];
  const aliaser: string[] = [];
  const names = new Set<string>();
  for (const line of source.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [navn, disco, fra, til, alias] = line.split('|').map((c) => c.trim());
    if (names.has(navn)) throw new Error(`duplicate title ${navn}`);
    names.add(navn);
    if (!/^\d{4}$/.test(disco)) throw new Error(`${navn}: DISCO-08 code must be 4 digits`);
    const uri = CONCEPT_URI_BASE + nameUuid('stillingsbetegnelse', navn);
    stillinger.push([uri, navn, disco, fra || DEFAULT_GYLDIG_FRA, til ?? ''].join('\t'));
    for (const a of (alias ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
      aliaser.push([nameUuid('alias', `${navn}\u0000${a}`), uri, a].join('\t'));
    }
  }
  const header = (what: string) =>
    [
      `# ${what}`,
      '# Source: written for this service in the style of STAR\'s ESCO-based occupation list (ordinary Danish',
      '# job titles grouped by DISCO-08); generated from scripts/kodelister/stillingsbetegnelser-kilde.txt by',
      '# scripts/kodelister/generate-stillingsbetegnelser.ts. See docs/kodelister.md.',
    ].join('\n');
  writeFileSync(
    resolve(DATA_DIR, 'stillingsbetegnelse.tsv'),
    `${header('Stillingsbetegnelser (occupations) by ConceptUriDa, with validity (gyldigTil empty = open).')}\n` +
      ['conceptUriDa\tnavn\tdiscoKode\tgyldigFra\tgyldigTil', ...stillinger].join('\n') + '\n',
  );
  writeFileSync(
    resolve(DATA_DIR, 'stillingsbetegnelse_alias.tsv'),
    `${header('Aliases (AliasIdentifier) of the occupations: other names of the same occupation.')}\n` +
      ['aliasIdentifier\tconceptUriDa\tnavn', ...aliaser].join('\n') + '\n',
  );
  console.log(`${stillinger.length} occupations, ${aliaser.length} aliases`);
}

if (require.main === module) main();
