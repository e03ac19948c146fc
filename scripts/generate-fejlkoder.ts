/**
 * Generates src/domain/fejlkoder.ts, the one registry of fejlkoder (design.md section 4),
 * from the committed table data/fejlkoder.tsv (the fejlkode tables of the specifications).
 *
 *   npx tsx scripts/generate-fejlkoder.ts
 *   npx tsx scripts/generate-fejlkoder.ts --import-catalogue path/to/catalogue.md
 *
 * The second form first rewrites data/fejlkoder.tsv from section 6 ("All error codes") of a
 * catalogue in markdown; it is never read unless named. Both files are committed. Never edit
 * the registry by hand: change the data, the rules, OVERRIDES or EXTRA_CODES and regenerate.
 * test/unit/fejlkoder.test.ts fails when the committed registry differs from what
 * renderFejlkoder() produces from the data.
 *
 * Per code:
 * - fejltekst: the first variant ((a), (b), ...) of the short text that is not Danish,
 *   with the specifications' "STAR Foundation" noise removed (falls back to variant (a));
 * - beskrivelse: the description of the same variant (else variant (a)); '—' or empty
 *   gives the fejltekst;
 * - status: OVERRIDES first, else the first matching keyword rule in STATUS_RULES,
 *   else 422 (a business-rule violation);
 * - udgaaet: true only when every occurrence of the code is an old (GL) code of a combined
 *   cell or is marked 'udgår' (or via OVERRIDES).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const DATA_PATH = resolve(REPO_ROOT, 'data/fejlkoder.tsv');
export const OUTPUT_PATH = resolve(REPO_ROOT, 'src/domain/fejlkoder.ts');

/** The statuses a fejlkode may map to (design.md section 4; 401/412/500 carry no fejlkode of the specifications). */
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
  9921: { status: 404, reason: 'service-specific (Tilmelding): no future de-registration to remove (like 4677 for the JobnetFlag)' },
  9941: { status: 409, reason: 'service-specific (Borgerbooking planning): a timeslot at that start time exists (a state conflict)' },
  9942: { status: 409, reason: 'service-specific (Borgerbooking planning): fewer seats than bookings and holds take (a state conflict)' },
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
  8111: { status: 404, reason: 'CPR look-up failed; the Danish variant and its successor 99012 say "Ukendt personnummer"' },
  99012: { status: 404, reason: '"Ukendt personnummer" (successor of 8111 in BorgerBooking)' },
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
  9018: { status: 503, reason: 'external booking system not configured/reachable (variant b: "connection ... could not be established")' },
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
  // Service-specific codes (the specifications have none for these rules); kept in the 99xx range.
  {
    kode: 9901,
    fejltekst: 'Too many job agents',
    beskrivelse: 'The citizen already has the maximum number of job agents / saved searches',
  },
  // Tilmelding: RemoveFutureDeregistration when none is registered (the specification lists no code for it).
  {
    kode: 9921,
    fejltekst: 'No future deregistration',
    beskrivelse: 'The person has no registered future deregistration to remove',
  },
  // Borgerbooking: CreateFejlmelding with another origin than 30 (DFDG) or 32 (Jobnet). The specification
  // lists the rule ("Ulovligt system angivet som ophav") with a placeholder instead of a number.
  {
    kode: 9931,
    fejltekst: 'Illegal FejlOphav',
    beskrivelse: 'Only Id 30 - DFDG and Id 32 - Jobnet are legal values for the system where the error originated (Ulovligt system angivet som ophav)',
  },
  // Borgerbooking, the planning API (new operations; the specification has no codes for these rules).
  {
    kode: 9941,
    fejltekst: 'Timeslot already exists',
    beskrivelse: 'The interview option already has a timeslot at this start time',
  },
  {
    kode: 9942,
    fejltekst: 'Fewer seats than taken',
    beskrivelse: 'The number of seats cannot be set below the seats taken by bookings and holds',
  },
];

// ---------------------------------------------------------------------------
// The data file (data/fejlkoder.tsv)
// ---------------------------------------------------------------------------

export interface Variant {
  /** 'a', 'b', ... or undefined when the code has a single text. */
  readonly label: string | undefined;
  readonly text: string;
}

/** One code of the table, with its variants (the three lists have the same labels). */
export interface SourceRow {
  readonly kode: number;
  readonly shortTexts: readonly Variant[];
  readonly descriptions: readonly Variant[];
  readonly occurrences: readonly Variant[];
}

export const DATA_COLUMNS = ['kode', 'variant', 'fejltekst', 'beskrivelse', 'forekommer_i'] as const;

/**
 * The specifications the table was collected from, by the number the team's catalogue gives
 * them, with the short name the data file's forekommer_i column uses.
 */
