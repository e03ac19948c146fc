import { ApiError, type RuleViolation } from './errors';

/**
 * Several rule violations answered together (e.g. every broken job wish of a request). The
 * status is the lowest of theirs (400 malformed before 404 unknown before 409 conflict before 422
 * rule), title and detail come from the first violation with that status. `fejl` lists that
 * violation first, then the others in the order given (the rules' reporting order, which Tilmelding
 * and KanTilmelde share), so the problem's `type`, which names the first entry's fejlkode, always
 * agrees with its status, title and detail. The problem body shows the first 20 and counts all in
 * `antalFejl`.
 */
export class RuleViolations extends ApiError {
  constructor(readonly violations: readonly RuleViolation[]) {
    if (violations.length === 0) throw new Error('RuleViolations needs at least one violation');
    const status = Math.min(...violations.map((v) => v.status));
    const lead = violations.find((v) => v.status === status)!;
    const rest = violations.filter((v) => v !== lead);
    super(status, lead.title, lead.detail, [lead, ...rest].flatMap((v) => v.fejl));
    this.name = 'RuleViolations';
  }
}

/** Throws the violation, or all of them together; does nothing for none. */
export function throwViolations(violations: readonly RuleViolation[]): void {
  if (violations.length === 1) throw violations[0];
  if (violations.length > 1) throw new RuleViolations(violations);
}
