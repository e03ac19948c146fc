import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FEJLKODER, fejlkode, isFejlkodenummer, type Fejlkode } from '../../src/domain/fejlkoder';
import {
  ALLOWED_STATUSES,
  DATA_PATH,
  OUTPUT_PATH,
  OVERRIDES,
  parseData,
  parseErrorTable,
  quote,
  renderData,
  renderFejlkoder,
} from '../../scripts/generate-fejlkoder';

const tsv = readFileSync(DATA_PATH, 'utf8');
const entries: Fejlkode[] = Object.values(FEJLKODER);

/** The codes of the data file, read independently of the generator's parser. */
function dataCodes(text: string): number[] {
  return [...new Set([...text.matchAll(/^(\d+)\t/gm)].map((m) => Number(m[1])))];
}

/** Codes the design needs that the specifications lack (added by the generator). */
const ADDED = [1013, 9901, 9921, 9931, 9941, 9942];

describe('fejlkoder data (data/fejlkoder.tsv)', () => {
  it('lives in the repository', () => {
    expect(DATA_PATH).toBe(resolve(__dirname, '../../data/fejlkoder.tsv'));
  });

  it('holds the 303 codes of the specifications, once each, ascending, in its canonical layout', () => {
    const rows = parseData(tsv);
    expect(rows.length).toBe(303);
    expect(rows.map((r) => r.kode)).toEqual(dataCodes(tsv));
    // One spelling of the file: rendering what was parsed gives the file back.
    expect(renderData(rows) === tsv).toBe(true);
  });

  it('names its sources: the specifications, never the seeds', () => {
    for (const spec of ['UnemploymentEnrollmentService', 'REST v1', 'CVService', 'BorgerBooking', 'CVWorkFlowService']) {
      expect(tsv).toContain(spec);
    }
    expect(tsv).not.toMatch(/seed/i);
    for (const row of parseData(tsv)) {
      for (const o of row.occurrences) expect(o.text).toMatch(/^(UnemploymentEnrollmentService|REST v1|CVService|BorgerBooking|CVWorkFlowService): /);
    }
  });

  it('rejects a malformed file', () => {
    const header = 'kode\tvariant\tfejltekst\tbeskrivelse\tforekommer_i';
    expect(() => parseData('1001\t\tInvalid cpr\tx\tREST v1: A\n')).toThrow(/header/);
    expect(() => parseData(`${header}\n1001\t\tInvalid cpr\tx\n`)).toThrow(/columns/);
    expect(() => parseData(`${header}\n1002\t\tA\tx\tREST v1: A\n1001\t\tB\tx\tREST v1: A\n`)).toThrow(/ascending/);
    expect(() => parseData(`${header}\n1001\ta\tA\tx\tREST v1: A\n1001\tc\tB\tx\tREST v1: A\n`)).toThrow(/variant b/);
    expect(() => parseData(`${header}\n1001\ta\tA\tx\tREST v1: A\n`)).toThrow(/only variant a/);
    expect(() => parseData(`${header}\n1001\t\t \tx\tREST v1: A\n`)).toThrow(/empty fejltekst/);
  });
});

