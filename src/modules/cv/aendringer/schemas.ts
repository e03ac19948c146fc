/**
 * The CV change feeds (CVService GetCVUpdateList, CVWorkFlowService GetUpdatedCVs and GetCVList): v1
 * schemas. Names are Danish; each description ends with the specification's English element name.
 * docs/cv-feeds.md has the design (the cursor, the time windows, the page size).
 */
import { Type, type Static } from '@sinclair/typebox';
import { d } from '../../../schemas/common';
import { CPR_PATTERN } from '../../../domain/cpr';

/** Changed CVs per page of GetCVUpdateList / GetUpdatedCVs (the specification names no page size). */
export const AENDRINGER_SIDESTOERRELSE = 500;
/** The deepest page (paging depth cap); a window with more changed CVs is split into smaller windows. */
export const MAX_SIDE = 1000;
/** The longest time window of GetCVUpdateList / GetUpdatedCVs, in days: longer ones use GetCVList's cursor. */
export const MAX_VINDUE_DAGE = 31;
/** Events per page of GetCVList: default and maximum. */
export const HAENDELSER_STANDARD = 500;
export const HAENDELSER_MAX = 1000;

const Tidspunkt = (description: string, example: string) => Type.String({ format: 'date-time', maxLength: 40, description, examples: [example] });
const Side = Type.Integer({
  minimum: 1,
  maximum: MAX_SIDE,
  default: 1,
  description: d(`Side i resultatsættet (1-${MAX_SIDE}, standard 1); ${AENDRINGER_SIDESTOERRELSE} CV'er pr. side`, 'CVListPage'),
  examples: [1],
});
const Jobcenter = Type.String({
  pattern: '^[0-9]{3}$',
  description: d('Jobcentrets kommunekode: kun borgere, som kommunen betjener. Uden: hele landet', 'Jobcenter'),
  examples: ['751'],
});

export const AendringslisteQuery = Type.Object(
  {
    fra: Tidspunkt(d('Starten på perioden (inklusive)', 'CVChangeStartTime'), '2026-11-01T00:00:00Z'),
    til: Type.Optional(
      Tidspunkt(d('Slutningen på perioden (eksklusive). Uden: kørselstidspunktet (svarets `til`; brug det på de næste sider)', 'CVChangeEndTime'), '2026-11-02T00:00:00Z'),
    ),
    side: Type.Optional(Side),
  },
  { additionalProperties: false },
);
export type AendringslisteQuery = Static<typeof AendringslisteQuery>;

export const OpdateredeCverQuery = Type.Object(
  {
    fra: Tidspunkt(d('Starten på perioden (inklusive)', 'CVChangeStartTime'), '2026-11-01T00:00:00Z'),
    til: Tidspunkt(d('Slutningen på perioden (eksklusive)', 'CVChangeEndTime'), '2026-11-02T00:00:00Z'),
    jobcenter: Type.Optional(Jobcenter),
    side: Type.Optional(Side),
  },
  { additionalProperties: false },
);
export type OpdateredeCverQuery = Static<typeof OpdateredeCverQuery>;

export const CvAendring = Type.Object(
  {
    cpr: Type.String({ pattern: CPR_PATTERN, description: d('Borgerens personnummer', 'PersonCivilRegistrationIdentifier'), examples: ['0101901234'] }),
    revisionstidspunkt: Type.String({ format: 'date-time', description: d('Tidspunktet for CV\'ets seneste ændring i perioden', 'RevisionDate'), examples: ['2026-11-01T09:30:00.000Z'] }),
    slettet: Type.Boolean({ description: d('true hvis CV\'et er blevet slettet i perioden', 'CVIsDeleted'), examples: [false] }),
  },
  { additionalProperties: false },
);

export const Aendringsliste = Type.Object(
  {
    fra: Type.String({ format: 'date-time', description: d('Starten på den udtrukne periode', 'CVChangeStartTime') }),
    til: Type.String({ format: 'date-time', description: d('Slutningen på den udtrukne periode (eksklusive)', 'CVChangeEndTime') }),
    udtraekstidspunkt: Type.String({ format: 'date-time', description: d('Kørselstidspunktet for udtrækket (servertid)', 'CVChangeExtractTime') }),
    sidsteSide: Type.Integer({ minimum: 1, description: d('Det højeste sidenummer i resultatsættet', 'LastPageNumber'), examples: [1] }),
    cver: Type.Array(CvAendring, {
      maxItems: AENDRINGER_SIDESTOERRELSE,
      description: d('De ændrede CV\'er på siden, sorteret efter personnummer (tom efter sidste side)', 'CVUpdateList / CVUpdateItem'),
    }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        fra: '2026-11-01T00:00:00.000Z',
        til: '2026-11-02T00:00:00.000Z',
        udtraekstidspunkt: '2026-11-29T10:00:00.000Z',
        sidsteSide: 1,
        cver: [
          { cpr: '0101901234', revisionstidspunkt: '2026-11-01T09:30:00.000Z', slettet: false },
          { cpr: '0202851234', revisionstidspunkt: '2026-11-01T14:05:12.345Z', slettet: true },
        ],
      },
    ],
  },
);
export type Aendringsliste = Static<typeof Aendringsliste>;

