/**
 * Facts about a person that the rules of several areas need (Tilmelding, Borgerbooking's
 * TilmeldOgBook, CV). The service keeps them in tables of its own (src/db/person-fakta.ts reads
 * them); in production each comes from another register (docs/tilmelding.md, "Where the facts
 * come from").
 */

/** The absence types (fravaerstyper) the rules know, and what each means for an enrollment. */
export const FRAVAERSTYPER = {
  /** Illness: the person cannot work. An active one blocks enrollment (4750). */
  Sygdom: { blokererTilmelding: true, konfliktMedKontanthjaelp: false },
  /** Maternity/paternity leave. Blocks enrollment (4750). */
  Barsel: { blokererTilmelding: true, konfliktMedKontanthjaelp: false },
  /**
   * Vacation. Conflicts with the contact group of cash-benefit recipients (4645; cf. 4974
   * "Vacation on socialaid is not allowed for people in this contactgroup").
   */
  Ferie: { blokererTilmelding: false, konfliktMedKontanthjaelp: true },
  /** Exempt from self-booking: no effect on enrollment. */
  FritagetForSelvbook: { blokererTilmelding: false, konfliktMedKontanthjaelp: false },
} as const;
export type Fravaerstype = keyof typeof FRAVAERSTYPER;
export const FRAVAERSTYPE_NAVNE = Object.keys(FRAVAERSTYPER) as Fravaerstype[];

/** A person's facts on one calendar day. */
export interface PersonFakta {
  cpr: string;
  doed: boolean;
  /** Contact group in the job centre's systems (borger.kontaktgruppe). */
  kontaktgruppe: number | null;
  /** The Jobnet account's CV number; null: no Jobnet account. */
  cvNummer: string | null;
  /** Registered as living abroad (udrejst) on the day. */
  udlandet: boolean;
  /** Has a temporary foreign address that covers the day. */
  midlertidigUdenlandskAdresse: boolean;
  /** The absence types active on the day (distinct, sorted). */
  fravaer: string[];
  /** Has any a-kasse membership registration at all (else 4385). */
  akasseRegistreret: boolean;
  /**
   * The a-kasse membership active on the day, if any (else 4417; the CV: 4385 for an a-kasse).
   * akasseNummer: the a-kasse's number, as an a-kasse's token `org` carries it (the CV's 8291);
   * null only in rows from before it was recorded. forsikringskategori null: not known (4321).
   */
  akasseMedlemskab: { akasseNummer: string | null; forsikringskategori: number | null } | null;
}

/** The absence types active on the day that block enrollment (4750). */
export function blokerendeFravaer(fakta: Pick<PersonFakta, 'fravaer'>): string[] {
  return fakta.fravaer.filter((t) => FRAVAERSTYPER[t as Fravaerstype]?.blokererTilmelding);
}

/** The absence types active on the day that conflict with a cash-benefit contact group (4645). */
export function fravaerIKonfliktMedKontanthjaelp(fakta: Pick<PersonFakta, 'fravaer'>): string[] {
  return fakta.fravaer.filter((t) => FRAVAERSTYPER[t as Fravaerstype]?.konfliktMedKontanthjaelp);
}
