import type { PrismaClient } from '../generated/prisma/client';
import { seedJoboenskerDemoData } from './tilmelding/joboensker-demo-data';
import { seedDemoCitizens } from '../db/seed';
import { seedJobagentDemoData } from './jobagent/demo-data';
import { seedTilmeldingDemoData } from './tilmelding/demo-data';
import { seedCvDemoData } from './cv/demo-data';
import { seedAsylovergangDemoData } from './cv/asyl/demo-data';
import { seedBorgerbookingDemoData } from './borgerbooking/demo-data';
import { systemClock, type Clock } from '../domain/clock';

/**
 * The demo data of the embedded default, the test database and the docs: the shared demo
 * citizens first, then each area's own rows. Idempotent: a second run inserts nothing and
 * changes nothing (Borgerbooking adds the slots of days that have come into its window).
 * `clock`: today for the data relative to today (the app's injected clock).
 */
export async function seedDemoData(prisma: PrismaClient, clock: Clock = systemClock): Promise<void> {
  await seedDemoCitizens(prisma);
  await seedJoboenskerDemoData(prisma);
  await seedJobagentDemoData(prisma);
  await seedTilmeldingDemoData(prisma);
  await seedCvDemoData(prisma);
  await seedAsylovergangDemoData(prisma);
  await seedBorgerbookingDemoData(prisma, clock);
}
