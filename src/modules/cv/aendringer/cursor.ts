import { RuleViolation } from '../../../domain/errors';

/**
 * The change feed's cursor: a position (xid, id) in the event log, where xid is the writing
 * transaction's id (xid8) and id the event's serial. Opaque to clients: base64url of "v1.<xid>.<id>".
 * docs/cv-feeds.md explains why (xid, id) and not the time or the id alone.
 */
export interface Position {
  xid: bigint;
  id: bigint;
}

export const START: Position = { xid: 0n, id: 0n };
const MAX_XID = (1n << 64n) - 1n;
const MAX_ID = (1n << 63n) - 1n;

export function encodeCursor(p: Position): string {
  return Buffer.from(`v1.${p.xid}.${p.id}`, 'utf8').toString('base64url');
}

/** The position of a cursor; 400/1014 on `felt` when it is not one this service wrote. */
export function decodeCursor(cursor: string, felt = '/querystring/efter'): Position {
  const bad = () => new RuleViolation(1014, { felt, detail: 'The cursor is not valid: use the naesteMarkoer of an earlier answer, or leave it out to start from the beginning' });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw bad();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^v1\.(0|[1-9][0-9]{0,19})\.(0|[1-9][0-9]{0,18})$/.exec(text);
  if (!m || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw bad();
  const xid = BigInt(m[1]!);
  const id = BigInt(m[2]!);
  if (xid > MAX_XID || id > MAX_ID) throw bad();
  return { xid, id };
}
