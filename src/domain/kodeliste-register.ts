import type { PrismaClient } from '../generated/prisma/client';
import type { Role } from './access';
import { RuleViolation } from './errors';

/**
 * The code lists of enrollment (klientkategori, ledighedsgrad, afmeldingsaarsag,
 * forsikringskategori, kontaktgruppe) and the occupations (stillingsbetegnelser) by
 * conceptUriDa, with the facts the enrollment rules need per value.
 *
 * The lists live in PostgreSQL (tables klientkategori ... stillingsbetegnelse_alias), written by
 * migrations generated from data/kodelister/ (docs/decisions.md, Kodelister). They change only
 * with a deploy, so `kodelisteRegister()` loads them once per database client and keeps them in
 * memory. Everything here is synchronous after that load.
 *
 * Every `check*` returns the violation (a RuleViolation with its fejlkode and `felt`) or null, so
 * a caller can collect all violations of a request (KanTilmelde lists every broken rule).
 */

export const KODELISTE_NAVNE = [
  'klientkategori',
  'ledighedsgrad',
  'afmeldingsaarsag',
  'forsikringskategori',
  'kontaktgruppe',
  'stillingsbetegnelse',
] as const;
export type KodelisteNavn = (typeof KODELISTE_NAVNE)[number];

/** One value of a numeric code list. */
export interface Kodevaerdi {
  readonly kode: number;
  readonly navn: string;
  /**
   * Only for internal use (6052): the job centre's own systems may use it, the citizen (Jobnet),
   * a-kasser and other actors may not. See `erInternBruger`.
   */
  readonly kunIntern: boolean;
}

/** Kontaktgruppe (contact group), e.g. 1 = dagpengemodtagere. */
export interface Kontaktgruppe extends Kodevaerdi {
  /** Age bounds in whole years on the enrollment day, inclusive (6033); null = no bound. */
  readonly minAlder: number | null;
  readonly maxAlder: number | null;
  /** An a-kasse may register CV status for citizens of this group (9009: groups 1, 8 and 23). */
  readonly akasseMaaRegistrereCvStatus: boolean;
}

/** Klientkategori (ClientCategoryTypeIdentifier, "TilmeldekategoriTypeCodeList"). */
export interface Klientkategori extends Kodevaerdi {
  /** False: "This category is not allowed to be enrolled" (4641). */
  readonly kanTilmeldes: boolean;
  /** Enrollment needs at least one job wish (profession) (7062). */
  readonly kraeverStillingsbetegnelse: boolean;
  /** Cash-benefit category: kontanthjælp, also after the integration programme, and uddannelseshjælp: 2, 4, 6, 7, 8, 9 (4378). */
  readonly kontanthjaelpskategori: boolean;
  /** 'Tilmeldt uden ydelse' (4339: only these may be 'ikke ledig'; 4763: 65+ from Jobnet only these). */
  readonly udenYdelse: boolean;
  /** Dagpenge: needs a-kasse membership (4417/4385) and a forsikringskategori (4321). */
  readonly kraeverAkasse: boolean;
  /** The contact group an enrollment in this category gives. */
  readonly kontaktgruppe: number;
  /** From the contact group (6033). */
  readonly minAlder: number | null;
  readonly maxAlder: number | null;
  /** The ledighedsgrader this category may be enrolled with (6014; 'ikke ledig' is 4339 first). */
  readonly tilladteLedighedsgrader: readonly number[];
}

/** Ledighedsgrad (CurrentUnemploymentStatusTypeIdentifier, "LedighedsgradTypeCodeList"). */
export interface Ledighedsgrad extends Kodevaerdi {
  /** 'ikke ledig' (4339). */
  readonly ikkeLedig: boolean;
}

/** Afmeldingsårsag (RemovalCauseTypeIdentifier). */
export interface Afmeldingsaarsag extends Kodevaerdi {
  /** How many days after today the de-registration date may lie (4322: 30, or 60 for a less intensive effort). */
  readonly maxDageFrem: number;
  /** Only a-kasser may use it (9118). */
  readonly kunAkasse: boolean;
  /** A-kasser may not use it (9298). */
  readonly ikkeAkasse: boolean;
}

