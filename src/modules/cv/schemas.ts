/**
 * CV (CVService, CVWorkFlowService): the v1 schemas.
 *
 * The specifications give only English element names. Every property here has a Danish camelCase
 * name (ASCII: ae/oe/aa) and its description ends with the English element name in parentheses.
 * The translation table English -> Danish is the glossary in docs/cv-glossary.md: a new or renamed
 * property must be added there too.
 *
 * `CvProfil` (CVProfileType) is what GetCV, GetCVByCVNumber and the stored versions return, and what
 * the PDF renderer draws; `CvInput` (ReplaceCVRequestType) is what ReplaceCV takes.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { d, Guid, GUID_PATTERN, ServiceKvittering } from '../../schemas/common';
import {
  CV_SOEGBARHED,
  CV_STATUS,
  KOEN,
  KOEREKORT_KODER,
  SETTABLE_CV_STATUS,
  SPROG_KODER,
  SPROGNIVEAUER,
  UDDANNELSESARTER,
  UDDANNELSESNIVEAUER,
} from './kodelister';

const Enum = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

const Tekst = (maxLength: number, description: string, examples?: string[], minLength = 1) =>
  Type.String({ minLength, maxLength, description, ...(examples ? { examples } : {}) });

/** The per-section limits of a CV (ReplaceCV answers 400/1014 beyond them). */
export const CV_GRAENSER = {
  telefonnumre: 5,
  jobmaal: 20,
  tidligereErhvervserfaring: 50,
  uddannelser: 50,
  kvalifikationer: 100,
  koerekort: KOEREKORT_KODER.length,
  sprogkundskaber: 30,
  andreErfaringer: 50,
  websider: 10,
  /** Characters of a description of one experience or education. */
  beskrivelse: 4000,
  /** Characters of the professional summary's HTML as sent (before sanitising). */
  fagligProfilHtml: 20000,
} as const;

export const CV_NUMMER_PATTERN = '^[0-9]{8}$';
export const CvNummer = (description = d('CV-nummer, Jobnets nøgle for borgerens CV (8 cifre)', 'CvCustomerIdentifier')) =>
  Type.String({ pattern: CV_NUMMER_PATTERN, description, examples: ['10000001'] });

/** PartialDate: a year, or a year and a month. */
export const Delvisdato = (description: string) =>
  Type.Object(
    {
      aar: Type.Integer({ minimum: 1900, maximum: 2100, description: d('Årstal (4 cifre)', 'Year'), examples: [2019] }),
      maaned: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: d('Måned 1-12 (specifikationen: --MM)', 'Month'), examples: [8] })),
    },
    { additionalProperties: false, description },
  );
export type Delvisdato = Static<ReturnType<typeof Delvisdato>>;

const StillingsbetegnelseReference = Type.Integer({
  minimum: 1,
  maximum: 2147483647,
  description: d('Reference til taksonomien for stillingsbetegnelser', 'OccupationTaxonomyReference'),
  examples: [4711],
});

// ---------------------------------------------------------------------------------------------
// Personal data (PersonalDataType): from the registries, shown in GetCV; only contact data is input.

const Telefonnummer = Type.String({
  minLength: 1,
  maxLength: 16,
  pattern: '^\\+?[0-9 ]{1,16}$',
  'x-fejlkode': 9157,
  description: d('Telefon- eller mobilnummer', 'PhoneNumber'),
  examples: ['+45 12345678'],
});

export const CV_EMAIL_PATTERN = '^[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,191}@[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,64}$';

export const Kontaktoplysninger = Type.Object(
  {
    email: Type.Optional(
      Type.String({ maxLength: 255, pattern: CV_EMAIL_PATTERN, 'x-fejlkode': 9158, description: d('E-mailadresse', 'E-mail'), examples: ['anna.andersen@example.dk'] }),
    ),
    telefonnumre: Type.Array(Telefonnummer, {
      maxItems: CV_GRAENSER.telefonnumre,
      description: d(`Telefon-, mobil- og faxnumre (højst ${CV_GRAENSER.telefonnumre})`, 'PhoneNumber'),
    }),
  },
  { additionalProperties: false, description: d('Kontaktoplysninger, bortset fra adresse', 'ContactInformation') },
);

