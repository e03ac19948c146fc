/**
 * The rules of an enrollment (Tilmelding and its dry run KanTilmelde), as one pure function that
 * returns EVERY broken rule: Tilmelding refuses with the first, KanTilmelde lists them all. The
 * order is the order in which Tilmelding reports them (docs/tilmelding.md).
 */
import { ageOn } from '../../domain/cpr';
import {
  blokerendeFravaer,
  fravaerIKonfliktMedKontanthjaelp,
  GYLDIGE_FORSIKRINGSKATEGORIER,
  type PersonFakta,
} from '../../domain/person-fakta';
import { tilmeldingsdatoFejl, KUN_I_DAG, OP_TIL_TI_DAGE_TILBAGE } from '../../domain/tilmeldingsdato';
import type { Fejlkodenummer } from '../../domain/fejlkoder';

/** One broken rule. */
export interface Overtraedelse {
  kode: Fejlkodenummer;
  felt?: string;
  detail?: string;
}

/** Where an enrollment comes from (the token's role decides; docs/tilmelding.md). */
export type Kildesystem = 'Jobnet' | 'Jobcenter' | 'System';

/** What the rules need to know about a client category (from the code list, kategorier.ts). */
export interface KategoriFakta {
  kode: string;
  /** 4641 when false. */
  maaTilmeldes: boolean;
  /** 7062: a job wish (ProfessionType) is required. */
  kraeverStillingsbetegnelse: boolean;
  /** One of the cash-benefit categories 2, 4, 6, 7, 8, 9 (4378). */
  kontanthjaelp: boolean;
  /** 'Tilmeldt uden ydelse' (4339, 4763). */
  udenYdelse: boolean;
  /** Receives unemployment benefit from an a-kasse: needs a membership (4385, 4417) and an insured category (4321). */
  dagpenge: boolean;
  /** The statuses (ledighedsgrader) the category may have; undefined: any (6014). */
  tilladteLedighedsgrader?: readonly string[];
  /** Age bounds in completed years, inclusive (6033). */
  minAlder?: number;
  maxAlder?: number;
}

export interface LedighedsgradFakta {
  kode: string;
  /** 'ikke ledig' (4339). */
  ikkeLedig: boolean;
}

export interface TilmeldingsKontekst {
  cpr: string;
  /** Today, the Copenhagen calendar day of the clock. */
  idag: string;
  kilde: Kildesystem;
  input: {
    tilmeldingsdato: string;
    cvNummer?: string;
    joboensker?: readonly unknown[];
  };
  /** Null when the code is invalid (that violation comes from the code-list check). */
  kategori: KategoriFakta | null;
  ledighedsgrad: LedighedsgradFakta | null;
  fakta: PersonFakta;
  /** Is the CV number of the input someone's (any citizen's)? Only read when cvNummer is given. */
  cvNummerKendt: boolean;
  /** Does an existing period end after the enrollment date, or start after it (4316)? */
  overlap: boolean;
}

/** 65 or older may only enroll 'uden ydelse' from Jobnet (4763). */
export const ALDER_KUN_UDEN_YDELSE_FRA_JOBNET = 65;

/** Every broken rule, in reporting order. */
export function tilmeldingsregler(k: TilmeldingsKontekst): Overtraedelse[] {
  const fejl: Overtraedelse[] = [];
  const { input, fakta, kategori, ledighedsgrad } = k;

  // The CV number, when the enrollment names the citizen by it (the CV variants).
  if (input.cvNummer !== undefined) {
    if (fakta.cvNummer === null) fejl.push({ kode: 4786, felt: '/cvNummer' });
    else if (fakta.cvNummer !== input.cvNummer) fejl.push({ kode: k.cvNummerKendt ? 4102 : 4400, felt: '/cvNummer' });
  }

  if (fakta.doed) fejl.push({ kode: 4405 });

  // 4749 (today only) for an enrollment by CPR, 4338 (up to 10 days back) for the CV variants.
  const vindue = input.cvNummer === undefined ? KUN_I_DAG : OP_TIL_TI_DAGE_TILBAGE;
  const datoFejl = tilmeldingsdatoFejl(input.tilmeldingsdato, k.idag, vindue);
  if (datoFejl) fejl.push({ kode: datoFejl, felt: '/tilmeldingsdato' });

  if (k.overlap) fejl.push({ kode: 4316, felt: '/tilmeldingsdato' });
  if (fakta.udlandet) fejl.push({ kode: 4720 });
  if (fakta.midlertidigUdenlandskAdresse) fejl.push({ kode: 4725 });
  const blokerende = blokerendeFravaer(fakta);
  if (blokerende.length > 0) fejl.push({ kode: 4750, detail: `Active absence registration: ${blokerende.join(', ')}` });

  if (kategori) {
    if (!kategori.maaTilmeldes) fejl.push({ kode: 4641, felt: '/klientKategori' });
    const konflikt = kategori.kontanthjaelp ? fravaerIKonfliktMedKontanthjaelp(fakta) : [];
    if (konflikt.length > 0) fejl.push({ kode: 4645, detail: `Absence registration ${konflikt.join(', ')} conflicts with the contact group of category ${kategori.kode}` });
    if (ledighedsgrad) {
      if (ledighedsgrad.ikkeLedig && !kategori.udenYdelse) fejl.push({ kode: 4339, felt: '/ledighedsgrad' });
      else if (kategori.tilladteLedighedsgrader && !kategori.tilladteLedighedsgrader.includes(ledighedsgrad.kode)) {
        fejl.push({ kode: 6014, felt: '/ledighedsgrad' });
      }
    }
    const alder = ageOn(k.cpr, input.tilmeldingsdato);
    if (alder !== undefined) {
      if ((kategori.minAlder !== undefined && alder < kategori.minAlder) || (kategori.maxAlder !== undefined && alder > kategori.maxAlder)) {
        fejl.push({ kode: 6033, felt: '/klientKategori', detail: `Category ${kategori.kode} requires an age of ${kategori.minAlder ?? 0}-${kategori.maxAlder ?? '∞'}; the person is ${alder}` });
      }
      if (k.kilde === 'Jobnet' && alder >= ALDER_KUN_UDEN_YDELSE_FRA_JOBNET && !kategori.udenYdelse) {
        fejl.push({ kode: 4763, felt: '/klientKategori' });
      }
    }
    if (kategori.kraeverStillingsbetegnelse && (input.joboensker?.length ?? 0) === 0) fejl.push({ kode: 7062, felt: '/joboensker' });
    if (kategori.dagpenge) {
      if (!fakta.akasseRegistreret) fejl.push({ kode: 4385 });
      else if (!fakta.akasseMedlemskab) fejl.push({ kode: 4417 });
      else if (!(GYLDIGE_FORSIKRINGSKATEGORIER as readonly string[]).includes(fakta.akasseMedlemskab.forsikringskategori)) {
        fejl.push({ kode: 4321, detail: `The membership's insurance category is '${fakta.akasseMedlemskab.forsikringskategori}'` });
      }
    }
  }
  return fejl;
}

/** Does the de-registration date lie in the window today .. +30 days, or +60 for a less intensive effort (4322)? */
export function afmeldingsdatoOk(dato: string, idag: string, mindreIntensivIndsats: boolean, addDays: (d: string, n: number) => string): boolean {
  return dato >= idag && dato <= addDays(idag, mindreIntensivIndsats ? 60 : 30);
}
