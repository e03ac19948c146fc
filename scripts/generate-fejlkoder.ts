/**
 * Generates src/domain/fejlkoder.ts, the one registry of fejlkoder (design.md section 4),
 * from the table in section 6 ("All error codes") of ../shared/catalogue.md.
 *
 *   npx tsx scripts/generate-fejlkoder.ts [path/to/catalogue.md]
 *
 * The generated file is committed. Never edit it by hand: change the rules, OVERRIDES or
 * EXTRA_CODES below and regenerate. test/unit/fejlkoder.test.ts fails when the committed
 * file differs from what renderFejlkoder() produces from the catalogue.
 *
 * Per code:
 * - fejltekst: the first variant ((a), (b), ...) of the short text that is not Danish,
 *   with the seeds' "STAR Foundation" noise removed (falls back to variant (a));
 * - beskrivelse: the description of the same variant (else variant (a)); '—' or empty
 *   gives the fejltekst;
 * - status: OVERRIDES first, else the first matching keyword rule in STATUS_RULES,
 *   else 422 (a business-rule violation);
 * - udgaaet: true only when every occurrence of the code in the catalogue is an old (GL)
 *   code of a combined cell or is marked 'udgår' (or via OVERRIDES).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const DEFAULT_CATALOGUE_PATH = resolve(REPO_ROOT, '../shared/catalogue.md');
export const OUTPUT_PATH = resolve(REPO_ROOT, 'src/domain/fejlkoder.ts');

/** The statuses a fejlkode may map to (design.md section 4; 401/412/500 carry no fejlkode of the seeds). */
export const ALLOWED_STATUSES = [400, 403, 404, 409, 422, 503] as const;
export type FejlkodeStatus = (typeof ALLOWED_STATUSES)[number];

export interface GeneratedFejlkode {
  kode: number;
  fejltekst: string;
  beskrivelse: string;
  status: FejlkodeStatus;
  udgaaet?: true;
  /** Why the status was chosen (override reason or rule name); not emitted. */
  statusSource: string;
}

// ---------------------------------------------------------------------------
// Status rules
// ---------------------------------------------------------------------------

interface StatusRule {
  readonly name: string;
  readonly status: FejlkodeStatus;
  readonly pattern: RegExp;
}

/**
 * Keyword heuristics, tried in order on "fejltekst beskrivelse". The order matters:
 * dependency failures first (their texts also say "unknown"/"invalid"), then permission
 * texts about the caller, then missing entities, state conflicts and malformed input.
 * "not allowed" alone is NOT a 403 rule: most such texts are business rules about the
 * citizen's contact group ("Vacation is not allowed for people in this contactgroup"),
 * which are 422; only texts about the caller (operator, fund, organisation) are 403.
 */
export const STATUS_RULES: readonly StatusRule[] = [
  {
    name: 'dependency unavailable',
    status: 503,
    pattern:
      /\bconnection\b|could not be established|timed? ?out|\bunavailable\b|unable to communicate|asylum operator|external bookingsystem|remote system|external planner system|internal error|\bcall to \w+ failed|\bon jobnet failed|error converting response/,
  },
  {
    name: 'caller not permitted',
    status: 403,
    pattern:
      /not authori[sz]ed|insufficient permission|operator is not allowed|(unemploymentfund|organisationtypeidentifier) is not allowed to view|only (unemploymentfunds|jobcenters)\b.* allowed to register|can (only|not) be used by unemploymentfunds|incoherent with the caller|does not belong to the jobcenter/,
  },
  {
    name: 'unknown entity',
    status: 404,
    pattern: /\bunknown\b|does not exist|not found|could not be found|could not find|not known to the system|no cv saved|not registered with this client/,
  },
  {
    name: 'state conflict',
    status: 409,
    pattern:
      /overlap|already (exists|has|been|booked|taken)|no longer available|is locked|has changed|conflicts with|open existing|more than one time/,
  },
  {
    name: 'malformed or missing input',
    status: 400,
    pattern:
      /\binvalid\b|not (a )?valid(?! for)|is no recognized|validate message|\bformat\b|is negative|not allowed to be negative|greater than (or equal )?zero|must be \d+ digits|may not contain html|must not include html|exceeds limit of characters|is readonly|\bis required\b|\bis mandatory\b|mandatory to submit|has to be (specified|set)|have to be (specified|present)|needs to be specified|must be specified|must contain content|must contain at least one|must be set\b|must be supplied|\bset both\b|must have an end-date|\bmissing (a|or incorrect data)\b|must not be earlier than|cannot be before bookingstarttime|cannot be after bookingstarttime|greater than start date|start date or later/,
  },
];

