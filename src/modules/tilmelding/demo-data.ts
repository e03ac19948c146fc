/**
 * Tilmelding's demo data: the person facts and enrollments that show the rules on the shared demo
 * citizens (src/domain/demo-citizens.ts; README's citizen table). Dates are relative to the day
 * of the first seed (a future de-registration must lie in the future); rows have fixed ids and
 * are inserted only when missing, so a re-seed changes nothing and API changes survive it.
 */
import type { PrismaClient } from '../../generated/prisma/client';
import { DEMO_CITIZENS } from '../../domain/demo-citizens';
import { systemClock, today } from '../../domain/clock';
import { addDays } from '../../domain/dage';

/** Fixed ids, so tests and docs can refer to them. */
export const DEMO_TILMELDING_IDS = {
  frida: '6a1f0c2e-3b4d-4e5f-8a6b-7c8d9e0f1a01',
  jens: '6a1f0c2e-3b4d-4e5f-8a6b-7c8d9e0f1a02',
  karen: '6a1f0c2e-3b4d-4e5f-8a6b-7c8d9e0f1a03',
} as const;

/** Codes of the seeded code lists (data/kodelister/): Dagpengemodtager, Tilmeldt uden ydelse, Fuldt ledig. */
const DAGPENGEMODTAGER = 1;
const UDEN_YDELSE = 3;
const FULDT_LEDIG = 1;
/** Afmeldingsårsag 'Fået ordinært arbejde'. */
const FAAET_ARBEJDE = 1;

const id = (n: number) => `7b2e1d3f-4c5a-4b6c-9d7e-8f9a0b1c2d${String(n).padStart(2, '0')}`;
const date = (day: string) => new Date(`${day}T00:00:00.000Z`);

export async function seedTilmeldingDemoData(prisma: PrismaClient, dag = today(systemClock)): Promise<void> {
  const c = DEMO_CITIZENS;
  const now = new Date(`${dag}T08:00:00.000Z`);
  // Person facts.
  await prisma.udlandsophold.createMany({
    data: [{ id: id(1), cpr: c.gustav.cpr, fraDato: date(addDays(dag, -200)), tilDato: null }],
    skipDuplicates: true,
  });
  await prisma.midlertidigUdenlandskAdresse.createMany({
    data: [{ id: id(2), cpr: c.lise.cpr, landekode: 'SE', fraDato: date(addDays(dag, -10)), tilDato: date(addDays(dag, 60)) }],
    skipDuplicates: true,
  });
  await prisma.fravaer.createMany({
    data: [{ id: id(3), cpr: c.ib.cpr, fravaerstype: 'Sygdom', startdato: date(addDays(dag, -20)), slutdato: null }],
    skipDuplicates: true,
  });
  // The a-kasse memberships are seeded with the citizens (src/db/seed.ts): the CV reads them too.

  // Enrollments: Frida (by the job centre), Jens (with a future de-registration), Karen (from Jobnet, JobnetFlag).
  const start = date(addDays(dag, -45));
  const perioder = [
    { id: DEMO_TILMELDING_IDS.frida, cpr: c.frida.cpr, klientkategori: DAGPENGEMODTAGER, kilde: 'Jobcenter', jobnetFlag: false, afmeldingsdato: null },
    {
      id: DEMO_TILMELDING_IDS.jens,
      cpr: c.jens.cpr,
      klientkategori: UDEN_YDELSE,
      kilde: 'Jobcenter',
      jobnetFlag: false,
      afmeldingsdato: date(addDays(dag, 14)),
      afmeldingsaarsag: FAAET_ARBEJDE,
    },
    { id: DEMO_TILMELDING_IDS.karen, cpr: c.karen.cpr, klientkategori: DAGPENGEMODTAGER, kilde: 'Jobnet', jobnetFlag: true, afmeldingsdato: null },
  ];
  await prisma.tilmelding.createMany({
    data: perioder.map((p) => ({
      ledighedsgrad: FULDT_LEDIG,
      tilmeldingsdato: start,
      oprettet: now,
      opdateret: now,
      afmeldingsaarsag: null,
      ...p,
    })),
    skipDuplicates: true,
  });
  const aktoer = (kilde: string) =>
    kilde === 'Jobnet'
      ? { aktoerRolle: 'borger', aktoerSubjekt: 'demo-borger', kildesystem: 'Jobnet' }
      : { aktoerRolle: 'jobcenter', aktoerSubjekt: 'demo-jobcenter', kildesystem: 'Jobcenter' };
  await prisma.tilmeldingHaendelse.createMany({
    data: [
      ...perioder.map((p, i) => ({
        id: id(20 + i),
        tilmeldingId: p.id,
        haendelse: 'Tilmeldt',
        ...aktoer(p.kilde),
        haendelsesdato: start,
        registreret: new Date(start.getTime() + 9 * 3_600_000),
        beskedId: id(30 + i),
      })),
      {
        id: id(40),
        tilmeldingId: DEMO_TILMELDING_IDS.jens,
        haendelse: 'FremtidigAfmeldingRegistreret',
        ...aktoer('Jobcenter'),
        aarsag: FAAET_ARBEJDE,
        haendelsesdato: date(dag),
        registreret: now,
        beskedId: id(41),
        detaljer: { afmeldingsdato: addDays(dag, 14) },
      },
    ],
    skipDuplicates: true,
  });
}
