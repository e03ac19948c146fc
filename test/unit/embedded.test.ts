/**
 * Embedded PostgreSQL (PGlite over pglite-socket): start in memory, migrate with the same
 * bookkeeping as prisma migrate deploy, seed, read through Prisma + adapter-pg, stop; and
 * a data directory that persists across restarts.
 *
 * startEmbeddedPostgres runs in a child process (test/helpers/embedded.ts): PGlite cannot
 * be loaded inside Jest. Everything else (migrations, Prisma) runs here, over TCP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgresProcess, type EmbeddedPostgresProcess } from '../helpers/embedded';
import { applyMigrations } from '../../src/db/migrate';
import { createPrismaClient } from '../../src/db/client';
import { seedDemoData } from '../../src/modules/demo-data';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { DEMO_JOBAGENTS, DEMO_JOBAGENT_IDS } from '../../src/modules/jobagent/demo-data';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { DEMO_GENERATED_CVS } from '../../src/modules/cv/generator/demo';
import { eventPageSql } from '../../src/modules/cv/aendringer/service';
import { START } from '../../src/modules/cv/aendringer/cursor';

describe('embedded PostgreSQL (PGlite)', () => {
  let pgl: EmbeddedPostgresProcess | undefined;
  let prisma: PrismaClient | undefined;

  beforeAll(async () => {
    pgl = await startEmbeddedPostgresProcess({ maxConnections: 5 });
  }, 30_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await pgl?.stop();
  });

  it('starts on a free 127.0.0.1 port with a postgresql:// URL', () => {
    expect(pgl!.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres/);
  });

  it('applies the migrations (once)', async () => {
    const applied = await applyMigrations(pgl!.url);
    expect(applied.length).toBeGreaterThan(0);
    expect(await applyMigrations(pgl!.url)).toEqual([]);
  });

  it('seeds the demo data idempotently and serves it through Prisma with the pg adapter', async () => {
    prisma = createPrismaClient({ url: pgl!.url, poolSize: 3 });
    await seedDemoData(prisma);
    const firstAgents = await prisma.jobagent.findMany({ orderBy: { id: 'asc' } });
    await seedDemoData(prisma); // second run: no change, no failure
    expect(await prisma.jobagent.findMany({ orderBy: { id: 'asc' } })).toEqual(firstAgents);
    expect(await prisma.borger.count()).toBe(Object.keys(DEMO_CITIZENS).length + DEMO_GENERATED_CVS);
    // The change feed's cursor query runs on PGlite: xid8, pg_current_xact_id and the snapshot horizon.
    const page = await prisma.$queryRaw<{ id: string; xid: string }[]>(eventPageSql(START, 5, {}));
    expect(page).toHaveLength(5);
    const next = await prisma.$queryRaw<{ id: string }[]>(eventPageSql({ xid: BigInt(page[4]!.xid), id: BigInt(page[4]!.id) }, 5, {}));
    expect(next.map((r) => r.id)).not.toContain(page[4]!.id);

    const anna = await prisma.borger.findUniqueOrThrow({
      where: { cpr: DEMO_CITIZENS.anna.cpr },
      include: { jobagenter: { orderBy: { titel: 'asc' } } },
    });
    expect(anna).toMatchObject({ fornavn: 'Anna', efternavn: 'Andersen', doedsdato: null });
    expect(anna.jobagenter).toHaveLength(DEMO_JOBAGENTS.length);
    const automatic = anna.jobagenter.find((a) => a.id === DEMO_JOBAGENT_IDS.annaAutomatisk)!;
    expect(automatic).toMatchObject({
      email: 'anna.andersen@example.dk',
      emailVerificeret: true,
      udsendelsesinterval: 'Dagligt',
      smsNotifikation: false,
    });
    expect(automatic.soegeparametre).toMatchObject({
      geografi: { region: ['Hovedstaden'], afstand: { maxAfstand: 25, fraPostnummer: 2100 } },
      arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 15, deltidMaxTimer: 30 },
    });

    const dorthe = await prisma.borger.findUniqueOrThrow({ where: { cpr: DEMO_CITIZENS.dorthe.cpr } });
    expect(dorthe.doedsdato?.toISOString()).toBe('2025-03-01T00:00:00.000Z');

    // Time zone is UTC: now() round-trips without an offset shift.
    const [{ tz }] = await prisma.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(tz).toBe('UTC');
    expect(Math.abs(anna.oprettet.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('stops cleanly', async () => {
    await prisma?.$disconnect();
    prisma = undefined;
    expect(await pgl!.stop()).toBe(0);
    pgl = undefined;
  });
});

describe('embedded PostgreSQL with a data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobnet-pglite-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps migrations and data across restarts', async () => {
    const first = await startEmbeddedPostgresProcess({ dataDir });
    try {
      expect((await applyMigrations(first.url)).length).toBeGreaterThan(0);
      const prisma = createPrismaClient({ url: first.url, poolSize: 2 });
      try {
        await seedDemoData(prisma);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startEmbeddedPostgresProcess({ dataDir });
    try {
      expect(await applyMigrations(second.url)).toEqual([]);
      const prisma = createPrismaClient({ url: second.url, poolSize: 2 });
      try {
        expect(await prisma.jobagent.count({ where: { cpr: DEMO_CITIZENS.anna.cpr } })).toBe(2);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 30_000);
});