const Postadresse = Type.Object(
  {
    landekode: Tekst(2, d('Landekode (ISO 3166, to bogstaver)', 'CountryCode'), ['DK']),
    adresselinje: Tekst(100, d('Adresselinje: vejnavn, husnummer, etage mv.', 'AddressLine'), ['Åboulevarden 12, 2. th.']),
    postnummer: Tekst(15, d('Postnummer', 'PostalCode'), ['8000']),
    postdistrikt: Tekst(50, d('Bynavn for postnummeret', 'PostalArea'), ['Aarhus C']),
    coAdresse: Type.Optional(Tekst(75, d('C/O-adresse', 'COAddress'))),
  },
  { additionalProperties: false, description: d('Adresseoplysninger', 'PostalAddress') },
);

const PersonligeData = Type.Object(
  {
    efternavn: Type.Optional(Tekst(50, d('Efternavn', 'FamilyName'), ['Andersen'])),
    fornavn: Type.Optional(Tekst(70, d('Fornavn', 'GivenName'), ['Anna'])),
    mellemnavn: Type.Optional(Type.String({ maxLength: 40, description: d('Mellemnavne adskilt af mellemrum', 'MiddleName') })),
    foedselsdato: Type.Optional(Type.String({ format: 'date', description: d('Fødselsdato (af CPR-nummeret)', 'DateOfBirth'), examples: ['1990-01-01'] })),
    koen: Type.Optional(Enum(KOEN, d('Køn (af CPR-nummeret)', 'Gender'))),
    postadresse: Type.Optional(Postadresse),
    kontaktoplysninger: Kontaktoplysninger,
  },
  { additionalProperties: false, description: d('Personlige data om borgeren', 'PersonalData') },
);

// ---------------------------------------------------------------------------------------------
// Job conditions and job targets ("Jeg søger job som")

const Flag = (dansk: string, english: string) => Type.Optional(Type.Boolean({ description: d(dansk, english) }));

const jobbetingelserInput = {
  fuldtid: Flag('Sand hvis borgeren søger fuldtidsjob', 'FullTimeEmployment'),
  deltid: Flag('Sand hvis borgeren søger deltidsjob', 'PartTimeEmployment'),
  startHurtigstMuligt: Flag('Sand hvis borgeren vil starte på nyt job så hurtigt som muligt', 'StartAsSoonAsPossible'),
  startEfterAftale: Flag('Sand hvis borgeren vil starte på nyt job efter aftale', 'StartAsAgreedOn'),
  fastStilling: Flag('Sand hvis borgeren søger fast job', 'PermanentJobPosition'),
  midlertidigStilling: Flag('Sand hvis borgeren søger midlertidigt job', 'TemporaryJobPosition'),
  almindeligeVilkaar: Flag('Sand hvis borgeren søger job på almindelige vilkår', 'StandardJobConditions'),
  efterloennerVilkaar: Flag('Sand hvis borgeren søger job, der passer til efterlønnere og seniorer', 'EarlyRetirementConditions'),
  foertidspensionistVilkaar: Flag(
    'Sand hvis borgeren søger job, der passer til førtidspensionister på særlige vilkår',
    'DisabilityPensionerConditions',
  ),
};

export const JobbetingelserInput = Type.Object(
  { egenBil: Flag('Sand hvis borgeren vil bruge egen bil', 'WillingToUseOwnCar'), ...jobbetingelserInput },
  { additionalProperties: false, description: d('Betingelser for ansættelse', 'JobConditions') },
);
export const Jobbetingelser = JobbetingelserInput;

const jobmaalFelter = {
  stillingsbetegnelse: Tekst(100, d('Stillingsbetegnelse (fra taksonomien)', 'JobTitle'), ['Pædagog']),
  stillingsbetegnelseReference: StillingsbetegnelseReference,
  harUddannelse: Type.Boolean({ description: d('Har borgeren en uddannelse, som svarer til stillingsbetegnelsen', 'HasEducation') }),
  maanederMedErfaring: Type.Integer({ minimum: 0, maximum: 720, description: d('Erfaring i antal måneder', 'MonthsOfExperience'), examples: [36] }),
  senesteErfaring: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: d('Årstal for seneste ansættelse i jobbet', 'LastExperience'), examples: [2024] })),
};

