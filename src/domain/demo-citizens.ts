/**
 * Fictitious demo citizens, shared by every area's demo data. Every CPR is a real calendar
 * date (DDMMYY) followed by four digits, in the century its 7th digit implies, and matches
 * the API's CPR pattern; none belongs to a real person as far as we know, and the names are
 * made up. Used by the embedded/demo run, the test database, the docs and README's table.
 *
 * An area's own demo data (job agents, enrollments, CVs, bookings) lives in its module and
 * refers to these citizens; the facts below are what several areas read.
 */
export interface DemoCitizen {
  cpr: string;
  fornavn: string;
  efternavn: string;
  /** Date of death (YYYY-MM-DD); a deceased citizen is read-only (fejlkode 4405). */
  doedsdato?: string;
  /** The Jobnet CV account's 8-digit CV number (CvCustomerIdentifier); none: no Jobnet account. */
  cvNummer?: string;
  /** Contact group (kontaktgruppe) from the job centre's systems; decides what an a-kasse may do (9009). */
  kontaktgruppe?: number;
  /**
   * The a-kasse the citizen is a member of (akasse_medlemskab: Heltidsforsikret since 2015, open-ended);
   * read by Tilmelding's a-kasse rules and by the CV's a-kasse access (that a-kasse's token reads the CV).
   */
  akasse?: DemoAkasse;
}

/** Demo a-kasser: the number (an a-kasse token's `org`) and a name; both made up. */
export const DEMO_AKASSER = {
  foa: { nummer: '1001', navn: 'Demo A-kasse FOA' },
  hk: { nummer: '1002', navn: 'Demo A-kasse HK' },
  ida: { nummer: '1003', navn: 'Demo A-kasse IDA' },
} as const;
export type DemoAkasse = keyof typeof DEMO_AKASSER;

export const DEMO_CITIZENS = {
  /** The demo default citizen: not enrolled, owns the two demo job agents. */
  anna: { cpr: '0101901234', fornavn: 'Anna', efternavn: 'Andersen', cvNummer: '10000001', kontaktgruppe: 1, akasse: 'foa' },
  /** Has no job agents and no Jobnet account. */
  bo: { cpr: '1502851237', fornavn: 'Bo', efternavn: 'Berg' },
  /** Deceased. */
  dorthe: { cpr: '0707451239', fornavn: 'Dorthe', efternavn: 'Dahl', doedsdato: '2025-03-01', cvNummer: '10000003' },
  /** Born on a leap day (29 February 2000: the 7th digit 4 with YY 00 means the 2000s). */
  erik: { cpr: '2902004236', fornavn: 'Erik', efternavn: 'Eriksen', cvNummer: '10000004', kontaktgruppe: 8 },
  /** Already enrolled as unemployed. */
  frida: { cpr: '1103881238', fornavn: 'Frida', efternavn: 'Frandsen', cvNummer: '10000005', kontaktgruppe: 1, akasse: 'hk' },
  /** Lives abroad (udrejst). */
  gustav: { cpr: '2406791235', fornavn: 'Gustav', efternavn: 'Gram', cvNummer: '10000006' },
  /** Aged 65 or over. */
  hanne: { cpr: '0505592236', fornavn: 'Hanne', efternavn: 'Holm', cvNummer: '10000007', kontaktgruppe: 23, akasse: 'foa' },
  /** Has an absence registration that blocks enrollment. */
  ib: { cpr: '1709821233', fornavn: 'Ib', efternavn: 'Iversen', cvNummer: '10000008', akasse: 'ida' },
  /** Enrolled, with a future de-registration registered by the job centre. */
  jens: { cpr: '0812771235', fornavn: 'Jens', efternavn: 'Juhl', cvNummer: '10000009', kontaktgruppe: 8, akasse: 'ida' },
  /** Enrolled from Jobnet, with a JobnetFlag the job centre has not yet removed. */
  karen: { cpr: '2201931236', fornavn: 'Karen', efternavn: 'Krogh', cvNummer: '10000010', kontaktgruppe: 1, akasse: 'hk' },
  /** Has a temporary foreign address. */
  lise: { cpr: '3006861232', fornavn: 'Lise', efternavn: 'Lund', cvNummer: '10000011' },
  /** Came to Denmark as a refugee: has an asylum transition on the CV. */
  mads: { cpr: '1410952235', fornavn: 'Mads', efternavn: 'Mortensen', cvNummer: '10000012', kontaktgruppe: 3 },
} as const satisfies Record<string, DemoCitizen>;

export type DemoCitizenKey = keyof typeof DEMO_CITIZENS;
