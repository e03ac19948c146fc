import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_CITIZENS, type DemoCitizen } from '../domain/demo-citizens';

/**
 * Inserts the demo citizens and their Jobnet accounts that are missing (INSERT ... ON CONFLICT
 * DO NOTHING by primary key). Idempotent; rows that exist are left as they are, so changes made
 * through the API survive a re-seed. Each area seeds its own demo data after this
 * (src/modules/demo-data.ts).
 */
export async function seedDemoCitizens(prisma: PrismaClient): Promise<void> {
  const citizens: DemoCitizen[] = Object.values(DEMO_CITIZENS);
  await prisma.borger.createMany({
    data: citizens.map((c) => ({
      cpr: c.cpr,
      fornavn: c.fornavn,
      efternavn: c.efternavn,
      doedsdato: c.doedsdato ? new Date(`${c.doedsdato}T00:00:00.000Z`) : null,
      kontaktgruppe: c.kontaktgruppe ?? null,
    })),
    skipDuplicates: true,
  });
  await prisma.jobnetKonto.createMany({
    data: citizens.flatMap((c) => (c.cvNummer ? [{ cpr: c.cpr, cvNummer: c.cvNummer }] : [])),
    skipDuplicates: true,
  });
}