export const Jobmaal = Type.Object(jobmaalFelter, {
  additionalProperties: false,
  description: d('Et af borgerens jobønsker (Jeg søger job som)', 'JobTarget'),
});

// ---------------------------------------------------------------------------------------------
// The CV itself (CVType)

export const TidligereErhvervserfaring = Type.Object(
  {
    stillingsbetegnelse: Tekst(100, d('Stilling eller funktion', 'JobTitle'), ['Pædagogmedhjælper']),
    stillingsbetegnelseReference: Type.Optional(StillingsbetegnelseReference),
    arbejdsgiver: Tekst(100, d('Arbejdsgiverens navn', 'EmployerName'), ['Børnehuset Ærtebjerg']),
    startdato: Delvisdato(d('Start på ansættelsen. År/måned eller år', 'StartDate')),
    slutdato: Type.Optional(Delvisdato(d('Slut på ansættelsen; mangler den, er ansættelsen aktuel', 'EndDate'))),
    beskrivelse: Type.Optional(Tekst(CV_GRAENSER.beskrivelse, d('Ansvar, arbejdsopgaver og resultater', 'SummaryText'))),
  },
  { additionalProperties: false, description: d('Tidligere erhvervserfaring: en ansættelse', 'PreviousJobExperience') },
);

export const Uddannelse = Type.Object(
  {
    art: Enum(
      UDDANNELSESARTER,
      d('Uddannelse, kursus eller certifikat (specifikationens gensidigt udelukkende valg)', 'FormalEducation / Course / Certificate'),
    ),
    titel: Tekst(150, d('Uddannelsens, kursets eller certifikatets navn', 'EducationName'), ['Pædagog, professionsbachelor']),
    institution: Type.Optional(Tekst(150, d('Uddannelsessted eller udsteder', 'InstitutionName'), ['VIA University College'])),
    uddannelsesniveau: Type.Optional(Enum(UDDANNELSESNIVEAUER, d('Uddannelsesniveau (for en formel uddannelse)', 'EducationLevel'))),
    startdato: Type.Optional(Delvisdato(d('Start. År/måned eller år', 'StartDate'))),
    slutdato: Type.Optional(Delvisdato(d('Afslutning. År/måned eller år', 'EndDate'))),
    beskrivelse: Type.Optional(Tekst(CV_GRAENSER.beskrivelse, d('Beskrivelse', 'Description'))),
  },
  { additionalProperties: false, description: d('Uddannelse, kursus eller certifikat', 'Education') },
);

const kvalifikationFelter = {
  navn: Tekst(150, d('Navn på kvalifikationen som borger og arbejdsgiver angiver den', 'Name'), ['Førstehjælp']),
  kvalifikationReference: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 2147483647, description: d('Reference til taksonomien med kvalifikationer', 'QualificationTaxonomyReference') }),
  ),
};
export const Kvalifikation = Type.Object(kvalifikationFelter, { additionalProperties: false, description: d('Kvalifikation', 'Qualification') });

const KoerekortKode = Type.Unsafe<string>({ type: 'string', enum: KOEREKORT_KODER, description: d('Kode for kørekortet (EU-kode mv.)', 'Code') });
export const KoerekortInput = Type.Object({ kode: KoerekortKode }, { additionalProperties: false, description: d('Et kørekort', 'DriverLicense') });
export const Koerekort = Type.Object(
  { kode: KoerekortKode, navn: Tekst(100, d('Dansk navn på kørekortet', 'Name'), ['Almindelig bil (B)']) },
  { additionalProperties: false, description: d('Et kørekort', 'DriverLicense') },
);

const SprogKode = Type.Unsafe<string>({
  type: 'string',
  enum: SPROG_KODER,
  description: d('Kode for sproget (ISO 639-1)', 'Code'),
  examples: ['da'],
});
const Niveau = Enum(SPROGNIVEAUER, d('Færdighedsniveau: Novice, AdvancedBeginner, Competent, Proficient eller Expert', 'Level'));
export const SprogkundskabInput = Type.Object({ kode: SprogKode, niveau: Niveau }, { additionalProperties: false, description: d('Et sprog', 'LanguageSkill') });
export const Sprogkundskab = Type.Object(
  { kode: SprogKode, navn: Tekst(50, d('Dansk navn på sproget', 'Name'), ['Dansk']), niveau: Niveau },
  { additionalProperties: false, description: d('Et sprog', 'LanguageSkill') },
);