export const DEFAULT_STATUS: FejlkodeStatus = 422;

interface Override {
  readonly status?: FejlkodeStatus;
  readonly fejltekst?: string;
  readonly beskrivelse?: string;
  readonly udgaaet?: boolean;
  readonly reason: string;
}

/**
 * Explicit decisions. Every code named in design.md section 4 is pinned here even where
 * the rules agree, so a rule change cannot move them; the rest corrects the heuristics.
 */
export const OVERRIDES: Readonly<Record<number, Override>> = {
  // --- named in design.md section 4 / the task --------------------------------------
  1001: { status: 400, reason: 'design: malformed CPR' },
  1014: { status: 400, reason: 'design: schema validation failure' },
  1010: { status: 404, reason: 'design: unknown citizen' },
  1013: { status: 403, reason: 'design section 5: missing scope' },
  9901: { status: 409, reason: 'service-specific: job agent limit reached (a state conflict)' },
  4511: { status: 403, reason: 'design: operator may not see the person' },
  4575: { status: 403, reason: 'design: not authorised (also a CPR other than the token\'s)' },
  8291: { status: 403, reason: 'design: fund may not see the person' },
  8292: { status: 403, reason: 'design: organisation type may not see the person' },
  4589: { status: 404, reason: 'design: unknown identifier' },
  4768: { status: 404, reason: 'design: unknown booking' },
  8108: { status: 404, reason: 'design: unknown or inactive interview option' },
  4316: { status: 409, reason: 'design: enrollment overlap' },
  4767: { status: 409, reason: 'design: booking already taken' },
  4819: { status: 409, reason: 'design: booking time no longer available' },
  8273: { status: 409, reason: 'design: already has a Jobsamtale booking' },
  9220: { status: 409, reason: 'design: already has an Opfølgningssamtale booking' },
  8236: { status: 503, reason: 'design: ConnectionCouldNotBeEstablished' },
  4405: { status: 422, reason: 'design: the person is dead (business rule)' },
  9158: { status: 400, reason: 'task: invalid e-mail address' },

  // --- corrections to the heuristics ------------------------------------------------
  // "unknown" in the text, but the value is a code-list value, not an entity: like the
  // other invalid type identifiers (4313, 8021, ...) it is malformed input.
  4971: { status: 400, reason: 'unknown code-list value (ministerial department type)' },
  4979: { status: 400, reason: 'unknown code-list value (absence cause type)' },
  // format rules the keywords miss
  4426: { status: 400, reason: 'phone number format: foreign numbers must be +46 or +49' },
  4375: { status: 422, reason: 'e-mail notification needs an e-mail address: a state rule (e.g. verifying a job agent that has none)' },
  // the addressed entity does not exist, though the text does not say "unknown"
  4102: { status: 404, reason: 'no client with this CPR under this CvCustomerNumber' },
  4103: { status: 404, reason: 'the client has no CvCustomerNumber (no CV) at all' },
  4677: { status: 404, reason: 'no JobnetFlag to remove' },
  8069: { status: 404, reason: 'no education-event subscription to cancel' },
  9201: { status: 404, reason: 'no asylum transition registered to update' },
  8107: { status: 404, reason: 'the booking is not the citizen\'s: answer as unknown, do not reveal other citizens\' bookings' },
  8111: { status: 404, reason: 'CPR look-up failed; the seed\'s Danish variant and its successor 99012 say "Ukendt personnummer"' },
  99012: { status: 404, reason: '"Ukendt personnummer" (successor of 8111 in seed 003)' },
  // state conflicts with an existing record
  4753: { status: 409, reason: 'the CV is archived (state conflict, like locked 4823)' },
  4754: { status: 409, reason: 'the CV is disabled (state conflict, like locked 4823)' },
  9154: { status: 409, reason: 'cannot remove the mobile number while a text-notification subscription exists' },
  9155: { status: 409, reason: 'cannot remove the e-mail address while an e-mail-notification subscription exists' },
  // restrictions on the caller's role that the 403 rule does not catch
  9008: { status: 403, reason: 'an unemployment fund (caller role) may not report this field' },
  9009: { status: 403, reason: 'an unemployment fund (caller role) may not register CV status for this contact group' },
  9192: { status: 403, reason: 'the caller must confirm the citizen\'s consent before reading the CV' },
  6052: { status: 403, reason: 'code-list value reserved for internal callers' },
  // failures of a dependency the 503 rule does not catch
  9018: { status: 503, reason: 'external booking system not configured/reachable (seed variant b: "connection ... could not be established")' },
  9233: { status: 503, reason: 'Jobnet rejected or failed the ReplaceCV call (upstream failure, like 9147)' },
  // business rules the keyword rules would call malformed input (they depend on the citizen's state)
  9117: { status: 422, reason: 'depends on the citizen (DPM, under 25, education plan), not only on the request' },
  8059: { status: 422, reason: 'the citizen lacks a legal person category (state), not a malformed request' },
  8062: { status: 422, reason: 'the citizen must have a valid contact group (state), not a malformed request' },
  9344: { status: 422, reason: 'the stored profile has missing or incorrect data; the request is not malformed' },
  9345: { status: 422, reason: 'warning about missing or incorrect profile data' },
};