/** Forsikringskategori: only 'Heltidsforsikret' and 'Deltidsforsikret' (4321). */
export type Forsikringskategori = Kodevaerdi;

export interface StillingsbetegnelseAlias {
  /** guid, lower case. */
  readonly aliasIdentifier: string;
  readonly navn: string;
}

/** An occupation (stillingsbetegnelse) by its ESCO STAR concept URI. */
export interface Stillingsbetegnelse {
  readonly conceptUriDa: string;
  readonly navn: string;
  /** DISCO-08 code (4 digits), the occupation's group. */
  readonly discoKode: string;
  /** First and last day of validity (Copenhagen calendar days, YYYY-MM-DD); gyldigTil null = open. */
  readonly gyldigFra: string;
  readonly gyldigTil: string | null;
  readonly aliaser: readonly StillingsbetegnelseAlias[];
}

/** Everything the register holds, as loaded from the database (or built in a unit test). */
export interface KodelisteData {
  klientkategorier: readonly Omit<Klientkategori, 'minAlder' | 'maxAlder'>[];
  ledighedsgrader: readonly Ledighedsgrad[];
  afmeldingsaarsager: readonly Afmeldingsaarsag[];
  forsikringskategorier: readonly Forsikringskategori[];
  kontaktgrupper: readonly Kontaktgruppe[];
  stillingsbetegnelser: readonly Stillingsbetegnelse[];
}

/**
 * Internal users may use code values marked kunIntern (6052): the job centre and system
 * integrations (the job centre's case systems). The citizen (Jobnet), a-kasser, other actors and
 * STAR may not.
 */
export function erInternBruger(role: Role): boolean {
  return role === 'jobcenter' || role === 'system';
}

const byKode = <T extends { kode: number }>(values: readonly T[]) => new Map(values.map((v) => [v.kode, v]));

export class KodelisteRegister {
  readonly klientkategorier: readonly Klientkategori[];
  readonly ledighedsgrader: readonly Ledighedsgrad[];
  readonly afmeldingsaarsager: readonly Afmeldingsaarsag[];
  readonly forsikringskategorier: readonly Forsikringskategori[];
  readonly kontaktgrupper: readonly Kontaktgruppe[];
  readonly stillingsbetegnelser: readonly Stillingsbetegnelse[];

  private readonly klientkategoriMap: Map<number, Klientkategori>;
  private readonly ledighedsgradMap: Map<number, Ledighedsgrad>;
  private readonly afmeldingsaarsagMap: Map<number, Afmeldingsaarsag>;
  private readonly forsikringskategoriMap: Map<number, Forsikringskategori>;
  private readonly kontaktgruppeMap: Map<number, Kontaktgruppe>;
  private readonly stillingMap: Map<string, Stillingsbetegnelse>;
  private readonly aliasMap: Map<string, { alias: StillingsbetegnelseAlias; conceptUriDa: string }>;

  constructor(data: KodelisteData) {
    this.kontaktgrupper = [...data.kontaktgrupper].sort((a, b) => a.kode - b.kode);
    this.kontaktgruppeMap = byKode(this.kontaktgrupper);
    this.klientkategorier = [...data.klientkategorier]
      .sort((a, b) => a.kode - b.kode)
      .map((k) => {
        const gruppe = this.kontaktgruppeMap.get(k.kontaktgruppe);
        return { ...k, minAlder: gruppe?.minAlder ?? null, maxAlder: gruppe?.maxAlder ?? null };
      });
    this.ledighedsgrader = [...data.ledighedsgrader].sort((a, b) => a.kode - b.kode);
    this.afmeldingsaarsager = [...data.afmeldingsaarsager].sort((a, b) => a.kode - b.kode);
    this.forsikringskategorier = [...data.forsikringskategorier].sort((a, b) => a.kode - b.kode);
    this.stillingsbetegnelser = [...data.stillingsbetegnelser].sort((a, b) => a.navn.localeCompare(b.navn, 'da'));
    this.klientkategoriMap = byKode(this.klientkategorier);
    this.ledighedsgradMap = byKode(this.ledighedsgrader);
    this.afmeldingsaarsagMap = byKode(this.afmeldingsaarsager);
    this.forsikringskategoriMap = byKode(this.forsikringskategorier);
    this.stillingMap = new Map(this.stillingsbetegnelser.map((s) => [s.conceptUriDa, s]));
    this.aliasMap = new Map(
      this.stillingsbetegnelser.flatMap((s) => s.aliaser.map((alias) => [alias.aliasIdentifier, { alias, conceptUriDa: s.conceptUriDa }] as const)),
    );
  }