export const AndenErfaring = Type.Object(
  {
    titel: Tekst(100, d('Stilling eller funktion', 'Title'), ['Frivillig træner']),
    sted: Tekst(100, d('Hvor', 'Place'), ['Ølstykke Svømmeklub']),
    beskrivelse: Tekst(CV_GRAENSER.beskrivelse, d('Ansvar, arbejdsopgaver og resultater', 'SummaryText')),
    startdato: Delvisdato(d('Start på erfaringen. År/måned eller år', 'StartDate')),
    slutdato: Type.Optional(Delvisdato(d('Slut på erfaringen. År/måned eller år', 'EndDate'))),
  },
  { additionalProperties: false, description: d('Anden erfaring', 'OtherExperience') },
);

export const FagligProfilInput = Type.Object(
  {
    htmlTekst: Type.String({
      maxLength: CV_GRAENSER.fagligProfilHtml,
      description: d(
        'Faglig profil med HTML-formatering. Alt andet end punktlister, kursiv, understregning, fed, afsnit og linjeskift fjernes',
        'HTMLText',
      ),
      examples: ['<p>Erfaren <strong>pædagog</strong> med fokus på:</p><ul><li>sprogstimulering</li><li>udeliv</li></ul>'],
    }),
  },
  { additionalProperties: false, description: d('Faglig profil (HTML-formateret tekst)', 'ProfessionalSummaryText') },
);
export const FagligProfil = Type.Object(
  {
    htmlTekst: Type.String({ maxLength: CV_GRAENSER.fagligProfilHtml, description: d('Faglig profil med den tilladte HTML-formatering (renset)', 'HTMLText') }),
    tekst: Type.String({ maxLength: CV_GRAENSER.fagligProfilHtml, description: d('Faglig profil uden formatering', 'PlainText') }),
  },
  { additionalProperties: false, description: d('Faglig profil', 'ProfessionalSummaryText') },
);

const Webside = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^https?://[^\\s]{1,247}$',
  description: d('Webside, fx et link til andre CV\'er (LinkedIn) eller en portfolio', 'WebSite'),
  examples: ['https://www.linkedin.com/in/anna-andersen'],
});

const Liste = <T extends TSchema>(item: T, maxItems: number, dansk: string, english: string) =>
  Type.Array(item, { maxItems, description: d(`${dansk} (højst ${maxItems})`, english) });

/** The CV part of ReplaceCV's input (CVType). */
export const CvIndholdInput = Type.Object(
  {
    tidligereErhvervserfaring: Liste(TidligereErhvervserfaring, CV_GRAENSER.tidligereErhvervserfaring, 'Tidligere erhvervserfaring', 'PreviousJobExperienceCollection'),
    uddannelser: Liste(Uddannelse, CV_GRAENSER.uddannelser, 'Uddannelser, kurser og certifikater', 'EducationCollection'),
    kvalifikationer: Liste(Kvalifikation, CV_GRAENSER.kvalifikationer, 'Kvalifikationer', 'QualificationCollection'),
    koerekort: Liste(KoerekortInput, CV_GRAENSER.koerekort, 'Kørekort, hvert højst én gang', 'DriverLicenseCollection'),
    sprogkundskaber: Liste(SprogkundskabInput, CV_GRAENSER.sprogkundskaber, 'Sprogkundskaber, hvert sprog højst én gang', 'LanguageSkillCollection'),
    andreErfaringer: Liste(AndenErfaring, CV_GRAENSER.andreErfaringer, 'Andre erfaringer', 'OtherExperienceCollection'),
    fagligProfil: Type.Optional(FagligProfilInput),
    websider: Liste(Webside, CV_GRAENSER.websider, 'Referencer til andre CV\'er o.l.', 'OtherCVReferenceCollection'),
  },
  { additionalProperties: false, description: d('Borgerens CV', 'CV') },
);