export const CURSOR_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const HaendelserQuery = Type.Object(
  {
    efter: Type.Optional(
      Type.String({
        pattern: CURSOR_PATTERN,
        description: d(
          'Markør fra et tidligere svar (`naesteMarkoer`): kun hændelser efter den. Uden: fra begyndelsen. ' +
            'Gem den sidste markør og spørg igen med den: hver hændelse kommer præcis én gang, uden huller',
          'Cursor',
        ),
        examples: ['djEuNzUzLjQy'],
      }),
    ),
    antal: Type.Optional(
      Type.Integer({ minimum: 1, maximum: HAENDELSER_MAX, default: HAENDELSER_STANDARD, description: d(`Højst så mange hændelser (1-${HAENDELSER_MAX}, standard ${HAENDELSER_STANDARD})`, 'MaxResults'), examples: [500] }),
    ),
    jobcenter: Type.Optional(Jobcenter),
  },
  { additionalProperties: false },
);
export type HaendelserQuery = Static<typeof HaendelserQuery>;

export const HAENDELSESTYPER = [
  'CvStatus',
  'CvSoegbarhed',
  'Cv',
  'Kontaktoplysninger',
  'Jobbetingelser',
  'Jobmaal',
  'TidligereErhvervserfaring',
  'Uddannelse',
  'Kvalifikation',
  'Koerekort',
  'Sprogkundskab',
  'AndenErfaring',
  'FagligProfil',
  'Webside',
] as const;
export const AENDRINGSTYPER = ['Oprettelse', 'Opdatering', 'Sletning'] as const;

export const CvHaendelse = Type.Object(
  {
    haendelseId: Type.String({ pattern: '^[0-9]{1,19}$', description: d('Hændelsens løbenummer (unikt; ikke i rækkefølge på tværs af transaktioner)', 'EventIdentifier'), examples: ['42'] }),
    cpr: Type.String({ pattern: CPR_PATTERN, description: d('Borgerens personnummer', 'PersonCivilRegistrationIdentifier'), examples: ['0101901234'] }),
    cvNummer: Type.Optional(Type.String({ pattern: '^[0-9]{8}$', description: d('CV-nummeret', 'CvCustomerIdentifier'), examples: ['10000001'] })),
    haendelsestype: Type.Unsafe<(typeof HAENDELSESTYPER)[number]>({
      type: 'string',
      enum: [...HAENDELSESTYPER],
      description: d(
        'Hændelsen: CvStatus (statusskift), CvSoegbarhed (søgbarhedsskift), Cv (CV\'et slettet) eller den del af CV\'et, der er rettet (Jobmaal, Uddannelse, Sprogkundskab, ...)',
        'CvChangeType',
      ),
      examples: ['Jobmaal'],
    }),
    aendringstype: Type.Unsafe<(typeof AENDRINGSTYPER)[number]>({
      type: 'string',
      enum: [...AENDRINGSTYPER],
      description: d('Oprettelse, Opdatering eller Sletning', 'ChangeType'),
      examples: ['Oprettelse'],
    }),
    noegle: Type.Optional(Type.String({ maxLength: 300, description: d('Elementets nøgle i CV\'et (fx stillingsbetegnelsens reference, sprogkoden)', 'ElementKey'), examples: ['4711'] })),
    cvStatus: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: d('Den nye status (ved CvStatus)', 'CvStatusIdentifier'), examples: [3] })),
    soegbarhed: Type.Optional(Type.Unsafe<'Active' | 'Inactive'>({ type: 'string', enum: ['Active', 'Inactive'], description: d('Den nye søgbarhed (ved CvSoegbarhed)', 'CvAvailabilityTypeIdentifier'), examples: ['Active'] })),
    oprettetTidspunkt: Type.Optional(Type.String({ format: 'date-time', description: d('Dato og tid for oprettelsen (ved Oprettelse)', 'CreatedDateTime'), examples: ['2026-11-01T09:30:00.000Z'] })),
    opdateretTidspunkt: Type.Optional(Type.String({ format: 'date-time', description: d('Dato og tid for opdateringen eller sletningen (ved Opdatering og Sletning)', 'UpdatedDateTime'), examples: ['2026-11-02T10:00:00.000Z'] })),
  },
  { additionalProperties: false },
);
export type CvHaendelse = Static<typeof CvHaendelse>;

export const HaendelseListe = Type.Object(
  {
    haendelser: Type.Array(CvHaendelse, { maxItems: HAENDELSER_MAX, description: d('Hændelserne i rækkefølge', 'CvChanges / CvChange') }),
    naesteMarkoer: Type.String({ pattern: CURSOR_PATTERN, description: d('Markøren at spørge med næste gang (`efter`); uændret når der ikke var nye hændelser', 'Cursor'), examples: ['djEuNzUzLjQy'] }),
    flere: Type.Boolean({ description: d('true når siden er fuld: spørg straks igen med naesteMarkoer', 'MoreAvailable'), examples: [false] }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        haendelser: [
          { haendelseId: '41', cpr: '0101901234', cvNummer: '10000001', haendelsestype: 'Jobmaal', aendringstype: 'Oprettelse', noegle: '4711', oprettetTidspunkt: '2026-11-01T09:30:00.000Z' },
          { haendelseId: '42', cpr: '0101901234', cvNummer: '10000001', haendelsestype: 'CvStatus', aendringstype: 'Opdatering', cvStatus: 3, opdateretTidspunkt: '2026-11-02T10:00:00.000Z' },
        ],
        naesteMarkoer: 'djEuNzUzLjQy',
        flere: false,
      },
    ],
  },
);
export type HaendelseListe = Static<typeof HaendelseListe>;
