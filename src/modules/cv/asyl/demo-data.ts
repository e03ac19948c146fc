import type { PrismaClient } from '../../../generated/prisma/client';
import { DEMO_CITIZENS } from '../../../domain/demo-citizens';

/**
 * Mads (a refugee) has an asylum transition: the municipality took over on 1 March 2026, could
 * start on the CV from 1 February 2026, and the job centre may edit his CV until 31 December 2026.
 * Idempotent (ON CONFLICT DO NOTHING): a second run changes nothing.
 */
export const MADS_ASYLOVERGANG = {
  overgangsdato: '2026-03-01',
  cvRedigeringSlutdato: '2026-12-31',
  tidligCvOvergangsdato: '2026-02-01',
  tidligIntegrationskontraktOvergangsdato: '2026-02-15',
  overgangskommune: '751',
} as const;

export async function seedAsylovergangDemoData(prisma: PrismaClient): Promise<void> {
  const m = MADS_ASYLOVERGANG;
  await prisma.$executeRaw`
    INSERT INTO asyl_overgang (cpr, overgangsdato, "cvRedigeringSlutdato", "tidligCvOvergangsdato",
      "tidligIntegrationskontraktOvergangsdato", overgangskommune)
    VALUES (${DEMO_CITIZENS.mads.cpr}, ${m.overgangsdato}::date, ${m.cvRedigeringSlutdato}::date, ${m.tidligCvOvergangsdato}::date,
      ${m.tidligIntegrationskontraktOvergangsdato}::date, ${m.overgangskommune})
    ON CONFLICT (cpr) DO NOTHING`;
}