/** The CV part as returned (CVType). */
export const CvIndhold = Type.Object(
  {
    tidligereErhvervserfaring: Liste(TidligereErhvervserfaring, CV_GRAENSER.tidligereErhvervserfaring, 'Tidligere erhvervserfaring', 'PreviousJobExperienceCollection'),
    uddannelser: Liste(Uddannelse, CV_GRAENSER.uddannelser, 'Uddannelser, kurser og certifikater', 'EducationCollection'),
    kvalifikationer: Liste(Kvalifikation, CV_GRAENSER.kvalifikationer, 'Kvalifikationer', 'QualificationCollection'),
    koerekort: Liste(Koerekort, CV_GRAENSER.koerekort, 'Kørekort', 'DriverLicenseCollection'),
    sprogkundskaber: Liste(Sprogkundskab, CV_GRAENSER.sprogkundskaber, 'Sprogkundskaber', 'LanguageSkillCollection'),
    andreErfaringer: Liste(AndenErfaring, CV_GRAENSER.andreErfaringer, 'Andre erfaringer', 'OtherExperienceCollection'),
    fagligProfil: Type.Optional(FagligProfil),
    websider: Liste(Webside, CV_GRAENSER.websider, 'Referencer til andre CV\'er o.l.', 'OtherCVReferenceCollection'),
  },
  { additionalProperties: false, description: d('Borgerens CV', 'CV') },
);

// ---------------------------------------------------------------------------------------------
// ReplaceCV input and the CV profile

const EXAMPLE_INPUT = {
  kontaktoplysninger: { email: 'anna.andersen@example.dk', telefonnumre: ['+45 12345678'] },
  jobbetingelser: { fuldtid: true, startEfterAftale: true, fastStilling: true, almindeligeVilkaar: true },
  jobmaal: [{ stillingsbetegnelse: 'Pædagog', stillingsbetegnelseReference: 4711, harUddannelse: true, maanederMedErfaring: 60, senesteErfaring: 2025 }],
  cv: {
    tidligereErhvervserfaring: [
      {
        stillingsbetegnelse: 'Pædagog',
        stillingsbetegnelseReference: 4711,
        arbejdsgiver: 'Børnehuset Ærtebjerg',
        startdato: { aar: 2019, maaned: 8 },
        slutdato: { aar: 2025, maaned: 6 },
        beskrivelse: 'Ansvar for førskolegruppen og forældresamarbejde.',
      },
    ],
    uddannelser: [
      {
        art: 'FormelUddannelse',
        titel: 'Pædagog, professionsbachelor',
        institution: 'VIA University College',
        uddannelsesniveau: 'Bachelor',
        startdato: { aar: 2015 },
        slutdato: { aar: 2019, maaned: 6 },
      },
    ],
    kvalifikationer: [{ navn: 'Førstehjælp', kvalifikationReference: 1201 }],
    koerekort: [{ kode: 'B' }],
    sprogkundskaber: [
      { kode: 'da', niveau: 'Expert' },
      { kode: 'en', niveau: 'Proficient' },
    ],
    andreErfaringer: [
      { titel: 'Frivillig træner', sted: 'Ølstykke Svømmeklub', beskrivelse: 'Træner for børnehold.', startdato: { aar: 2021 } },
    ],
    fagligProfil: { htmlTekst: '<p>Erfaren <strong>pædagog</strong> med fokus på:</p><ul><li>sprogstimulering</li><li>udeliv</li></ul>' },
    websider: ['https://www.linkedin.com/in/anna-andersen'],
  },
};

export const CvInput = Type.Object(
  {
    kontaktoplysninger: Kontaktoplysninger,
    jobbetingelser: JobbetingelserInput,
    jobmaal: Liste(Type.Object(jobmaalFelter, { additionalProperties: false, description: Jobmaal.description }), CV_GRAENSER.jobmaal, 'Borgerens jobønsker (Jeg søger job som), hver stillingsbetegnelse højst én gang', 'JobTargetCollection'),
    cv: CvIndholdInput,
  },
  {
    $id: 'CvInput',
    additionalProperties: false,
    description: d('Et helt CV, der opretter eller erstatter borgerens CV', 'ReplaceCVRequest'),
    examples: [EXAMPLE_INPUT],
  },
);
export type CvInput = Static<typeof CvInput>;