export const SPECIFICATIONS: Readonly<Record<string, { name: string; title: string }>> = {
  '000': { name: 'UnemploymentEnrollmentService', title: 'UnemploymentEnrollmentService (version 8, 2021-2)' },
  '001': { name: 'REST v1', title: 'REST v1: Jobagent, Tilmelding, TilmeldOgBook' },
  '002': { name: 'CVService', title: 'CVService' },
  '003': { name: 'BorgerBooking', title: 'BorgerBooking / JobnetCitizenStatusService (version 10, 2022-3)' },
  '004': { name: 'CVWorkFlowService', title: 'CVWorkFlowService (version 1, 2020-4)' },
};

const DATA_HEADER = [
  '# The fejlkoder (error codes) of the Jobnet specifications, one line per code and text variant.',
  '#',
  '# Source: the fejlkode tables of the specifications',
  ...Object.values(SPECIFICATIONS).map((s) => `#   - ${s.title}`),
  '# as collected in section 6 ("All error codes") of the team\'s operations catalogue. The texts are',
  '# the specifications\' own (spelling and "STAR Foundation" included); forekommer_i names the',
  '# specification and its operations ("[...]" = an operation without a name of its own);',
  '# "—" means the specification gives no text.',
  '#',
  '# Where a code has different texts in different places, each variant is a line of its own (a, b, ...).',
  '# scripts/generate-fejlkoder.ts turns this file into src/domain/fejlkoder.ts (it picks the English',
  '# variant and assigns the HTTP status); edit this file, then run: npx tsx scripts/generate-fejlkoder.ts',
  '# Columns are separated by one tab.',
];

/** Parses data/fejlkoder.tsv. Throws on anything but the expected layout. */
export function parseData(tsv: string): SourceRow[] {
  const rows: SourceRow[] = [];
  let header = false;
  for (const [i, raw] of tsv.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (!header) {
      if (cells.join('\t') !== DATA_COLUMNS.join('\t')) throw new Error(`fejlkoder data line ${i + 1}: expected the header "${DATA_COLUMNS.join('<tab>')}"`);
      header = true;
      continue;
    }
    const [kode, label, shortText, description, occurrence] = cells;
    if (cells.length !== DATA_COLUMNS.length || !/^\d+$/.test(kode) || !/^[a-z]?$/.test(label)) {
      throw new Error(`fejlkoder data line ${i + 1}: expected ${DATA_COLUMNS.length} tab-separated columns (kode, variant a-z or empty, ...), got: ${line}`);
    }
    if (shortText.trim() === '') throw new Error(`fejlkoder data line ${i + 1}: empty fejltekst`);
    const variant = (text: string): Variant => ({ label: label || undefined, text });
    const last = rows[rows.length - 1];
    if (last && last.kode === Number(kode)) {
      const expected = String.fromCharCode('a'.charCodeAt(0) + last.shortTexts.length);
      if (label !== expected) throw new Error(`fejlkoder data line ${i + 1}: code ${kode} expects variant ${expected}, got "${label}"`);
      (last.shortTexts as Variant[]).push(variant(shortText));
      (last.descriptions as Variant[]).push(variant(description));
      (last.occurrences as Variant[]).push(variant(occurrence));
      continue;
    }
    if (last && last.kode >= Number(kode)) throw new Error(`fejlkoder data line ${i + 1}: codes must be unique and ascending (${kode} after ${last.kode})`);
    if (label !== '' && label !== 'a') throw new Error(`fejlkoder data line ${i + 1}: the first variant of ${kode} must be "a" or empty`);
    rows.push({ kode: Number(kode), shortTexts: [variant(shortText)], descriptions: [variant(description)], occurrences: [variant(occurrence)] });
  }
  if (!header || rows.length === 0) throw new Error('fejlkoder data: no header or no rows');
  for (const row of rows) {
    if (row.shortTexts.length === 1 && row.shortTexts[0].label === 'a') throw new Error(`fejlkoder data: code ${row.kode} has only variant a`);
  }
  return rows;
}

