/** Jobagent's demo data: Anna's two job agents (the citizens are in domain/demo-citizens.ts). */
import type { PrismaClient, Prisma } from '../../generated/prisma/client';
import { DEMO_CITIZENS } from '../../domain/demo-citizens';
import type { JobagentInput } from './schemas';

export interface DemoJobagent {
  id: string;
  cpr: string;
  titel: string;
  /** Lower-cased; null for a plain saved search. */
  email: string | null;
  emailVerificeret: boolean;
  udsendelsesinterval: string | null;
  smsNotifikation: boolean;
  /** Typed by the API schema, so demo data cannot drift from what the API serves. */
  soegeparametre: JobagentInput['soegeparametre'];
}

/** Fixed ids, so tests and docs can refer to them. */
export const DEMO_JOBAGENT_IDS = {
  annaAutomatisk: '3f2b8c1e-6d4a-4e8b-9c1a-2b7d5e8f9a01',
  annaGemtSoegning: '7c9e4a2b-1f3d-4b6a-8e5c-0d2f4a6b8c02',
} as const;

export const DEMO_JOBAGENTS: readonly DemoJobagent[] = [
  {
    // An automatic job agent: has an e-mail address and a dispatch interval.
    id: DEMO_JOBAGENT_IDS.annaAutomatisk,
    cpr: DEMO_CITIZENS.anna.cpr,
    titel: 'Lagermedarbejder, deltid',
    email: 'anna.andersen@example.dk',
    emailVerificeret: true,
    udsendelsesinterval: 'Dagligt',
    smsNotifikation: false,
    soegeparametre: {
      geografi: {
        region: ['Hovedstaden'],
        afstand: { maxAfstand: 25, fraPostnummer: 2100 },
      },
      arbejdsomraade: {
        stillingsbetegnelser: [
          {
            conceptUriDa: 'http://data.star.dk/esco/occupation/1234',
            aliasIdentifier: '5d8e2f1a-9b3c-4d7e-a6f0-1c2b3d4e5f03',
          },
        ],
      },
      arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 15, deltidMaxTimer: 30 },
    },
  },
  {
    // A plain saved search: no e-mail, so nothing is sent.
    id: DEMO_JOBAGENT_IDS.annaGemtSoegning,
    cpr: DEMO_CITIZENS.anna.cpr,
    titel: 'Gemt søgning: lager',
    email: null,
    emailVerificeret: false,
    udsendelsesinterval: null,
    smsNotifikation: false,
    soegeparametre: {
      geografi: { region: ['Hovedstaden'] },
    },
  },
];

/**
 * Inserts the demo job agents that are missing (ON CONFLICT DO NOTHING by primary key) and
 * recounts the demo citizens' job agent counters, so deleted demo rows come back.
 */
export async function seedJobagentDemoData(prisma: PrismaClient): Promise<void> {
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
  const cprs = Object.values(DEMO_CITIZENS).map((c) => c.cpr);
  await prisma.$executeRaw`
    UPDATE borger b SET "antalJobagenter" = (SELECT count(*)::int FROM jobagent j WHERE j.cpr = b.cpr)
    WHERE b.cpr = ANY(${cprs})`;
}