export const CvProfil = Type.Object(
  {
    cvNummer: CvNummer(d('Borgerens CV-nummer, nøglen på Jobnet (synonymer: CvCustomerIdentifier, CVNumber)', 'JobnetCVId')),
    personligeData: PersonligeData,
    jobbetingelser: Jobbetingelser,
    jobmaal: Liste(Jobmaal, CV_GRAENSER.jobmaal, 'Borgerens jobønsker (Jeg søger job som)', 'JobTargetCollection'),
    cv: CvIndhold,
  },
  {
    $id: 'CvProfil',
    additionalProperties: false,
    description: d('Borgerens profil på Jobnet', 'CVProfile'),
    examples: [
      {
        cvNummer: '10000001',
        personligeData: {
          efternavn: 'Andersen',
          fornavn: 'Anna',
          foedselsdato: '1990-01-01',
          koen: 'Female',
          postadresse: { landekode: 'DK', adresselinje: 'Åboulevarden 12, 2. th.', postnummer: '8000', postdistrikt: 'Aarhus C' },
          kontaktoplysninger: EXAMPLE_INPUT.kontaktoplysninger,
        },
        jobbetingelser: EXAMPLE_INPUT.jobbetingelser,
        jobmaal: EXAMPLE_INPUT.jobmaal,
        cv: {
          ...EXAMPLE_INPUT.cv,
          koerekort: [{ kode: 'B', navn: 'Almindelig bil (B)' }],
          sprogkundskaber: [
            { kode: 'da', navn: 'Dansk', niveau: 'Expert' },
            { kode: 'en', navn: 'Engelsk', niveau: 'Proficient' },
          ],
          fagligProfil: {
            htmlTekst: '<p>Erfaren <strong>pædagog</strong> med fokus på:</p><ul><li>sprogstimulering</li><li>udeliv</li></ul>',
            tekst: 'Erfaren pædagog med fokus på:\n• sprogstimulering\n• udeliv',
          },
        },
      },
    ],
  },
);
export type CvProfil = Static<typeof CvProfil>;

// ---------------------------------------------------------------------------------------------
// Status, availability, versions

export const Kommune = Type.Object(
  {
    kommunekode: Type.String({ pattern: '^[0-9]{3}$', description: d('Kommunekode', 'MunicipalityCode'), examples: ['751'] }),
    kommunenavn: Tekst(100, d('Navn på kommunen', 'MunicipalityName'), ['Aarhus']),
  },
  { additionalProperties: false, description: d('Kommune', 'Municipality') },
);

export const CvStatusKode = Type.Integer({
  minimum: 1,
  maximum: 5,
  description: d(
    'CV\'ets status: ' + Object.entries(CV_STATUS).map(([k, v]) => `${k} = ${v}`).join(', '),
    'CvStatusIdentifier',
  ),
  examples: [3],
});

export const TilladtCvStatus = Type.Unsafe<(typeof SETTABLE_CV_STATUS)[number]>({
  type: 'integer',
  enum: [...SETTABLE_CV_STATUS],
  description: d('Status: 2 = Klar til kvalitetssikring, 3 = CV godkendt, 5 = CV ej godkendt. Kun 2, 3 og 5 er tilladte', 'AllowedCVStatusIdentifier'),
  examples: [3],
});

export const CvKommentar = Type.String({ maxLength: 400, description: d('Kommentar til CV\'et (højst 400 tegn)', 'CvComment / Comment'), examples: ['CV\'et er gennemgået sammen med borgeren.'] });

export const Soegbarhed = Enum(CV_SOEGBARHED, d('Om CV\'et er søgbart (Active) eller ej (Inactive)', 'CVAvailability'));

export const Cv = Type.Object(
  {
    kommune: Type.Optional(Kommune),
    cvStatus: CvStatusKode,
    cvKommentar: Type.Optional(CvKommentar),
    cvProfil: Type.Ref(CvProfil),
  },
  {
    $id: 'Cv',
    additionalProperties: false,
    description: d('Borgerens CV, som det aktuelt fremstår på Jobnet', 'GetCVResponse'),
    examples: [{ kommune: { kommunekode: '751', kommunenavn: 'Aarhus' }, cvStatus: 3, cvProfil: CvProfil.examples[0] }],
  },
);
export type Cv = Static<typeof Cv>;