/** The text of data/fejlkoder.tsv for the given rows. Pure; parseData(renderData(rows)) gives rows back. */
export function renderData(rows: readonly SourceRow[]): string {
  const out = [...DATA_HEADER, DATA_COLUMNS.join('\t')];
  for (const row of rows) {
    row.shortTexts.forEach((v, i) => {
      const cells = [String(row.kode), v.label ?? '', v.text, row.descriptions[i].text, row.occurrences[i].text];
      for (const cell of cells) {
        if (/[\t\r\n]/.test(cell)) throw new Error(`fejlkoder data: code ${row.kode} has a tab or line break in "${cell}"`);
      }
      out.push(cells.join('\t'));
    });
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// Importing the catalogue's table (only when asked: --import-catalogue <path>)
// ---------------------------------------------------------------------------

const SECTION_HEADING = /^# 6\.\s+All error codes\s*$/;

/**
 * The rows of the "All error codes" table of a catalogue in markdown, in catalogue order, with
 * the catalogue's document numbers ("000: ...") replaced by the specifications' names.
 * Throws on a malformed table.
 */
export function parseErrorTable(markdown: string): SourceRow[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => SECTION_HEADING.test(l));
  if (start < 0) throw new Error('catalogue: heading "# 6. All error codes" not found');
  let end = lines.findIndex((l, i) => i > start && /^# /.test(l));
  if (end < 0) end = lines.length;

  const rows: SourceRow[] = [];
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
    const row: SourceRow = {
      kode: Number(cells[0]),
      shortTexts: splitVariants(cells[1]),
      descriptions: splitVariants(cells[2]),
      occurrences: splitVariants(cells[3]).map((v) => ({ ...v, text: nameSpecifications(v.text) })),
    };
    const labels = (vs: readonly Variant[]) => vs.map((v) => v.label ?? '').join(',');
    if (labels(row.shortTexts) !== labels(row.descriptions) || labels(row.shortTexts) !== labels(row.occurrences)) {
      throw new Error(`catalogue line ${i + 1}: the variants of code ${row.kode} differ between the columns`);
    }
    rows.push(row);
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

/** "000: A, B; 001: C" -> "UnemploymentEnrollmentService: A, B; REST v1: C". */
function nameSpecifications(occurrence: string): string {
  return occurrence
    .split(';')
    .map((group) =>
      group.replace(/^(\s*)(\d{3}):/, (_m, space: string, nr: string) => {
        const spec = SPECIFICATIONS[nr];
        if (!spec) throw new Error(`catalogue: unknown document number ${nr} in "${occurrence}"`);
        return `${space}${spec.name}:`;
      }),
    )
    .join(';')
    .replace(/\bin seed\b/g, 'in the specification');
}

// ---------------------------------------------------------------------------
// Building the registry
// ---------------------------------------------------------------------------

/** Collapses whitespace and removes the specifications' "STAR Foundation" noise and a dangling " -". */
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

/** True for the Danish short texts ("Der er ikke kontakt med ...", "Ukendt personnummer"). */
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
    .map((group) => group.replace(/^[^:]*:\s*/, ''))
    .flatMap((group) => group.split(/,\s*(?![^(]*\))/))
    .map((op) => op.trim())
    .filter((op) => op.length > 0);
  if (ops.length === 0) return false;
  const gl = new RegExp(`\\b${kode}\\s*\\(GL\\)`);
  return ops.every((op) => /udgår/i.test(op) || gl.test(op));
}

export function buildRegistry(rows: readonly SourceRow[]): GeneratedFejlkode[] {
  const byCode = new Map<number, GeneratedFejlkode>();
  for (const row of rows) {
    if (byCode.has(row.kode)) throw new Error(`fejlkoder data: code ${row.kode} listed twice`);
    const shorts = row.shortTexts.map((v) => ({ ...v, text: cleanText(v.text) })).filter((v) => !isEmptyText(v.text));
    if (shorts.length === 0) throw new Error(`fejlkoder data: code ${row.kode} has no short text`);
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

/** The complete text of src/domain/fejlkoder.ts for the given table. Pure. */
export function renderFejlkoder(rows: readonly SourceRow[]): string {
  const registry = buildRegistry(rows);
  const out: string[] = [];
  out.push(
    '// GENERATED FILE - DO NOT EDIT BY HAND.',
    '// Generated by scripts/generate-fejlkoder.ts from data/fejlkoder.tsv (the fejlkode tables of the specifications).',
    '// Regenerate: npx tsx scripts/generate-fejlkoder.ts',
    '// To change a text or status, edit OVERRIDES (or the rules) in that script and regenerate;',
    '// test/unit/fejlkoder.test.ts fails when this file is stale.',
    '',
    '/** One fejlkode of the specifications: number, texts and the HTTP status it is answered with (design.md section 4). */',
    'export interface Fejlkode {',
    '  readonly kode: number;',
    '  readonly fejltekst: string;',
    '  readonly beskrivelse: string;',
    '  readonly status: number;',
    '  /** Marked deprecated (\'udgår\' / old GL code) in the specifications. */',
    '  readonly udgaaet?: boolean;',
    '}',
    '',
    `/** Every fejlkode of the specifications (${registry.length} codes), by number. */`,
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
  if (argv[0] === '--import-catalogue') {
    if (!argv[1]) throw new Error('usage: generate-fejlkoder.ts --import-catalogue path/to/catalogue.md');
    const rows = parseErrorTable(readFileSync(resolve(process.cwd(), argv[1]), 'utf8'));
    writeFileSync(DATA_PATH, renderData(rows), 'utf8');
    process.stdout.write(`wrote ${DATA_PATH}: ${rows.length} codes\n`);
  } else if (argv.length > 0) {
    throw new Error(`unknown arguments: ${argv.join(' ')} (only --import-catalogue <path>)`);
  }
  const rows = parseData(readFileSync(DATA_PATH, 'utf8'));
  writeFileSync(OUTPUT_PATH, renderFejlkoder(rows), 'utf8');
  const registry = buildRegistry(rows);
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
