import type { PrismaClient, Prisma } from '../generated/prisma/client';
import { DEMO_CITIZENS, DEMO_JOBAGENTS, type DemoCitizen } from './demo-data';

/**
 * Inserts the demo citizens and job agents that are missing (INSERT ... ON CONFLICT DO
 * NOTHING by primary key). Idempotent: a second run inserts nothing, updates nothing (no
 * `opdateret` bump) and does not fail. Rows that exist are left as they are, so changes
 * made through the API survive a re-seed; deleted demo rows come back (and the demo citizens'
 * job agent counters are recounted).
 */
export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  const citizens: DemoCitizen[] = Object.values(DEMO_CITIZENS);
  await prisma.borger.createMany({
    data: citizens.map((c) => ({
      cpr: c.cpr,
      fornavn: c.fornavn,
      efternavn: c.efternavn,
      doedsdato: c.doedsdato ? new Date(`${c.doedsdato}T00:00:00.000Z`) : null,
    })),
    skipDuplicates: true,
  });
  await prisma.jobagent.createMany({
    data: DEMO_JOBAGENTS.map((a) => ({
      id: a.id,
      cpr: a.cpr,
      titel: a.titel,
      email: a.email,
      emailVerificeret: a.emailVerificeret,
      udsendelsesinterval: a.udsendelsesinterval,
      smsNotifikation: a.smsNotifikation,
      soegeparametre: a.soegeparametre as Prisma.InputJsonObject,
    })),
    skipDuplicates: true,
  });
  // The job agent counter (borger.antalJobagenter) must equal the rows, also after a re-seed.
  const cprs = citizens.map((c) => c.cpr);
  await prisma.$executeRaw`
    UPDATE borger b SET "antalJobagenter" = (SELECT count(*)::int FROM jobagent j WHERE j.cpr = b.cpr)
    WHERE b.cpr = ANY(${cprs})`;
}