/** Codes the design references that the catalogue may lack; added only if missing. */
export const EXTRA_CODES: readonly { kode: number; fejltekst: string; beskrivelse: string }[] = [
  { kode: 1013, fejltekst: 'Insufficient permissions', beskrivelse: 'Insufficient permissions' },
  // Service-specific codes (the seeds have none for these rules); kept in the 99xx range.
  {
    kode: 9901,
    fejltekst: 'Too many job agents',
    beskrivelse: 'The citizen already has the maximum number of job agents / saved searches',
  },
];

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

export interface Variant {
  /** 'a', 'b', ... or undefined when the cell has a single text. */
  readonly label: string | undefined;
  readonly text: string;
}

export interface CatalogueRow {
  readonly kode: number;
  readonly shortTexts: readonly Variant[];
  readonly descriptions: readonly Variant[];
  readonly occurrences: readonly Variant[];
}

const SECTION_HEADING = /^# 6\.\s+All error codes\s*$/;

/** The rows of the "All error codes" table, in catalogue order. Throws on a malformed table. */
export function parseErrorTable(markdown: string): CatalogueRow[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => SECTION_HEADING.test(l));
  if (start < 0) throw new Error('catalogue: heading "# 6. All error codes" not found');
  let end = lines.findIndex((l, i) => i > start && /^# /.test(l));
  if (end < 0) end = lines.length;

  const rows: CatalogueRow[] = [];
  let sawHeader = false;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('|')) continue;
    const cells = splitRow(line);
    if (/^code$/i.test(cells[0] ?? '')) {
      sawHeader = true;
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (cells.length !== 4 || !/^\d+$/.test(cells[0])) {
      throw new Error(`catalogue line ${i + 1}: expected "| code | short text | description | occurs in |", got: ${line}`);
    }
    rows.push({
      kode: Number(cells[0]),
      shortTexts: splitVariants(cells[1]),
      descriptions: splitVariants(cells[2]),
      occurrences: splitVariants(cells[3]),
    });
  }
  if (!sawHeader || rows.length === 0) throw new Error('catalogue: error-code table not found in section 6');
  return rows;
}