describe('fejlkoder registry', () => {
  it('holds every code of the data, plus the added ones, and nothing else', () => {
    const expected = [...new Set([...dataCodes(tsv), ...ADDED])].sort((a, b) => a - b);
    const actual = Object.keys(FEJLKODER).map(Number).sort((a, b) => a - b);
    expect(actual).toEqual(expected);
  });

  it('keys each entry by its own code, in ascending order, with clean texts', () => {
    const keys = Object.keys(FEJLKODER).map(Number);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    for (const [key, f] of Object.entries(FEJLKODER) as [string, Fejlkode][]) {
      expect(f.kode).toBe(Number(key));
      for (const text of [f.fejltekst, f.beskrivelse]) {
        expect(text.trim()).not.toBe('');
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/STAR Foundation|<br|^\([a-z]\)|^—|\s{2}/);
      }
    }
  });

  it('uses only the allowed HTTP statuses', () => {
    const allowed: readonly number[] = ALLOWED_STATUSES;
    for (const f of entries) expect(allowed).toContain(f.status);
  });

  it.each([
    [1001, 400],
    [1014, 400],
    [9158, 400],
    [99000, 400],
    [4575, 403],
    [4511, 403],
    [8291, 403],
    [8292, 403],
    [1013, 403],
    [9901, 409],
    [4375, 422],
    [1010, 404],
    [4589, 404],
    [4768, 404],
    [8108, 404],
    [4404, 404],
    [4316, 409],
    [4767, 409],
    [4819, 409],
    [8273, 409],
    [9220, 409],
    [4823, 409],
    [8236, 503],
    [4769, 503],
    [9292, 503],
    [4405, 422],
    [4598, 422],
  ])('maps %i to HTTP %i', (kode, status) => {
    expect(isFejlkodenummer(kode)).toBe(true);
    expect((FEJLKODER as Record<number, Fejlkode>)[kode].status).toBe(status);
  });

  it('picks the English variant and its description', () => {
    expect(fejlkode(1010).fejltekst).toBe('Unknown cpr');
    expect(fejlkode(1010).beskrivelse).toBe('The submitted cpr is unknown to the system');
    expect(fejlkode(1014).fejltekst).toBe('Failed to validate message');
    expect(fejlkode(4405).fejltekst).toBe('The person with specified cpr is dead');
    expect(fejlkode(4770).fejltekst).toBe('There are no available booking options');
    expect(fejlkode(9303).beskrivelse).toBe('Unhandled error received from the remote system');
    expect(fejlkode(1013).fejltekst).toBe('Insufficient permissions');
  });

  it('only overrides codes that exist', () => {
    for (const kode of Object.keys(OVERRIDES).map(Number)) expect(isFejlkodenummer(kode)).toBe(true);
    expect(isFejlkodenummer(4242)).toBe(false);
  });

  it('is not stale: the committed file equals the generator output from the committed data', () => {
    const committed = readFileSync(OUTPUT_PATH, 'utf8');
    expect(OUTPUT_PATH).toBe(resolve(__dirname, '../../src/domain/fejlkoder.ts'));
    // If this fails, run: npx tsx scripts/generate-fejlkoder.ts
    expect(committed === renderFejlkoder(parseData(tsv))).toBe(true);
  });
});

describe('generate-fejlkoder', () => {
  it('escapes strings for single-quoted literals', () => {
    expect(quote("person's")).toBe("'person\\'s'");
    expect(quote('a\\b\nc')).toBe("'a\\\\b\\nc'");
  });

  it('rejects a catalogue without the error-code section', () => {
    expect(() => parseErrorTable('# 1. Something else\n')).toThrow(/All error codes/);
  });

  it('imports a small catalogue table and renders it', () => {
    const md = [
      '# 6. All error codes',
      '',
      '| code | short text | description | occurs in (seed: operations) |',
      '|---|---|---|---|',
      "| 4405 | (a) The person is dead<br>(b) The person is dead STAR Foundation | (a) Dead person's cpr<br>(b) — | (a) 001: Tilmelding<br>(b) 003: CreateOmbooking |",
      '| 4770 | (a) Der er ikke nogen ledige mødetider<br>(b) There are no available booking options | (a) —<br>(b) None available | (a) 003: X<br>(b) 003: Y |',
      '| 9999 | Something unknown | — | 000: Y [cut off in seed]; 002: Z |',
      '',
      '# 7. Next',
    ].join('\n');
    const rows = parseErrorTable(md);
    const data = renderData(rows);
    expect(data).toContain('\n4405\ta\tThe person is dead\tDead person\'s cpr\tREST v1: Tilmelding\n');
    expect(data).toContain('\n4405\tb\tThe person is dead STAR Foundation\t—\tBorgerBooking: CreateOmbooking\n');
    expect(data).toContain('\n9999\t\tSomething unknown\t—\tUnemploymentEnrollmentService: Y [cut off in the specification]; CVService: Z\n');
    expect(parseData(data)).toEqual(rows);
    const out = renderFejlkoder(rows);
    expect(out).toMatch(/^\/\/ GENERATED FILE/);
    expect(out).toContain("fejltekst: 'The person is dead',\n    beskrivelse: 'Dead person\\'s cpr',\n    status: 422,");
    expect(out).toContain("fejltekst: 'There are no available booking options',\n    beskrivelse: 'None available',");
    expect(out).toContain("fejltekst: 'Something unknown',\n    beskrivelse: 'Something unknown',\n    status: 404,");
    expect(out).toContain('1013: {');
  });
});