export const CvStatus = Type.Object(
  {
    cvNummer: CvNummer(),
    cvStatus: CvStatusKode,
    soegbarhed: Soegbarhed,
    cvKommentar: Type.Optional(CvKommentar),
  },
  {
    additionalProperties: false,
    description: d('CV\'ets aktuelle status og søgbarhed', 'CvStatus'),
    examples: [{ cvNummer: '10000001', cvStatus: 3, soegbarhed: 'Active', cvKommentar: 'CV\'et er gennemgået sammen med borgeren.' }],
  },
);

export const SaetCvStatusInput = Type.Object(
  {
    cvNummer: Type.Optional(CvNummer(d('CV-nummer; angives det, skal det være borgerens (ellers 404/4102). CVWorkFlowService.UpdateCVStatus har det ikke', 'CvCustomerIdentifier'))),
    cvStatus: TilladtCvStatus,
    kommentar: Type.Optional(CvKommentar),
  },
  {
    additionalProperties: false,
    description: d('Ny status for CV\'et', 'SetCvStatus'),
    examples: [{ cvNummer: '10000001', cvStatus: 3, kommentar: 'CV\'et er gennemgået sammen med borgeren.' }],
  },
);
export type SaetCvStatusInput = Static<typeof SaetCvStatusInput>;

export const SoegbarhedInput = Type.Object(
  { soegbarhed: Soegbarhed },
  { additionalProperties: false, description: d('CV\'ets søgbarhed', 'CvAvailability'), examples: [{ soegbarhed: 'Inactive' }] },
);

export const CvVersionId = Type.String({ pattern: GUID_PATTERN, description: d('Unik id for CV-versionen', 'CVVersionIdentifier') });

export const CvVersionItem = Type.Object(
  {
    cvStatus: TilladtCvStatus,
    cvVersionId: CvVersionId,
    versionstidspunkt: Type.String({ format: 'date-time', description: d('Hvornår versionen blev gemt', 'CVVersionTime') }),
  },
  { additionalProperties: false, description: d('En gemt version af CV\'et', 'CVStatusVersionItem') },
);

export const CvVersionListe = Type.Object(
  { versioner: Type.Array(CvVersionItem, { description: d('Versionerne, nyeste først', 'AvailableCVStatusVersionCollection') }) },
  {
    additionalProperties: false,
    description: d('De gemte versioner af CV\'et', 'GetAvailableVersionsResponse'),
    examples: [{ versioner: [{ cvStatus: 3, cvVersionId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', versionstidspunkt: '2026-10-01T10:00:00.000Z' }] }],
  },
);

export const VersionerQuery = Type.Object(
  { cvStatus: Type.Optional(TilladtCvStatus) },
  { additionalProperties: false },
);

export const CvPaaStatusQuery = Type.Object(
  {
    cvStatus: Type.Optional(TilladtCvStatus),
    cvVersionId: Type.Optional(Guid(d('Id på den ønskede CV-version', 'CVVersionIdentifier'))),
  },
  { additionalProperties: false },
);

/** A CV version with the status it got (CVOnStatusItem), without the CV itself: the profile or the PDF follows. */
export const CvPaaStatusFelter = {
  kommune: Type.Optional(Kommune),
  cvStatus: TilladtCvStatus,
  cvKommentar: Type.Optional(CvKommentar),
  cvVersionId: CvVersionId,
  versionstidspunkt: Type.String({ format: 'date-time', description: d('Tidsstempel for versionen', 'CVVersionTime') }),
};

export const CvPaaStatus = Type.Object(
  {
    ...CvPaaStatusFelter,
    cvProfil: Type.Ref(CvProfil),
  },
  {
    $id: 'CvPaaStatus',
    additionalProperties: false,
    description: d('CV\'et, som det så ud, da det fik status', 'CVOnStatusItem'),
    examples: [
      {
        kommune: { kommunekode: '751', kommunenavn: 'Aarhus' },
        cvStatus: 5,
        cvKommentar: 'Jobønskerne mangler erfaring.',
        cvVersionId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        versionstidspunkt: '2026-09-03T08:00:00.000Z',
        cvProfil: CvProfil.examples[0],
      },
    ],
  },
);

export const CvProfilSvar = Type.Object(
  { cvProfil: Type.Ref(CvProfil) },
  { additionalProperties: false, description: d('CV-profilen', 'GetCVByCVNumberResponse'), examples: [{ cvProfil: CvProfil.examples[0] }] },
);
export type CvPaaStatus = Static<typeof CvPaaStatus>;

export const CvNummerOpslag = Type.Object(
  {
    cvNummer: CvNummer(d('Borgerens CV-nummer', 'CVNumber')),
    borgerSamtykke: Type.Boolean({
      description: d('Skal være true: bekræfter at borgeren har givet samtykke til, at CV\'et hentes (ellers 403/9192)', 'CitizenConsentObtained'),
    }),
  },
  {
    additionalProperties: false,
    description: d('Opslag af et CV på CV-nummer', 'GetCVByCVNumberRequest'),
    examples: [{ cvNummer: '10000001', borgerSamtykke: true }],
  },
);

export const CvKvittering = Type.Object(
  { serviceKvittering: ServiceKvittering },
  {
    additionalProperties: false,
    description: d('Kvittering', 'ServiceReceipt'),
    examples: [{ serviceKvittering: { haendelsestidspunkt: '2026-11-23T09:15:00.000Z', beskedId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' } }],
  },
);

// ---------------------------------------------------------------------------------------------
// Audit log (adgangslog)

export const AdgangslogQuery = Type.Object(
  {
    fra: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: d('Kun opslag fra og med dette tidspunkt', 'FromDateTime') })),
    til: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: d('Kun opslag før dette tidspunkt', 'ToDateTime') })),
    antal: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: d('Højst så mange poster (1-500, standard 100)', 'MaxResults') })),
  },
  { additionalProperties: false },
);