function splitRow(line: string): string[] {
  const inner = line.replace(/^\|/, '').replace(/\|\s*$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function splitVariants(cell: string): Variant[] {
  return cell
    .split(/<br\s*\/?>/i)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = /^\(([a-z])\)\s*(.*)$/s.exec(part);
      return m ? { label: m[1], text: m[2].trim() } : { label: undefined, text: part };
    });
}

// ---------------------------------------------------------------------------
// Building the registry
// ---------------------------------------------------------------------------

/** Collapses whitespace and removes the seeds' "STAR Foundation" noise and a dangling " -". */
export function cleanText(text: string): string {
  return text
    .replace(/STAR Foundation/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s+-$/, '')
    .trim();
}

function isEmptyText(text: string): boolean {
  return text === '' || text.startsWith('—') || text === '-';
}

const DANISH = /[æøå]|\b(der er|ikke|ukendt|systemfejl|kontakten?|beskeden|kunne|ledige|mødetider|imellem)\b/i;

/** True for the seeds' Danish short texts ("Der er ikke kontakt med ...", "Ukendt personnummer"). */
export function isDanish(text: string): boolean {
  return DANISH.test(text);
}

export function classifyStatus(fejltekst: string, beskrivelse: string): { status: FejlkodeStatus; rule: string } {
  const haystack = `${fejltekst} ${beskrivelse}`.toLowerCase();
  for (const rule of STATUS_RULES) {
    if (rule.pattern.test(haystack)) return { status: rule.status, rule: rule.name };
  }
  return { status: DEFAULT_STATUS, rule: 'default: business rule' };
}

function isDeprecated(kode: number, occurrences: readonly Variant[]): boolean {
  const ops = occurrences
    .flatMap((v) => v.text.split(';'))
    .map((group) => group.replace(/^\s*\d{3}:\s*/, ''))
    .flatMap((group) => group.split(/,\s*(?![^(]*\))/))
    .map((op) => op.trim())
    .filter((op) => op.length > 0);
  if (ops.length === 0) return false;
  const gl = new RegExp(`\\b${kode}\\s*\\(GL\\)`);
  return ops.every((op) => /udgår/i.test(op) || gl.test(op));
}

export function buildRegistry(markdown: string): GeneratedFejlkode[] {
  const byCode = new Map<number, GeneratedFejlkode>();
  for (const row of parseErrorTable(markdown)) {
    if (byCode.has(row.kode)) throw new Error(`catalogue: code ${row.kode} listed twice`);
    const shorts = row.shortTexts.map((v) => ({ ...v, text: cleanText(v.text) })).filter((v) => !isEmptyText(v.text));
    if (shorts.length === 0) throw new Error(`catalogue: code ${row.kode} has no short text`);
    const chosen = shorts.find((v) => !isDanish(v.text)) ?? shorts[0];
    const descriptions = row.descriptions.map((v) => ({ ...v, text: cleanText(v.text) }));
    const desc =
      descriptions.find((v) => v.label === chosen.label && !isEmptyText(v.text)) ??
      descriptions.find((v) => !isEmptyText(v.text) && (v.label === undefined || v.label === 'a'));
    const fejltekst = chosen.text;
    const beskrivelse = desc ? desc.text : fejltekst;
    byCode.set(row.kode, finish(row.kode, fejltekst, beskrivelse, isDeprecated(row.kode, row.occurrences)));
  }
  for (const extra of EXTRA_CODES) {
    if (!byCode.has(extra.kode)) byCode.set(extra.kode, finish(extra.kode, extra.fejltekst, extra.beskrivelse, false));
  }
  return [...byCode.values()].sort((a, b) => a.kode - b.kode);
}