  // --- lookups ------------------------------------------------------------------------------

  klientkategori(kode: number): Klientkategori | undefined {
    return this.klientkategoriMap.get(kode);
  }
  ledighedsgrad(kode: number): Ledighedsgrad | undefined {
    return this.ledighedsgradMap.get(kode);
  }
  afmeldingsaarsag(kode: number): Afmeldingsaarsag | undefined {
    return this.afmeldingsaarsagMap.get(kode);
  }
  forsikringskategori(kode: number): Forsikringskategori | undefined {
    return this.forsikringskategoriMap.get(kode);
  }
  kontaktgruppe(kode: number): Kontaktgruppe | undefined {
    return this.kontaktgruppeMap.get(kode);
  }
  stillingsbetegnelse(conceptUriDa: string): Stillingsbetegnelse | undefined {
    return this.stillingMap.get(conceptUriDa);
  }

  /** True when the occupation is valid on `day` (YYYY-MM-DD): gyldigFra <= day <= gyldigTil. */
  erGyldig(stilling: Stillingsbetegnelse, day: string): boolean {
    return stilling.gyldigFra <= day && (stilling.gyldigTil === null || day <= stilling.gyldigTil);
  }

  /** The occupations valid on `day`. */
  gyldigeStillingsbetegnelser(day: string): Stillingsbetegnelse[] {
    return this.stillingsbetegnelser.filter((s) => this.erGyldig(s, day));
  }

  // --- validation of single code values -----------------------------------------------------

  /** 4313 unknown klientkategori; 6052 internal-only for a non-internal caller. */
  checkKlientkategori(kode: number, options: { intern: boolean; felt?: string }): RuleViolation | null {
    const felt = options.felt ?? '/klientKategori';
    const k = this.klientkategori(kode);
    if (!k) return new RuleViolation(4313, { felt });
    if (k.kunIntern && !options.intern) return new RuleViolation(6052, { felt });
    return null;
  }

  /** 4314 unknown ledighedsgrad; 6052 internal-only for a non-internal caller. */
  checkLedighedsgrad(kode: number, options: { intern: boolean; felt?: string }): RuleViolation | null {
    const felt = options.felt ?? '/ledighedsgrad';
    const l = this.ledighedsgrad(kode);
    if (!l) return new RuleViolation(4314, { felt });
    if (l.kunIntern && !options.intern) return new RuleViolation(6052, { felt });
    return null;
  }

  /** 4340 unknown afmeldingsårsag; 6052 internal-only for a non-internal caller. */
  checkAfmeldingsaarsag(kode: number, options: { intern: boolean; felt?: string }): RuleViolation | null {
    const felt = options.felt ?? '/afmeldingsaarsag';
    const a = this.afmeldingsaarsag(kode);
    if (!a) return new RuleViolation(4340, { felt });
    if (a.kunIntern && !options.intern) return new RuleViolation(6052, { felt });
    return null;
  }

  /** 4321: only 'Heltidsforsikret' and 'Deltidsforsikret' exist. */
  checkForsikringskategori(kode: number, felt = '/forsikringskategori'): RuleViolation | null {
    return this.forsikringskategori(kode) ? null : new RuleViolation(4321, { felt });
  }

