/** Demo job wishes ("Jeg søger job som"): Frida (already enrolled) and Karen (enrolled from Jobnet). */
import type { PrismaClient } from '../../generated/prisma/client';
import { DEMO_CITIZENS } from '../../domain/demo-citizens';
import { EKSEMPEL_CONCEPT_URI } from './joboensker';

/** Lagerarbejder (alias Lagermedarbejder). */
const LAGERARBEJDER = 'http://data.star.dk/esco/occupation/70c66995-f335-5532-8455-a295c3a14018';
const BUTIKSASSISTENT = 'http://data.star.dk/esco/occupation/4ad21d0e-f70a-5d9f-93f8-ec74401de8d5';

interface DemoJoboenske {
  cpr: string;
  conceptUriDa: string;
  harUddannelse: boolean;
  aarSidstBrugt: number | null;
  maanederMedErfaring: number | null;
  jobTargetIdentifier: string;
  position: number;
}

/** Fixed ids, so docs and tests can refer to them. */
export const DEMO_JOBOENSKER: readonly DemoJoboenske[] = [
  { cpr: DEMO_CITIZENS.frida.cpr, conceptUriDa: LAGERARBEJDER, harUddannelse: false, aarSidstBrugt: 2025, maanederMedErfaring: 48, jobTargetIdentifier: '5a0c1f7e-2b3d-4e6f-8a9b-0c1d2e3f4a01', position: 0 },
  { cpr: DEMO_CITIZENS.frida.cpr, conceptUriDa: BUTIKSASSISTENT, harUddannelse: true, aarSidstBrugt: 2021, maanederMedErfaring: 30, jobTargetIdentifier: '5a0c1f7e-2b3d-4e6f-8a9b-0c1d2e3f4a02', position: 1 },
  { cpr: DEMO_CITIZENS.karen.cpr, conceptUriDa: EKSEMPEL_CONCEPT_URI, harUddannelse: true, aarSidstBrugt: 2026, maanederMedErfaring: 60, jobTargetIdentifier: '5a0c1f7e-2b3d-4e6f-8a9b-0c1d2e3f4a03', position: 0 },
];

/**
 * Inserts the demo job wishes of a demo citizen who has none yet (so wishes replaced through the API
 * survive a re-seed). Idempotent.
 */
export async function seedJoboenskerDemoData(prisma: PrismaClient): Promise<void> {
  for (const cpr of new Set(DEMO_JOBOENSKER.map((j) => j.cpr))) {
    const rows = DEMO_JOBOENSKER.filter((j) => j.cpr === cpr);
    await prisma.$executeRaw`
      INSERT INTO joboenske (cpr, "conceptUriDa", "harUddannelse", "aarSidstBrugt", "maanederMedErfaring", "jobTargetIdentifier", position)
      SELECT ${cpr}, i.uri, i.har, i.aar, i.mdr, i.target, i.pos
      FROM unnest(${rows.map((r) => r.conceptUriDa)}::varchar[], ${rows.map((r) => r.harUddannelse)}::boolean[],
                  ${rows.map((r) => r.aarSidstBrugt)}::smallint[], ${rows.map((r) => r.maanederMedErfaring)}::integer[],
                  ${rows.map((r) => r.jobTargetIdentifier)}::uuid[], ${rows.map((r) => r.position)}::smallint[]) AS i(uri, har, aar, mdr, target, pos)
      WHERE EXISTS (SELECT 1 FROM borger WHERE cpr = ${cpr})
        AND NOT EXISTS (SELECT 1 FROM joboenske WHERE cpr = ${cpr})`;
  }
}
