import { Type, type Static } from '@sinclair/typebox';
import { d, GUID_PATTERN, ServiceKvittering } from '../../schemas/common';
import { JoboenskeSchema } from './joboensker';

/** YYYY-MM-DD, a real calendar date (Copenhagen calendar day). */
const Dato = (description: string, example: string) =>
  Type.String({ format: 'date', maxLength: 10, description, examples: [example] });

/** A code-list value (CodeListItemIdentifierType: an integer); unknown values get the list's own fejlkode. */
const Kode = (description: string, example: number) =>
  Type.Integer({ minimum: 0, maximum: 100_000_000, description, examples: [example] });

/** The EmailAddressIdentifierType pattern, anchored and with a non-empty local part; a violation is 9158. */
const EMAIL_PATTERN = '^[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,191}@[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,64}$';

export const CvNummer = Type.String({
  pattern: '^[0-9]{8}$',
  description: d('Borgerens CV-nummer (CV kundenummer, 8 cifre). Angives når tilmeldingen sker med CV-nummer (Jobnets CV-varianter)', 'CvCustomerIdentifier'),
  examples: ['10000001'],
});

export const TilmeldingInput = Type.Object(
  {
    eksterntId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: d('Id som medsendes i de tilfælde hvor ekstern aftager har et lokalt id ved oprettelsen', 'ExternalIdentifier'),
        examples: ['JN-2026-000123'],
      }),
    ),
    klientKategori: Kode(d('Klientkategori (kodeliste klientkategori, se GetKodeliste)', 'ClientCategoryTypeIdentifier'), 1),
    tilmeldingsdato: Dato(
      d(
        'Tilmeldingsdatoen hvor tilmeldingsforholdet starter: dagen hvor den ledige har henvendt sig gennem Jobnet eller jobcentret. ' +
          'Uden cvNummer skal den være i dag (4749); med cvNummer i dag eller højst 10 dage tilbage (4338). Swagger UI viser eksemplet med dagens dato',
        'EnrollmentDate',
      ),
      '2026-11-29',
    ),
    ledighedsgrad: Kode(d('Ledighedsgrad (kodeliste ledighedsgrad)', 'CurrentUnemploymentStatusTypeIdentifier'), 1),
    haendelsesdato: Type.Optional(
      Dato(d('Forretningsmæssig hændelsesdato for tilmeldingen hvis den ikke er registreret på hændelsesdatoen', 'Haendelsesdato'), '2026-11-29'),
    ),
    emailadresse: Type.Optional(
      Type.String({
        pattern: EMAIL_PATTERN,
        maxLength: 255,
        'x-fejlkode': 9158,
        description: d('E-mailadresse til digital bekræftelse af tilmeldingen', 'EmailAddressIdentifier'),
        examples: ['anna.andersen@example.dk'],
      }),
    ),
    joboensker: Type.Optional(
      Type.Array(JoboenskeSchema, { maxItems: 200, description: d('Samling af jobønsker (stillingsbetegnelser)', 'Profession') }),
    ),
    cvNummer: Type.Optional(CvNummer),
  },
  {
    $id: 'TilmeldingInput',
    additionalProperties: false,
    description: d('Tilmelding af en ledig hos jobcenter og a-kasse', 'UnemploymentEnrollmentType'),
    examples: [
      {
        klientKategori: 1,
        tilmeldingsdato: '2026-11-29',
        ledighedsgrad: 1,
        emailadresse: 'anna.andersen@example.dk',
        joboensker: [
          {
            conceptUriDa: 'http://data.star.dk/esco/occupation/4c0e7d86-0e80-59cf-b9db-e8d21feb41ed',
            harUddannelse: true,
            aarSidstBrugt: 2025,
            maanederMedErfaring: 48,
          },
        ],
      },
    ],
  },
);
export type TilmeldingInput = Static<typeof TilmeldingInput>;