  // --- rules between values -----------------------------------------------------------------

  /** 4641: the category may not be enrolled (assumes a known category). */
  checkKanTilmeldes(kategori: Klientkategori, felt = '/klientKategori'): RuleViolation | null {
    return kategori.kanTilmeldes ? null : new RuleViolation(4641, { felt });
  }

  /**
   * Category and ledighedsgrad together: 4339 when 'ikke ledig' is given with a category other
   * than 'Tilmeldt uden ydelse' (the more specific rule, checked first), else 6014 when the
   * category does not allow the ledighedsgrad.
   */
  checkKategoriOgLedighedsgrad(kategori: Klientkategori, ledighedsgrad: Ledighedsgrad, felt = '/ledighedsgrad'): RuleViolation | null {
    if (ledighedsgrad.ikkeLedig && !kategori.udenYdelse) return new RuleViolation(4339, { felt });
    if (!kategori.tilladteLedighedsgrader.includes(ledighedsgrad.kode)) return new RuleViolation(6014, { felt });
    return null;
  }

  /** 6033: the age (whole years on the enrollment day) is outside the category's contact group bounds. */
  checkAlder(kategori: Klientkategori, alder: number, felt = '/klientKategori'): RuleViolation | null {
    if (kategori.minAlder !== null && alder < kategori.minAlder) return new RuleViolation(6033, { felt });
    if (kategori.maxAlder !== null && alder > kategori.maxAlder) return new RuleViolation(6033, { felt });
    return null;
  }

  /** 7062: the category requires at least one job wish. */
  checkStillingKrav(kategori: Klientkategori, antalJoboensker: number, felt = '/joboensker'): RuleViolation | null {
    return kategori.kraeverStillingsbetegnelse && antalJoboensker === 0 ? new RuleViolation(7062, { felt }) : null;
  }

  /**
   * One occupation reference on `day`:
   * - 4318 the conceptUriDa is not an occupation of the list;
   * - 8281 the aliasIdentifier (the occupation key of the alias) does not exist for that occupation;
   * - 8282 the occupation is outside its validity (gyldigFra..gyldigTil).
   * `felt` is the pointer of the job wish (e.g. /joboensker/0); the field name is appended.
   */
  checkStillingsbetegnelse(conceptUriDa: string, aliasIdentifier: string | undefined, day: string, felt = ''): RuleViolation | null {
    const stilling = this.stillingsbetegnelse(conceptUriDa);
    if (!stilling) return new RuleViolation(4318, { felt: `${felt}/conceptUriDa` });
    if (aliasIdentifier !== undefined) {
      const alias = this.aliasMap.get(aliasIdentifier.toLowerCase());
      if (!alias || alias.conceptUriDa !== conceptUriDa) return new RuleViolation(8281, { felt: `${felt}/aliasIdentifier` });
    }
    if (!this.erGyldig(stilling, day)) return new RuleViolation(8282, { felt: `${felt}/conceptUriDa` });
    return null;
  }

  /** 4763: from Jobnet, a citizen aged 65 or over may only enrol 'uden ydelse'. */
  check65FraJobnet(kategori: Klientkategori, alder: number, felt = '/klientKategori'): RuleViolation | null {
    return alder >= 65 && !kategori.udenYdelse ? new RuleViolation(4763, { felt }) : null;
  }

