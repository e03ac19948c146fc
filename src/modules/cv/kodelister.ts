/**
 * Code lists of the CV area (CVService, CVWorkFlowService). Where the specification names a list
 * but does not give it (CV status codes, languages), the values here are what this service
 * accepts; docs/cv-glossary.md lists them too.
 */

/**
 * CvStatusIdentifier (CvStatusIdentifierType). The specification gives examples ('Klar til
 * kvalitetssikring', 'CV godkendt', 'CV ej godkendt') and allows versions only for 2, 3 and 5
 * (AllowedCVStatusIdentifierType). 1 is a CV no one has set a status on; 4 is not used.
 */
export const CV_STATUS = {
  1: 'Ikke kvalitetssikret',
  2: 'Klar til kvalitetssikring',
  3: 'CV godkendt',
  5: 'CV ej godkendt',
} as const;
export type CvStatusKode = keyof typeof CV_STATUS;
/** The statuses SetCVStatus may set, and the only ones a version is kept for (AllowedCVStatusIdentifierType). */
export const SETTABLE_CV_STATUS = [2, 3, 5] as const;
export type SettableCvStatus = (typeof SETTABLE_CV_STATUS)[number];
export const INITIAL_CV_STATUS = 1;

/** CVAvailabilityType: searchable (Active) or not (Inactive). */
export const CV_SOEGBARHED = ['Active', 'Inactive'] as const;
export type CvSoegbarhed = (typeof CV_SOEGBARHED)[number];

/**
 * The CV's state in Jobnet (tilstand). Not a field of the specification; it is what fejlkoder
 * 4753 (archived), 4754 (disabled) and 4823 (locked) report.
 */
export const CV_TILSTANDE = ['Aktiv', 'Arkiveret', 'Deaktiveret', 'Laast'] as const;
export type CvTilstand = (typeof CV_TILSTANDE)[number];

/**
 * The citizen's benefit group (ydelsesgruppe), which decides who may set the CV status:
 * an a-kasse for dagpenge (4368), a job centre for kontanthjælp/uddannelseshjælp (4369) and for
 * kontanthjælp under the integration programme (4370). Others: both.
 */
export const YDELSESGRUPPER = ['Dagpenge', 'Kontanthjaelp', 'Uddannelseshjaelp', 'Integrationsprogram', 'Andet'] as const;
export type Ydelsesgruppe = (typeof YDELSESGRUPPER)[number];

/** The contact groups an a-kasse may set CV status for (9009, CVWorkFlowService.UpdateCVStatus). */
export const AKASSE_KONTAKTGRUPPER = [1, 8, 23] as const;

/** LanguageSkillLevelType: the five levels (Novice ... Expert), kept in English as the specification's enumeration. */
export const SPROGNIVEAUER = ['Novice', 'AdvancedBeginner', 'Competent', 'Proficient', 'Expert'] as const;
export type Sprogniveau = (typeof SPROGNIVEAUER)[number];

/** EducationLevelEnum (CVService, SearchCVText), in the specification's order. */
export const UDDANNELSESNIVEAUER = [
  'Unknown',
  'PrimarySchoolLastLevel',
  'LaborMarketCourses',
  'SecondarySchool',
  'Vocational',
  'OtherCourses',
  'PrimarySchoolFoundation',
  'ShortTertiaryEducation',
  'Bachelor',
  'Master',
  'PhdOrPostdoc',
] as const;
export type Uddannelsesniveau = (typeof UDDANNELSESNIVEAUER)[number];

/** FormalEducation, Course and Certificate: the specification's mutually exclusive choice in EducationType. */
export const UDDANNELSESARTER = ['FormelUddannelse', 'Kursus', 'Certifikat'] as const;
export type Uddannelsesart = (typeof UDDANNELSESARTER)[number];

/** GenderType. */
export const KOEN = ['Male', 'Female', 'Unknown'] as const;

/** DriverLicenseEnum (CVService, SearchCVText) with the Danish name GetCV shows (DriverLicenseType.Name). */
export const KOEREKORT: Record<string, string> = {
  A1: 'Lille motorcykel (A1)',
  B: 'Almindelig bil (B)',
  C: 'Lastbil (C)',
  D: 'Bus (D)',
  BE: 'Bil med stort påhængskøretøj (BE)',
  CE: 'Lastbil med påhængskøretøj (CE)',
  DE: 'Bus med påhængskøretøj (DE)',
  A: 'Stor motorcykel (A)',
  A10: 'Motorcykel, gammel ordning (A10)',
  AMa: 'Knallert, lille (AM)',
  AMb: 'Knallert, stor (AM)',
  A2: 'Mellemstor motorcykel (A2)',
  C1: 'Lille lastbil (C1)',
  D1: 'Lille bus (D1)',
  C1E: 'Lille lastbil med påhængskøretøj (C1E)',
  D1E: 'Lille bus med påhængskøretøj (D1E)',
  Taxi: 'Erhvervskørekort til taxi',
  Traktor: 'Traktorkørekort',
  Truck: 'Truckcertifikat',
  BusErhverv: 'Erhvervskørekort til bus',
  DigitalFartskriver: 'Førerkort til digital fartskriver',
  EUGodsErhverv: 'EU-kvalifikationsbevis, gods',
  EUBusErhverv: 'EU-kvalifikationsbevis, bus',
};
export const KOEREKORT_KODER = Object.keys(KOEREKORT);

/**
 * Languages (LanguageSkillType.Code, "Reference til TaxonomyService.GETLanguages"): ISO 639-1 codes
 * with the Danish name GetCV shows. The taxonomy service is not called; this list is what is accepted.
 */
export const SPROG: Record<string, string> = {
  da: 'Dansk',
  en: 'Engelsk',
  de: 'Tysk',
  fr: 'Fransk',
  es: 'Spansk',
  it: 'Italiensk',
  pt: 'Portugisisk',
  nl: 'Nederlandsk',
  sv: 'Svensk',
  no: 'Norsk',
  is: 'Islandsk',
  fo: 'Færøsk',
  kl: 'Grønlandsk',
  fi: 'Finsk',
  et: 'Estisk',
  lv: 'Lettisk',
  lt: 'Litauisk',
  pl: 'Polsk',
  cs: 'Tjekkisk',
  sk: 'Slovakisk',
  hu: 'Ungarsk',
  ro: 'Rumænsk',
  bg: 'Bulgarsk',
  hr: 'Kroatisk',
  sr: 'Serbisk',
  bs: 'Bosnisk',
  sl: 'Slovensk',
  el: 'Græsk',
  tr: 'Tyrkisk',
  ru: 'Russisk',
  uk: 'Ukrainsk',
  ar: 'Arabisk',
  fa: 'Persisk',
  ku: 'Kurdisk',
  ps: 'Pashto',
  ur: 'Urdu',
  hi: 'Hindi',
  so: 'Somalisk',
  ti: 'Tigrinya',
  am: 'Amharisk',
  zh: 'Kinesisk',
  ja: 'Japansk',
  ko: 'Koreansk',
  vi: 'Vietnamesisk',
  th: 'Thai',
  tl: 'Tagalog',
  sq: 'Albansk',
  he: 'Hebraisk',
};
export const SPROG_KODER = Object.keys(SPROG);
