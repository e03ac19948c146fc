/**
 * Fictitious demo data. Every CPR is a real calendar date (DDMMYY) followed by four digits
 * and matches the API's CPR pattern; none belongs to a real person as far as we know, and
 * the names are made up. Used by the embedded/demo run, the test database and the docs.
 */
import type { JobagentInput } from '../modules/jobagent/schemas';

export interface DemoCitizen {
  cpr: string;
  fornavn: string;
  efternavn: string;
  /** Date of death (YYYY-MM-DD); a deceased citizen is read-only (fejlkode 4405). */
  doedsdato?: string;
}

export const DEMO_CITIZENS = {
  /** The demo default citizen; owns the two DEMO_JOBAGENTS. */
  anna: { cpr: '0101901234', fornavn: 'Anna', efternavn: 'Andersen' },
  /** Has no job agents. */
  bo: { cpr: '1502851237', fornavn: 'Bo', efternavn: 'Berg' },
  /** Deceased. */
  dorthe: { cpr: '0707451239', fornavn: 'Dorthe', efternavn: 'Dahl', doedsdato: '2025-03-01' },
  /** Born on a leap day (29 February 2000: the 7th digit 4 with YY 00 means the 2000s). */
  erik: { cpr: '2902004236', fornavn: 'Erik', efternavn: 'Eriksen' },
} as const satisfies Record<string, DemoCitizen>;

export type DemoCitizenKey = keyof typeof DEMO_CITIZENS;

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
