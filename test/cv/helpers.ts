/**
 * Helpers of the CV tests: fresh citizens with a Jobnet account, registry facts and (optionally)
 * a CV, and calls with tokens of every role.
 */
import { tokenFor } from '../helpers/app';
import { createAkasseMedlemskab, createCitizen, createJobnetKonto, testPrisma } from '../helpers/db';
import type { Role } from '../../src/domain/access';
import type { Ydelsesgruppe } from '../../src/modules/cv/kodelister';

export const BASE = '/v1/CV';

export interface Setup {
  /** No Jobnet account (no jobnet_konto row). */
  utenKonto?: boolean;
  kommunekode?: string;
  /** The a-kasse the citizen is a member of (an akasse_medlemskab row); null: none. Default 1001. */
  akasse?: string | null;
  ydelsesgruppe?: Ydelsesgruppe | null;
  kontaktgruppe?: number | null;
  doed?: boolean;
  /** No cv_stamdata row. */
  utenStamdata?: boolean;
}

export interface TestCitizen {
  cpr: string;
  cvNummer: string;
}

/** A fresh citizen: Jobnet account with a unique CV number, registry facts (municipality 751, a-kasse 1001). */
export async function createCvCitizen(setup: Setup = {}): Promise<TestCitizen> {
  const b = await createCitizen({ fornavn: 'Søren', efternavn: 'Østergård', ...(setup.doed ? { doedsdato: '2025-01-01' } : {}) });
  const prisma = testPrisma();
  if (setup.kontaktgruppe !== undefined) await prisma.borger.update({ where: { cpr: b.cpr }, data: { kontaktgruppe: setup.kontaktgruppe } });
  const cvNummer = setup.utenKonto ? '' : await createJobnetKonto(b.cpr);
  const akasse = setup.akasse === undefined ? '1001' : setup.akasse;
  if (akasse) await createAkasseMedlemskab(b.cpr, { akasseNummer: akasse });
  if (!setup.utenStamdata) {
    await prisma.cvStamdata.create({
      data: {
        cpr: b.cpr,
        kommunekode: setup.kommunekode ?? '751',
        kommunenavn: 'Aarhus',
        ydelsesgruppe: setup.ydelsesgruppe === undefined ? 'Andet' : setup.ydelsesgruppe,
        adresselinje: 'Åboulevarden 1',
        postnummer: '8000',
        postdistrikt: 'Aarhus C',
      },
    });
  }
  return { cpr: b.cpr, cvNummer };
}

/** A token of each role; job centre of municipality 751 and a-kasse 1001 unless told otherwise. */
export function token(role: Role, opts: { cpr?: string; org?: string; scope?: string } = {}): string {
  const org = opts.org ?? (role === 'jobcenter' ? '751' : role === 'a-kasse' ? '1001' : role === 'anden-aktoer' ? 'AA-42' : undefined);
  return tokenFor({ role, ...(opts.cpr ? { cpr: opts.cpr } : {}), ...(org ? { org } : {}), ...(opts.scope !== undefined ? { scope: opts.scope } : {}) });
}

export { callV1 as call, expectProblem, type Method } from '../helpers/api';

/**
 * Waits until every transaction that was open when it was called has ended. GetCVList returns only events of
 * finished transactions (the horizon is the server's oldest open transaction, docs/cv-feeds.md), and the
 * other Jest worker shares the server: a test that reads what it just wrote waits for the horizon first.
 */
export async function awaitFeedHorizon(maxMs = 20_000): Promise<void> {
  const [{ xmax }] = await testPrisma().$queryRaw<{ xmax: string }[]>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`;
  const deadline = Date.now() + maxMs;
  for (;;) {
    const [{ passed }] = await testPrisma().$queryRaw<{ passed: boolean }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ${xmax}::xid8 AS passed`;
    if (passed) return;
    if (Date.now() > deadline) throw new Error(`a transaction stayed open for ${maxMs} ms: the feed horizon did not pass`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
