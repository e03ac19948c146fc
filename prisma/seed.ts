/**
 * npm run seed   (also `prisma db seed`, via prisma.config.ts)
 *
 * Applies pending migrations (src/db/migrate.ts, same bookkeeping as `prisma migrate
 * deploy`), then inserts the missing demo data (src/modules/demo-data.ts). Idempotent.
 * Reads DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/jobnet, as prisma.config.ts).
 */
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient } from '../src/db/client';
import { seedDemoData } from '../src/modules/demo-data';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/jobnet';
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const applied = await applyMigrations(url, (m) => console.log(`migrate: ${m}`));
  console.log(applied.length ? `Applied ${applied.length} migration(s) to ${safeUrl}` : `Migrations up to date on ${safeUrl}`);
  const prisma = createPrismaClient({ url, poolSize: 2 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }
  console.log('Demo data seeded.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
