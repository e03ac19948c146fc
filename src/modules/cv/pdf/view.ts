/**
 * What the PDF shows: the CV as employers see it (CVService GetCVAsPdf: "uden 'jeg søger job som'
 * mv. som ikke skal vises for fx arbejdsgiver"). Deliberately its own small shape, so the renderer
 * does not depend on how the CV is stored; `mapping.ts` builds it from the stored CV profile.
 * There is no field for job targets (JobTargetCollection) or job conditions: they cannot leak
 * into the PDF because the view has nowhere to put them.
 */

/** A year, or a year and month (PartialDate: Year gYear, Month gMonth). */
export interface DelvisDato {
  aar: number;
  maaned?: number;
}

export interface Periode {
  start?: DelvisDato;
  /** Absent: ongoing ("nu"). */
  slut?: DelvisDato;
}

export interface CvPdfErfaring {
  titel: string;
  /** Employer or place (Place). */
  sted?: string;
  periode?: Periode;
  /** Responsibilities, tasks, results: plain text. */
  beskrivelse?: string;
}

export interface CvPdfUddannelse {
  titel: string;
  sted?: string;
  periode?: Periode;
  beskrivelse?: string;
}

/** The five levels of LanguageSkillLevelType. */
export type Sprogniveau = 'Novice' | 'AdvancedBeginner' | 'Competent' | 'Proficient' | 'Expert';

export interface CvPdfView {
  /** Full name: given, middle and family names. */
  navn: string;
  kontakt: {
    adresselinjer: string[];
    email?: string;
    telefonnumre: string[];
  };
  /** The professional summary (ProfessionalSummaryText.HTMLText), already sanitised to p/br/b/strong/i/em/u/ul/ol/li. */
  fagligProfilHtml?: string;
  erhvervserfaring: CvPdfErfaring[];
  uddannelser: CvPdfUddannelse[];
  kurser: CvPdfUddannelse[];
  certifikater: CvPdfUddannelse[];
  kvalifikationer: string[];
  sprog: { navn: string; niveau: Sprogniveau }[];
  koerekort: { kode: string; navn: string }[];
  andreErfaringer: CvPdfErfaring[];
  /** Other CV references and websites (OtherCVReferenceCollection.WebSite). */
  websider: string[];
  /** Footer line, e.g. which version the PDF shows; optional. */
  fodnote?: string;
}

/** Danish names of the language levels, as Jobnet shows them. */
export const SPROGNIVEAU_TEKST: Record<Sprogniveau, string> = {
  Novice: 'Begynder',
  AdvancedBeginner: 'Let øvet',
  Competent: 'Øvet',
  Proficient: 'Meget øvet',
  Expert: 'Ekspert',
};

const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

export function formatDelvisDato(dato: DelvisDato): string {
  return dato.maaned && dato.maaned >= 1 && dato.maaned <= 12 ? `${MAANEDER[dato.maaned - 1]} ${dato.aar}` : String(dato.aar);
}

/** "marts 2019 – nu", "2015 – 2018", "fra 2015": empty when nothing is known. */
export function formatPeriode(periode: Periode | undefined): string {
  if (!periode?.start && !periode?.slut) return '';
  if (!periode.start) return `til ${formatDelvisDato(periode.slut!)}`;
  return `${formatDelvisDato(periode.start)} – ${periode.slut ? formatDelvisDato(periode.slut) : 'nu'}`;
}
