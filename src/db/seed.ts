import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_AKASSER, DEMO_CITIZENS, type DemoCitizen } from '../domain/demo-citizens';

/** Fixed ids of the demo a-kasse memberships (those of Anna, Frida, Jens and Karen are the ones Tilmelding seeded before). */
const MEDLEMSKAB_IDS: Partial<Record<keyof typeof DEMO_CITIZENS, string>> = {
  anna: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d10',
  frida: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d11',
  jens: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d12',
  karen: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d13',
  hanne: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d15',
  ib: '7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d16',
};
/** Forsikringskategori 'Heltidsforsikret' (data/kodelister/). */
const HELTIDSFORSIKRET = 1;

/**
 * Inserts the demo citizens and their Jobnet accounts that are missing (INSERT ... ON CONFLICT
 * DO NOTHING by primary key). Idempotent; rows that exist are left as they are, so changes made
 * through the API survive a re-seed. Each area seeds its own demo data after this
 * (src/modules/demo-data.ts). Also the facts several areas read: the a-kasse memberships
 * (akasse_medlemskab; a citizen who has any membership row already gets none, so a database
 * migrated from the CV's own a-kasse column gets no second one).
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
  const medlemmer = (Object.entries(DEMO_CITIZENS) as [keyof typeof DEMO_CITIZENS, DemoCitizen][]).flatMap(([key, c]) =>
    c.akasse && MEDLEMSKAB_IDS[key] ? [{ id: MEDLEMSKAB_IDS[key]!, cpr: c.cpr, ...DEMO_AKASSER[c.akasse] }] : [],
  );
  await prisma.$executeRaw`
    INSERT INTO akasse_medlemskab (id, cpr, "akasseNummer", "akasseNavn", forsikringskategori, "fraDato", "tilDato")
    SELECT d.id, d.cpr, d.nummer, d.navn, ${HELTIDSFORSIKRET}::smallint, '2015-01-01'::date, NULL
    FROM unnest(${medlemmer.map((m) => m.id)}::uuid[], ${medlemmer.map((m) => m.cpr)}::bpchar[],
                ${medlemmer.map((m) => m.nummer)}::varchar[], ${medlemmer.map((m) => m.navn)}::varchar[]) AS d(id, cpr, nummer, navn)
    WHERE NOT EXISTS (SELECT 1 FROM akasse_medlemskab m WHERE m.cpr = d.cpr)
    ON CONFLICT (id) DO NOTHING`;
}
