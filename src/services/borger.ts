import type { PrismaClient } from '../generated/prisma/client';
import { RuleViolation } from '../domain/errors';

export type Db = Pick<PrismaClient, 'borger'>;

/** The citizen, or 404/1010. */
export async function requireBorger(db: Db, cpr: string) {
  const borger = await db.borger.findUnique({ where: { cpr } });
  if (!borger) throw new RuleViolation(1010, { felt: '/headers/x-civilRegistrationIdentifier' });
  return borger;
}

/** The citizen, who must be alive to have data written: 404/1010 or 422/4405. */
export async function requireLivingBorger(db: Db, cpr: string) {
  const borger = await requireBorger(db, cpr);
  if (borger.doedsdato) throw new RuleViolation(4405);
  return borger;
}
