/**
 * The rules of an enrollment (Tilmelding and its dry run KanTilmelde) as pure functions that
 * return EVERY broken rule: Tilmelding refuses with them, KanTilmelde lists them. The code-list
 * rules are the KodelisteRegister's (src/domain/kodeliste-register.ts); the person rules read the
 * facts of src/domain/person-fakta.ts. Order = reporting order (docs/tilmelding.md).
 */
import { ageOn } from '../../domain/cpr';
import { addDays } from '../../domain/dage';
import { RuleViolation } from '../../domain/errors';
import type { Afmeldingsaarsag, KodelisteRegister } from '../../domain/kodeliste-register';
import { blokerendeFravaer, fravaerIKonfliktMedKontanthjaelp, type PersonFakta } from '../../domain/person-fakta';
import { tilmeldingsdatoFejl, KUN_I_DAG, OP_TIL_TI_DAGE_TILBAGE, type TilmeldingsdatoVindue } from '../../domain/tilmeldingsdato';
import { checkJoboensker, type JoboenskeInput } from './joboensker';

/** Where an enrollment comes from (the token's role decides; docs/tilmelding.md). */
export type Kildesystem = 'Jobnet' | 'Jobcenter' | 'A-kasse' | 'System';

export interface TilmeldingsInputFelter {
  klientKategori: number;
  ledighedsgrad: number;
  tilmeldingsdato: string;
  cvNummer?: string;
  joboensker?: readonly JoboenskeInput[];
}

/**
 * The input's own faults, decided without reading anything: code values (4313, 4314, 6052 for a
 * non-internal caller) and job wishes (4318, 8281, 8282, 9439, 4698, 4710, 1014).
 */
export function inputRegler(input: TilmeldingsInputFelter, register: KodelisteRegister, idag: string, intern: boolean): RuleViolation[] {
  const fejl: RuleViolation[] = [];
  const k = register.checkKlientkategori(input.klientKategori, { intern });
  if (k) fejl.push(k);
  const l = register.checkLedighedsgrad(input.ledighedsgrad, { intern });
  if (l) fejl.push(l);
  fejl.push(...checkJoboensker(input.joboensker ?? [], register, idag));
  return fejl;
}

export interface TilstandsKontekst {
  cpr: string;
  /** Today, the Copenhagen calendar day of the clock. */
  idag: string;
  kilde: Kildesystem;
  input: TilmeldingsInputFelter;
  register: KodelisteRegister;
  fakta: PersonFakta;
  /** Is the input's CV number any citizen's? (read only when cvNummer is given) */
  cvNummerKendt: boolean;
  /** Does an existing period end after the enrollment date, or start after it (4316)? */
  overlap: boolean;
  /** The enrollment-date window; default by cvNummer (4749 without, 4338 with). TilmeldOgBook always uses 4338's. */
  vindue?: TilmeldingsdatoVindue;
}

