import type { PrismaClient } from '../generated/prisma/client';
import { RuleViolation } from '../domain/errors';

export type Db = Pick<PrismaClient, '$queryRaw'>;

/** What the rules ask of a citizen: null when unknown, else whether they are deceased. */
export type BorgerStatus = { doed: boolean } | null;

/**
 * The citizen's status in one small read. Writes check the citizen inside their own statement
 * (docs/write-pattern.md) and read this only on the failure path, to name the rule that failed.
 */
export async function readBorgerStatus(db: Db, cpr: string): Promise<BorgerStatus> {
  const rows = await db.$queryRaw<{ doed: boolean }[]>`SELECT doedsdato IS NOT NULL AS doed FROM borger WHERE cpr = ${cpr}`;
  return rows[0] ?? null;
}

/** 404/1010: the CPR is not a known citizen. */
export const unknownCitizen = () => new RuleViolation(1010, { felt: '/headers/x-civilRegistrationIdentifier' });

/** 404/1010 unless the citizen is known. */
export function requireKnown(status: BorgerStatus): asserts status is { doed: boolean } {
  if (!status) throw unknownCitizen();
}

/** A citizen must be known (404/1010) and alive (422/4405) to have data written. */
export function requireLiving(status: BorgerStatus): void {
  requireKnown(status);
  if (status.doed) throw new RuleViolation(4405);
}
