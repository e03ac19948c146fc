import { fejlkode, type Fejlkodenummer } from './fejlkoder';

/** One entry of the problem body's `fejl` list. `felt` is a JSON pointer into the request. */
export interface FejlEntry {
  fejlkode: number;
  fejltekst: string;
  beskrivelse: string;
  felt?: string;
}

/**
 * An error that becomes an application/problem+json response (RFC 9457).
 * Services throw RuleViolation; the HTTP layer throws ApiError for the few
 * answers that have no fejlkode (401, 412, 429).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fejl: FejlEntry[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export function fejlEntry(kode: Fejlkodenummer, felt?: string): FejlEntry {
  const f = fejlkode(kode);
  return { fejlkode: f.kode, fejltekst: f.fejltekst, beskrivelse: f.beskrivelse, ...(felt ? { felt } : {}) };
}

/** A business-rule violation named by its fejlkode; status and texts come from the registry. */
export class RuleViolation extends ApiError {
  constructor(
    readonly kode: Fejlkodenummer,
    options: { felt?: string; detail?: string } = {},
  ) {
    const f = fejlkode(kode);
    super(f.status, f.fejltekst, options.detail ?? f.beskrivelse, [fejlEntry(kode, options.felt)]);
    this.name = 'RuleViolation';
  }
}