/** The rules on the citizen's state and facts, every broken one. */
export function tilstandsRegler(k: TilstandsKontekst): RuleViolation[] {
  const fejl: RuleViolation[] = [];
  const { input, fakta, register } = k;

  // The CV number, when the enrollment names the citizen by it (the CV variants).
  if (input.cvNummer !== undefined) {
    if (fakta.cvNummer === null) fejl.push(new RuleViolation(4786, { felt: '/cvNummer' }));
    else if (fakta.cvNummer !== input.cvNummer) fejl.push(new RuleViolation(k.cvNummerKendt ? 4102 : 4400, { felt: '/cvNummer' }));
  }

  if (fakta.doed) fejl.push(new RuleViolation(4405));

  // 4749 (today only) for an enrollment by CPR, 4338 (up to 10 days back) for the CV variants.
  const vindue = k.vindue ?? (input.cvNummer === undefined ? KUN_I_DAG : OP_TIL_TI_DAGE_TILBAGE);
  const datoFejl = tilmeldingsdatoFejl(input.tilmeldingsdato, k.idag, vindue);
  if (datoFejl) fejl.push(new RuleViolation(datoFejl, { felt: '/tilmeldingsdato' }));

  if (k.overlap) fejl.push(new RuleViolation(4316, { felt: '/tilmeldingsdato' }));
  if (fakta.udlandet) fejl.push(new RuleViolation(4720));
  if (fakta.midlertidigUdenlandskAdresse) fejl.push(new RuleViolation(4725));
  const blokerende = blokerendeFravaer(fakta);
  if (blokerende.length > 0) {
    fejl.push(new RuleViolation(4750, { detail: `The client has an absence registration that does not allow enrollment (${blokerende.join(', ')})` }));
  }

  const kategori = register.klientkategori(input.klientKategori);
  const ledighedsgrad = register.ledighedsgrad(input.ledighedsgrad);
  if (!kategori) return fejl; // 4313 is an input fault

  const kan = register.checkKanTilmeldes(kategori);
  if (kan) fejl.push(kan);
  const konflikt = kategori.kontanthjaelpskategori ? fravaerIKonfliktMedKontanthjaelp(fakta) : [];
  if (konflikt.length > 0) {
    fejl.push(
      new RuleViolation(4645, {
        detail: `This person has a absenceregistration (${konflikt.join(', ')}) that conflicts with contact group ${kategori.kontaktgruppe}`,
      }),
    );
  }
  if (ledighedsgrad) {
    const kombi = register.checkKategoriOgLedighedsgrad(kategori, ledighedsgrad);
    if (kombi) fejl.push(kombi);
  }
  const alder = ageOn(k.cpr, input.tilmeldingsdato);
  if (alder !== undefined) {
    const a = register.checkAlder(kategori, alder);
    if (a) fejl.push(a);
    if (k.kilde === 'Jobnet') {
      const jobnet65 = register.check65FraJobnet(kategori, alder);
      if (jobnet65) fejl.push(jobnet65);
    }
  }
  const stilling = register.checkStillingKrav(kategori, input.joboensker?.length ?? 0);
  if (stilling) fejl.push(stilling);
  if (kategori.kraeverAkasse) {
    if (!fakta.akasseRegistreret) fejl.push(new RuleViolation(4385));
    else if (!fakta.akasseMedlemskab) fejl.push(new RuleViolation(4417));
    else {
      const kategori = fakta.akasseMedlemskab.forsikringskategori;
      if (kategori === null) fejl.push(new RuleViolation(4321, { detail: 'The insurance category of the a-kasse membership is not known' }));
      else if (register.checkForsikringskategori(kategori)) fejl.push(new RuleViolation(4321, { detail: `The a-kasse membership has insurance category ${kategori}` }));
    }
  }
  return fejl;
}

/**
 * Afmelding's input rules: the reason (4340, 6052), who may use it (9118 only a-kasser, 9298 not
 * a-kasser) and the date window (4322: today .. the reason's maxDageFrem, 30 or 60 days for a
 * less intensive effort).
 */
export function afmeldingsRegler(
  input: { afmeldingsdato: string; afmeldingsaarsag: number },
  register: KodelisteRegister,
  idag: string,
  opts: { intern: boolean; akasse: boolean },
): RuleViolation[] {
  const fejl: RuleViolation[] = [];
  // 4340 first; who may use the cause (9118, 9298) before 6052, as it says more to an a-kasse.
  const ukendt = register.checkAfmeldingsaarsag(input.afmeldingsaarsag, { intern: true });
  if (ukendt) return [ukendt];
  const aarsag = register.afmeldingsaarsag(input.afmeldingsaarsag) as Afmeldingsaarsag;
  if (aarsag.kunAkasse && !opts.akasse) fejl.push(new RuleViolation(9118, { felt: '/afmeldingsaarsag' }));
  else if (aarsag.ikkeAkasse && opts.akasse) fejl.push(new RuleViolation(9298, { felt: '/afmeldingsaarsag' }));
  else {
    const intern = register.checkAfmeldingsaarsag(input.afmeldingsaarsag, { intern: opts.intern });
    if (intern) fejl.push(intern);
  }
  if (input.afmeldingsdato < idag || input.afmeldingsdato > addDays(idag, aarsag.maxDageFrem)) {
    fejl.push(
      new RuleViolation(4322, {
        felt: '/afmeldingsdato',
        detail: `The cancellation date must be from ${idag} to ${addDays(idag, aarsag.maxDageFrem)} for this cause (${aarsag.maxDageFrem} days)`,
      }),
    );
  }
  return fejl;
}