export const TilmeldingSvar = Type.Object(
  {
    tilmeldingId: Type.String({ pattern: GUID_PATTERN, description: d('Unik identifikation af tilmeldingen', 'CreatedItemIdentifier') }),
    serviceKvittering: ServiceKvittering,
    borgerkvitteringstekst: Type.String({ maxLength: 3000, description: d('Kvitteringstekst til borgeren', 'JobCenterReceipt') }),
    telefon: Type.Optional(Type.String({ maxLength: 30, description: d('Jobcentrets telefonnummer', 'Phone') })),
    fax: Type.Optional(Type.String({ maxLength: 30, description: d('Jobcentrets fax', 'Fax') })),
    ingenSelvaktiveringskodeNoedvendig: Type.Boolean({
      description: d('Sand når borgeren ikke skal have en selvaktiveringskode (tilmeldt fra Jobnet med login)', 'NoSelfActivatingCodeNeeded'),
    }),
  },
  {
    description: d('Svar på en tilmelding', 'UnemploymentEnrollmentResponse'),
    examples: [
      {
        tilmeldingId: '5b0c7a3e-2f4d-4e1a-9c8b-7d6e5f4a3b21',
        serviceKvittering: { haendelsestidspunkt: '2026-11-29T09:15:00.000Z', beskedId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
        borgerkvitteringstekst: 'Du er tilmeldt som ledig fra 2026-11-29.',
        ingenSelvaktiveringskodeNoedvendig: true,
      },
    ],
  },
);
export type TilmeldingSvar = Static<typeof TilmeldingSvar>;

const Overtraedelse = Type.Object(
  {
    fejlkode: Type.Integer({ description: d('Fejlkoden tilmeldingen ville blive afvist med', 'ErrorCode'), examples: [4749] }),
    fejltekst: Type.String({ description: d('Kort fejltekst', 'ErrorText') }),
    beskrivelse: Type.String({ description: d('Beskrivelse af fejlen', 'ErrorDescription') }),
    felt: Type.Optional(Type.String({ description: d('JSON pointer til det felt reglen angår', 'Field'), examples: ['/tilmeldingsdato'] })),
  },
  { additionalProperties: false },
);

export const KanTilmeldeSvar = Type.Object(
  {
    tilladt: Type.Boolean({ description: d('Sand når tilmeldingen ville blive gennemført', 'Allowed') }),
    fejl: Type.Array(Overtraedelse, { description: d('Alle regler tilmeldingen ville bryde (tom når tilladt)', 'Errors') }),
  },
  {
    description: d('Resultatet af en prøvetilmelding', 'CanEnrollResponse'),
    examples: [
      { tilladt: true, fejl: [] },
      {
        tilladt: false,
        fejl: [
          { fejlkode: 4749, fejltekst: 'The enrollment date must be of todays date', beskrivelse: 'The enrollment date must be of todays date', felt: '/tilmeldingsdato' },
          { fejlkode: 4720, fejltekst: 'Person is not allowed to be enrolled because person is abroad', beskrivelse: 'Person is not allowed to be enrolled because person is abroad' },
        ],
      },
    ],
  },
);
export type KanTilmeldeSvar = Static<typeof KanTilmeldeSvar>;

export const AfmeldingInput = Type.Object(
  {
    afmeldingsdato: Dato(
      d(
        'Dagen hvor borgeren ikke længere er tilmeldt: i dag og højst 30 dage frem, 60 ved mindre intensiv indsats (4322). Efter i dag: en fremtidig afmelding. ' +
          'Swagger UI viser eksemplet med dagens dato',
        'RemovalDate',
      ),
      '2026-11-29',
    ),
    afmeldingsaarsag: Kode(d('Årsag til afmelding (kodeliste afmeldingsaarsag)', 'RemovalCauseTypeIdentifier'), 1),
    cvNummer: Type.Optional(CvNummer),
  },
  {
    $id: 'AfmeldingInput',
    additionalProperties: false,
    description: d('Afmelding af borger fra jobcenter og a-kasse', 'CancelUnemploymentEnrollmentType'),
    examples: [{ afmeldingsdato: '2026-11-29', afmeldingsaarsag: 1 }],
  },
);
export type AfmeldingInput = Static<typeof AfmeldingInput>;

export const FjernFremtidigAfmeldingInput = Type.Object(
  {
    cvNummer: Type.Optional(
      Type.String({ ...CvNummer, description: d('Borgerens CV-nummer (påkrævet; mangler det: 9336)', 'CvCustomerIdentifier') }),
    ),
  },
  {
    additionalProperties: false,
    description: d('Borgerens fjernelse af en registreret fremtidig afmelding', 'RemoveFutureDeregistration'),
    examples: [{ cvNummer: '10000009' }],
  },
);
export type FjernFremtidigAfmeldingInput = Static<typeof FjernFremtidigAfmeldingInput>;

export const KvitteringSvar = Type.Object(
  { serviceKvittering: ServiceKvittering },
  {
    description: d('Kvittering for transaktionen', 'ServiceReceipt'),
    examples: [{ serviceKvittering: { haendelsestidspunkt: '2026-11-29T09:15:00.000Z', beskedId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } }],
  },
);

const FremtidigAfmelding = Type.Object(
  {
    afmeldingsdato: Dato(d('Dagen afmeldingen træder i kraft', 'RemovalDate'), '2026-12-15'),
    afmeldingsaarsag: Type.Integer({ description: d('Årsag til afmelding', 'RemovalCauseTypeIdentifier') }),
  },
  { description: d('En registreret fremtidig afmelding', 'FutureDeregistration') },
);

/** What identifies an enrollment period and what it was enrolled as: the current one and each period of the history. */
const PeriodeFelter = {
  tilmeldingId: Type.String({ pattern: GUID_PATTERN, description: d('Tilmeldingens id', 'EnrollmentIdentifier') }),
  klientKategori: Type.Integer({ description: d('Klientkategori', 'ClientCategoryTypeIdentifier') }),
  ledighedsgrad: Type.Integer({ description: d('Ledighedsgrad', 'CurrentUnemploymentStatusTypeIdentifier') }),
  tilmeldingsdato: Dato(d('Tilmeldingsdato', 'EnrollmentDate'), '2026-11-29'),
};

/** Anna's example period, shared by the status and history examples. */
const EKSEMPEL_PERIODE = {
  tilmeldingId: '5b0c7a3e-2f4d-4e1a-9c8b-7d6e5f4a3b21',
  klientKategori: 1,
  ledighedsgrad: 1,
  tilmeldingsdato: '2026-11-29',
  kildesystem: 'Jobnet',
  jobnetFlag: true,
};

const AktuelTilmelding = Type.Object(
  {
    ...PeriodeFelter,
    kildesystem: Type.String({ description: d('Hvorfra tilmeldingen kom: Jobnet, Jobcenter eller System', 'SourceSystem') }),
    jobnetFlag: Type.Boolean({ description: d('Sand når borgeren har tilmeldt sig fra Jobnet, og jobcentret endnu ikke har bekræftet tilmeldingen', 'JobnetFlag') }),
    fremtidigAfmelding: Type.Optional(FremtidigAfmelding),
  },
  { description: d('Den aktuelle tilmelding', 'CurrentEnrollment') },
);

export const Tilmeldingsstatus = Type.Object(
  {
    tilmeldt: Type.Boolean({ description: d('Sand når borgeren er tilmeldt som ledig i dag', 'IsEnrolled') }),
    tilmelding: Type.Optional(AktuelTilmelding),
  },
  {
    description: d('Borgerens tilmeldingsstatus i dag', 'EnrollmentStatus'),
    examples: [
      { tilmeldt: false },
      {
        tilmeldt: true,
        tilmelding: EKSEMPEL_PERIODE,
      },
    ],
  },
);
export type Tilmeldingsstatus = Static<typeof Tilmeldingsstatus>;

const Aendring = Type.Object(
  {
    haendelse: Type.String({
      description: d('Hvad der skete: Tilmeldt, Afmeldt, FremtidigAfmeldingRegistreret, FremtidigAfmeldingFjernet eller JobnetFlagFjernet', 'EventType'),
    }),
    aktoer: Type.Object(
      {
        rolle: Type.String({ description: d('Rollen i tokenet (borger, jobcenter, system ...)', 'Role') }),
        subjekt: Type.String({ description: d('Tokenets subjekt (sub)', 'Subject') }),
      },
      { description: d('Hvem der foretog ændringen', 'Actor') },
    ),
    kildesystem: Type.String({ description: d('Kildesystemet: Jobnet, Jobcenter eller System', 'SourceSystem') }),
    aarsag: Type.Optional(Type.Integer({ description: d('Årsagskode (afmeldingsårsag)', 'CauseTypeIdentifier') })),
    haendelsesdato: Dato(d('Forretningsmæssig hændelsesdato', 'Haendelsesdato'), '2026-11-29'),
    registreret: Type.String({ format: 'date-time', description: d('Hvornår ændringen blev registreret', 'EventDate') }),
    beskedId: Type.String({ pattern: GUID_PATTERN, description: d('Kvitteringens id', 'MessageIdentifier') }),
    afmeldingsdato: Type.Optional(Dato(d('Den afmeldingsdato ændringen satte', 'RemovalDate'), '2026-12-15')),
  },
  { description: d('En ændring af tilmeldingsforholdet', 'EnrollmentChange') },
);

const Periode = Type.Object(
  {
    ...PeriodeFelter,
    afmeldingsdato: Type.Optional(Dato(d('Afmeldingsdato (efter i dag: fremtidig afmelding)', 'RemovalDate'), '2026-12-15')),
    afmeldingsaarsag: Type.Optional(Type.Integer({ description: d('Årsag til afmelding', 'RemovalCauseTypeIdentifier') })),
    kildesystem: Type.String({ description: d('Hvorfra tilmeldingen kom', 'SourceSystem') }),
    jobnetFlag: Type.Boolean({ description: d('JobnetFlag', 'JobnetFlag') }),
    aendringer: Type.Array(Aendring, { description: d('Periodens ændringer, ældste først', 'Changes') }),
  },
  { description: d('Et tilmeldingsforhold med alle dets ændringer', 'EnrollmentPeriod') },
);

export const Tilmeldingshistorik = Type.Object(
  { perioder: Type.Array(Periode, { description: d('Alle tilmeldingsperioder, ældste først', 'EnrollmentPeriods') }) },
  {
    description: d('Borgerens tilmeldingshistorik', 'EnrollmentHistory'),
    examples: [
      {
        perioder: [
          {
            ...EKSEMPEL_PERIODE,
            aendringer: [
              {
                haendelse: 'Tilmeldt',
                aktoer: { rolle: 'borger', subjekt: 'borger-0101901234' },
                kildesystem: 'Jobnet',
                haendelsesdato: '2026-11-29',
                registreret: '2026-11-29T09:15:00.000Z',
                beskedId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
              },
            ],
          },
        ],
      },
    ],
  },
);
export type Tilmeldingshistorik = Static<typeof Tilmeldingshistorik>;