  /**
   * Every code-list rule of an enrollment request, in this order: 4313/6052 klientKategori,
   * 4314/6052 ledighedsgrad, 4321 forsikringskategori (when given), then for a known category
   * 4641, 7062, 6033 (when `alder` is given), and for a known category and ledighedsgrad
   * 4339/6014. Also answers the looked-up values, so the caller need not look them up again.
   * Fields are the REST v1 Tilmelding names (/klientKategori, /ledighedsgrad, /forsikringskategori,
   * /joboensker).
   */
  checkTilmeldingskoder(input: {
    klientKategori: number;
    ledighedsgrad: number;
    forsikringskategori?: number;
    antalJoboensker: number;
    alder?: number;
    intern: boolean;
  }): { violations: RuleViolation[]; kategori?: Klientkategori; ledighedsgrad?: Ledighedsgrad } {
    const violations: RuleViolation[] = [];
    const add = (v: RuleViolation | null) => {
      if (v) violations.push(v);
    };
    const kategoriFejl = this.checkKlientkategori(input.klientKategori, { intern: input.intern });
    const gradFejl = this.checkLedighedsgrad(input.ledighedsgrad, { intern: input.intern });
    add(kategoriFejl);
    add(gradFejl);
    if (input.forsikringskategori !== undefined) add(this.checkForsikringskategori(input.forsikringskategori));
    const kategori = kategoriFejl?.kode === 4313 ? undefined : this.klientkategori(input.klientKategori);
    const ledighedsgrad = gradFejl?.kode === 4314 ? undefined : this.ledighedsgrad(input.ledighedsgrad);
    if (kategori) {
      add(this.checkKanTilmeldes(kategori));
      add(this.checkStillingKrav(kategori, input.antalJoboensker));
      if (input.alder !== undefined) add(this.checkAlder(kategori, input.alder));
      if (ledighedsgrad) add(this.checkKategoriOgLedighedsgrad(kategori, ledighedsgrad));
    }
    return { violations, kategori, ledighedsgrad };
  }

  /** 9009: may an a-kasse register CV status for a citizen in this contact group (1, 8, 23)? */
  akasseMaaRegistrereCvStatus(kontaktgruppe: number): boolean {
    return this.kontaktgruppe(kontaktgruppe)?.akasseMaaRegistrereCvStatus ?? false;
  }
}

// --- loading ---------------------------------------------------------------------------------

const dayOf = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** Reads every list from the database (one statement per table; a few hundred rows in all). */
export async function loadKodelisteRegister(prisma: PrismaClient): Promise<KodelisteRegister> {
  const [klientkategorier, ledighedsgrader, afmeldingsaarsager, forsikringskategorier, kontaktgrupper, stillinger, aliaser] =
    await Promise.all([
      prisma.klientkategori.findMany(),
      prisma.ledighedsgrad.findMany(),
      prisma.afmeldingsaarsag.findMany(),
      prisma.forsikringskategori.findMany(),
      prisma.kontaktgruppe.findMany(),
      prisma.stillingsbetegnelse.findMany(),
      prisma.stillingsbetegnelseAlias.findMany(),
    ]);
  const aliaserPrStilling = new Map<string, StillingsbetegnelseAlias[]>();
  for (const a of aliaser) {
    const list = aliaserPrStilling.get(a.conceptUriDa) ?? [];
    list.push({ aliasIdentifier: a.aliasIdentifier, navn: a.navn });
    aliaserPrStilling.set(a.conceptUriDa, list);
  }
  return new KodelisteRegister({
    klientkategorier,
    ledighedsgrader,
    afmeldingsaarsager,
    forsikringskategorier,
    kontaktgrupper,
    stillingsbetegnelser: stillinger.map((s) => ({
      conceptUriDa: s.conceptUriDa,
      navn: s.navn,
      discoKode: s.discoKode,
      gyldigFra: dayOf(s.gyldigFra)!,
      gyldigTil: dayOf(s.gyldigTil),
      aliaser: (aliaserPrStilling.get(s.conceptUriDa) ?? []).sort((a, b) => a.navn.localeCompare(b.navn, 'da')),
    })),
  });
}

const cache = new WeakMap<object, Promise<KodelisteRegister>>();

/**
 * The register of this database client, loaded on first use and kept in memory (the lists change
 * only with a deploy, which restarts the process). A failed load is not cached.
 */
export function kodelisteRegister(prisma: PrismaClient): Promise<KodelisteRegister> {
  let loading = cache.get(prisma);
  if (!loading) {
    loading = loadKodelisteRegister(prisma);
    cache.set(prisma, loading);
    loading.catch(() => cache.delete(prisma));
  }
  return loading;
}
