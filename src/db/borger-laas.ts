import { Prisma } from '../generated/prisma/client';

/**
 * The citizen's lock: their borger row, FOR UPDATE. Every write of the citizen's job wishes
 * (ReplaceJoboensker, Tilmelding with job wishes) takes it first, in a statement of its own within
 * its transaction, so such writes of one citizen apply one after the other and each sees what the
 * previous one committed (docs/write-pattern.md, "The citizen's lock").
 */
export function borgerLaasStatement(cpr: string): Prisma.Sql {
  return Prisma.sql`SELECT cpr FROM borger WHERE cpr = ${cpr} FOR UPDATE`;
}