function finish(kode: number, fejltekst: string, beskrivelse: string, deprecated: boolean): GeneratedFejlkode {
  const o = OVERRIDES[kode];
  const ft = o?.fejltekst ?? fejltekst;
  const bs = o?.beskrivelse ?? beskrivelse;
  const classified = classifyStatus(ft, bs);
  const status = o?.status ?? classified.status;
  const udgaaet = o?.udgaaet ?? deprecated;
  return {
    kode,
    fejltekst: ft,
    beskrivelse: bs,
    status,
    ...(udgaaet ? { udgaaet: true as const } : {}),
    statusSource: o?.status !== undefined ? `override: ${o.reason}` : `rule: ${classified.rule}`,
  };
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

export function quote(s: string): string {
  return `'${s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** The complete text of src/domain/fejlkoder.ts for the given catalogue. Pure. */
export function renderFejlkoder(markdown: string): string {
  const registry = buildRegistry(markdown);
  const out: string[] = [];
  out.push(
    '// GENERATED FILE - DO NOT EDIT BY HAND.',
    '// Generated by scripts/generate-fejlkoder.ts from section 6 ("All error codes") of ../shared/catalogue.md.',
    '// Regenerate: npx tsx scripts/generate-fejlkoder.ts [path/to/catalogue.md]',
    '// To change a text or status, edit OVERRIDES (or the rules) in that script and regenerate;',
    '// test/unit/fejlkoder.test.ts fails when this file is stale.',
    '',
    '/** One fejlkode of the seeds: number, texts and the HTTP status it is answered with (design.md section 4). */',
    'export interface Fejlkode {',
    '  readonly kode: number;',
    '  readonly fejltekst: string;',
    '  readonly beskrivelse: string;',
    '  readonly status: number;',
    '  /** Marked deprecated (\'udgår\' / old GL code) in the seeds. */',
    '  readonly udgaaet?: boolean;',
    '}',
    '',
    `/** Every fejlkode of the seeds (${registry.length} codes), by number. */`,
    'export const FEJLKODER = {',
  );
  for (const f of registry) {
    out.push(
      `  ${f.kode}: {`,
      `    kode: ${f.kode},`,
      `    fejltekst: ${quote(f.fejltekst)},`,
      `    beskrivelse: ${quote(f.beskrivelse)},`,
      `    status: ${f.status},`,
    );
    if (f.udgaaet) out.push('    udgaaet: true,');
    out.push('  },');
  }
  out.push(
    '} as const satisfies Record<number, Fejlkode>;',
    '',
    'export type Fejlkodenummer = keyof typeof FEJLKODER;',
    '',
    '/** The registry entry of a fejlkode. */',
    'export function fejlkode(kode: Fejlkodenummer): Fejlkode {',
    '  return FEJLKODER[kode];',
    '}',
    '',
    '/** True when the number is a known fejlkode. */',
    'export function isFejlkodenummer(kode: number): kode is Fejlkodenummer {',
    '  return Object.prototype.hasOwnProperty.call(FEJLKODER, kode);',
    '}',
    '',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function main(argv: readonly string[]): void {
  const cataloguePath = argv[0] ? resolve(process.cwd(), argv[0]) : DEFAULT_CATALOGUE_PATH;
  const markdown = readFileSync(cataloguePath, 'utf8');
  writeFileSync(OUTPUT_PATH, renderFejlkoder(markdown), 'utf8');
  const registry = buildRegistry(markdown);
  const byStatus = new Map<number, number>();
  for (const f of registry) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
  const distribution = [...byStatus.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  process.stdout.write(`wrote ${OUTPUT_PATH}: ${registry.length} codes (${distribution})\n`);
  if (process.env.FEJLKODER_VERBOSE) {
    for (const f of registry) process.stdout.write(`${f.kode}\t${f.status}\t${f.fejltekst}\t[${f.statusSource}]\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