export const AdgangslogPost = Type.Object(
  {
    tidspunkt: Type.String({ format: 'date-time', description: d('Hvornår opslaget skete', 'AccessTime') }),
    subjekt: Type.String({ maxLength: 255, description: d('Hvem: tokenets subjekt', 'Subject') }),
    rolle: Type.String({ maxLength: 20, description: d('Hvem: tokenets rolle', 'Role') }),
    organisation: Type.Optional(Type.String({ maxLength: 20, description: d('Hvem: tokenets organisation (kommunekode, a-kassenummer)', 'Organisation') })),
    cpr: Type.Optional(Type.String({ maxLength: 10, description: d('Hvis CV (borgerens CPR-nummer)', 'PersonCivilRegistrationIdentifier') })),
    cvNummer: Type.Optional(Type.String({ maxLength: 8, description: d('Hvis CV (CV-nummer)', 'CvCustomerIdentifier') })),
    operation: Type.String({ maxLength: 50, description: d('Hvilken operation', 'OperationId'), examples: ['GetCV'] }),
    tilladt: Type.Boolean({ description: d('Om opslaget blev tilladt', 'Allowed') }),
    fejlkode: Type.Optional(Type.Integer({ description: d('Fejlkoden når opslaget blev afvist', 'ErrorCode') })),
    kriterier: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: d('En søgning (SearchCVText): søgekriterierne, som de blev sendt', 'SearchCriteria') }),
    ),
    antalHits: Type.Optional(Type.Integer({ minimum: 0, description: d('En søgning: antal fundne CV\'er', 'TotalResults') })),
  },
  { additionalProperties: false, description: d('Et opslag i et CV eller en CV-søgning foretaget af en anden end borgeren selv', 'AuditLogEntry') },
);
export type AdgangslogPost = Static<typeof AdgangslogPost>;

export const AdgangslogListe = Type.Object(
  { opslag: Type.Array(AdgangslogPost, { description: d('Opslagene, nyeste først', 'AuditLogEntries') }) },
  {
    additionalProperties: false,
    description: d('Adgangslog for CV-opslag', 'AuditLog'),
    examples: [
      {
        opslag: [
          {
            tidspunkt: '2026-11-23T09:15:00.000Z',
            subjekt: 'jobcenter-aarhus-sagsbehandler-17',
            rolle: 'jobcenter',
            organisation: '751',
            cpr: '0101901234',
            cvNummer: '10000001',
            operation: 'GetCV',
            tilladt: true,
          },
        ],
      },
    ],
  },
);
