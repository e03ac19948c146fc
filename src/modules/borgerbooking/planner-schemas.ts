/**
 * The planning API's schemas (/v1/Borgerbooking/Planlaegning): what a job centre's planning system or a
 * system integration sends to create offers (moedetilbud) with their timeslots (moedetider), seats and
 * caseworkers, to set deadlines (frister), to summon a citizen (indkaldelse), and what it reads back
 * (bookings per offer and slot, error reports). The specifications describe only what the citizen
 * sees (BorgerBooking / JobnetCitizenStatusService v10); these operations are new, and their fields
 * reuse the specification's element names where the citizen side has them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { d, Guid, GUID_PATTERN } from '../../schemas/common';

/** A code-list value (CodeListItemIdentifierType: an integer); an unknown value gets the list's own fejlkode. */
const Kode = (description: string, example: number) => Type.Integer({ minimum: 0, maximum: 100_000_000, description, examples: [example] });

const Tidspunkt = (description: string, example: string) =>
  Type.String({ format: 'date-time', maxLength: 40, description, examples: [example] });

const Dato = (description: string, example: string) => Type.String({ format: 'date', maxLength: 10, description, examples: [example] });

export const SamtaleType = Kode(d('Samtaletype (kodeliste samtaletype; ukendt: 4709)', 'InterviewTypeIdentifier'), 1);
export const MoedeGruppeType = Kode(d('Mødegruppetype: individuelt eller fælles møde (ukendt: 4805)', 'InterviewFormTypeIdentifier'), 1);
export const SamtaleformType = Kode(d('Samtaleform: personligt fremmøde, telefonisk, video (ukendt: 4708)', 'InterviewContactTypeIdentifier'), 1);

const Samtaleformer = Type.Array(SamtaleformType, {
  minItems: 1,
  maxItems: 10,
  uniqueItems: true,
  description: d('De samtaleformer mødet kan holdes i', 'Samtaleformer'),
  examples: [[1, 2]],
});

export const SagsbehandlerEksterntId = Type.String({
  minLength: 1,
  maxLength: 255,
  description: d('Sagsbehandlerens id i jobcentrets system', 'CaseWorkerIdentifier'),
  examples: ['CVR:55133018-RID:1001'],
});

export const PlanSagsbehandler = Type.Object(
  {
    fornavne: Type.String({ minLength: 1, maxLength: 50, description: d('Sagsbehandlerens fornavn(e)', 'CaseWorkerGivenName'), examples: ['Mette'] }),
    mellemnavn: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: d('Sagsbehandlerens mellemnavn', 'CaseWorkerMiddleName') })),
    efternavn: Type.String({ minLength: 1, maxLength: 40, description: d('Sagsbehandlerens efternavn', 'CaseWorkerSurname'), examples: ['Madsen'] }),
    eksterntId: SagsbehandlerEksterntId,
    telefonnummer: Type.Optional(Type.String({ pattern: '^(\\+)?[0-9]{3,20}$', description: d('Sagsbehandlerens telefonnummer', 'PhoneNumber'), examples: ['+4587131000'] })),
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 255, pattern: '^[^@\\s]+@[^@\\s]+$', description: d('Sagsbehandlerens e-mailadresse', 'EmailAddressIdentifier'), examples: ['mette.madsen@aarhus.dk'] })),
  },
  { additionalProperties: false, description: d('Sagsbehandler; oprettes eller opdateres i jobcentrets kommune ud fra eksterntId', 'CaseWorkerStructureType') },
);
export type PlanSagsbehandler = Static<typeof PlanSagsbehandler>;

/** AddressPostalType in the offers' reduced form (Danish names of the offers). */
export const PlanAdresse = Type.Object(
  {
    vejnavn: Type.String({ minLength: 1, maxLength: 40, description: d('Vejnavn', 'StreetName'), examples: ['Værkmestergade'] }),
    husnummer: Type.String({
      pattern: '^(([1-9]|[1-9][0-9]|[1-9][0-9]{2})|([1-9][A-Z]|[1-9][0-9][A-Z]|[1-9][0-9]{2}[A-Z]))$',
      description: d('Husnummer', 'StreetBuildingIdentifier'),
      examples: ['2'],
    }),
    etage: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|KL|ST|kl|st|k[2-9]|K[2-9])$', description: d('Etage', 'FloorIdentifier'), examples: ['3'] })),
    sideDoer: Type.Optional(Type.String({ minLength: 1, maxLength: 4, description: d('Dør-angivelse, fx th.', 'SuiteIdentifier'), examples: ['th'] })),
    postnummer: Type.String({ pattern: '^[0-9]{4}$', description: d('Postnummer', 'PostCodeIdentifier'), examples: ['8000'] }),
    bynavn: Type.String({ minLength: 1, maxLength: 20, description: d('Bynavn', 'DistrictName'), examples: ['Aarhus C'] }),
    landekode: Type.Optional(
      Type.String({ pattern: '^([a-zA-Z]{2}|[a-zA-Z]{3}|[0-9]{3}|[0-9]{4})$', description: d('Landekode (ISO 3166 alpha 2 eller 3, FN- eller CPR-kode)', 'CountryIdentificationCode'), examples: ['DK'] }),
    ),
  },
  { additionalProperties: false, description: d('Adresse', 'AddressPostal') },
);

export const PlanMoedeLokation = Type.Object(
  {
    lokationsuddybning: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: d('Beskrivelse af mødestedet i det omfang adressen ikke er tilstrækkelig', 'InterviewLocationDescription'), examples: ['Jobcenter Aarhus, indgang B, 3. sal'] }),
    ),
    adresse: Type.Optional(PlanAdresse),
  },
  { additionalProperties: false, description: d('Hvor mødet holdes; påkrævet med adresse for personligt fremmøde (8129)', 'InterviewLocationDetail') },
);

// ---------------------------------------------------------------------------------------------
// Offers (moedetilbud) and timeslots (moedetider)

export const PlanMoedetidInput = Type.Object(
  {
    starttidspunkt: Tidspunkt(d('Mødetidens start; ikke før i dag (4783) og inden for tilbuddets første og sidste mødetid (8109)', 'StartTime'), '2027-01-11T09:00:00+01:00'),
    maksimaltMoededeltagerantal: Type.Integer({ minimum: 1, maximum: 1000, description: d('Antal pladser', 'TotalNoOfSeats'), examples: [1] }),
    samtaleformer: Type.Optional({ ...Samtaleformer, description: d('Samtaleformerne for denne mødetid (en delmængde af tilbuddets; standard: tilbuddets)', 'Samtaleformer') }),
    sagsbehandlerEksterntIder: Type.Optional(
      Type.Array(SagsbehandlerEksterntId, {
        minItems: 1,
        maxItems: 100,
        uniqueItems: true,
        description: d('Sagsbehandlerne der kan bookes til denne mødetid, blandt tilbuddets (9003); standard: alle tilbuddets', 'CaseWorkerIDCollection'),
      }),
    ),
  },
  { additionalProperties: false, description: d('En mødetid med pladser', 'BookingTimeslot') },
);
export type PlanMoedetidInput = Static<typeof PlanMoedetidInput>;

const Kommunekode = Type.String({
  pattern: '^[0-9]{3}$',
  description: d('Jobcentrets kommunekode; et jobcenter-token bruger sin egen (org), en systemintegration skal angive den', 'MunicipalityCode'),
  examples: ['751'],
});

const MoedetilbudFelter = {
  samtaleType: SamtaleType,
  moedeGruppeType: MoedeGruppeType,
  samtaleformer: Samtaleformer,
  moedeLokation: Type.Optional(PlanMoedeLokation),
  moedeVarighed: Type.Integer({ minimum: 1, maximum: 100_000, description: d('Mødets varighed i minutter; højst et døgn (8135)', 'MeetingDurationMinutes'), examples: [30] }),
  foersteMoedetid: Type.Optional(Tidspunkt(d('Første mulige mødetidspunkt', 'FirstTimeslot'), '2027-01-11T08:00:00+01:00')),
  sidsteMoedetid: Type.Optional(
    Tidspunkt(d('Seneste mulige mødetidspunkt; for individuelle møder kan det være åbent, for fællesmøder er det påkrævet; ikke før første (4792)', 'LastTimeslot'), '2027-01-29T15:00:00+01:00'),
  ),
  borgerKanVaelgeSagsbehandler: Type.Boolean({ description: d('Om borgeren kan se og vælge en bestemt sagsbehandler; for fællesmøder altid false', 'AllowChoiceOfSupervisor') }),
  moedetitel: Type.String({ minLength: 1, maxLength: 100, description: d('Mødetitel, vises på Jobnet', 'MeetingTitle'), examples: ['Jobsamtale i Jobcenter Aarhus'] }),
  moedebeskrivelse: Type.Optional(Type.String({ maxLength: 500, description: d('Dagsorden og uddybende information, vises på Jobnet', 'MeetingDescription') })),
  selvbookingMulig: Type.Boolean({ description: d('Om borgeren selv kan booke tilbuddet på Jobnet (ellers 4812 for borgeren)', 'SelfBookingPossible') }),
  straksbooking: Type.Optional(Type.Boolean({ description: d('Om tilbuddet indfrier en frist der kræver straksbooking (GetStraksbookingMoedetider); standard false', 'ImmediateBooking') })),
  obligatoriskFremmoede: Type.Optional(Type.Boolean({ description: d('Om fremmøde er obligatorisk for bookingerne; standard true', 'CompulsoryAttendance') })),
  ombookingMulig: Type.Boolean({ description: d('Om en booking på tilbuddet kan ombookes; aldrig for samtaletype 17 og 18 (8270)', 'RebookingPossible') }),
  ombookingFristMinutter: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 525_600, description: d('Ombookingsfristen i minutter før mødets start; påkrævet når ombooking er mulig (8126)', 'ReBookingDeadline'), examples: [1440] }),
  ),
  aflysningMulig: Type.Boolean({ description: d('Om en booking på tilbuddet kan aflyses af borgeren', 'CancellationPossible') }),
  aflysningFristMinutter: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 525_600,
      description: d('Aflysningsfristen i minutter før mødets start; påkrævet når aflysning er mulig (8128), ikke tilladt ellers (8127)', 'CancellationDeadline'),
      examples: [120],
    }),
  ),
  sagsbehandlere: Type.Array(PlanSagsbehandler, {
    minItems: 1,
    maxItems: 100,
    description: d('Tilbuddets sagsbehandlere (eksterntId entydig); mindst én, for et møde har altid en afholdende sagsbehandler', 'SupervisorCollection'),
  }),
};

const MOEDETILBUD_EKSEMPEL = {
  samtaleType: 1,
  moedeGruppeType: 1,
  samtaleformer: [1, 2],
  moedeLokation: {
    lokationsuddybning: 'Jobcenter Aarhus, indgang B, 3. sal',
    adresse: { vejnavn: 'Værkmestergade', husnummer: '2', postnummer: '8000', bynavn: 'Aarhus C', landekode: 'DK' },
  },
  moedeVarighed: 30,
  foersteMoedetid: '2027-01-11T08:00:00+01:00',
  sidsteMoedetid: '2027-01-29T15:00:00+01:00',
  borgerKanVaelgeSagsbehandler: true,
  moedetitel: 'Jobsamtale i Jobcenter Aarhus',
  moedebeskrivelse: 'Vi taler om dine jobmål og næste skridt.',
  selvbookingMulig: true,
  ombookingMulig: true,
  ombookingFristMinutter: 1440,
  aflysningMulig: true,
  aflysningFristMinutter: 120,
  sagsbehandlere: [
    { fornavne: 'Mette', efternavn: 'Madsen', eksterntId: 'CVR:55133018-RID:1001', telefonnummer: '+4587131000' },
    { fornavne: 'Søren', mellemnavn: 'Kaj', efternavn: 'Sørensen', eksterntId: 'CVR:55133018-RID:1002' },
  ],
};

export const MoedetilbudInput = Type.Object(
  {
    kommunekode: Type.Optional(Kommunekode),
    ...MoedetilbudFelter,
    moedetider: Type.Optional(Type.Array(PlanMoedetidInput, { maxItems: 500, description: d('Mødetider der oprettes med tilbuddet', 'BookingTimeslotCollection') })),
  },
  {
    $id: 'MoedetilbudInput',
    additionalProperties: false,
    description: d('Et mødetilbud fra jobcentrets planlægningssystem', 'InterviewOption'),
    examples: [
      {
        ...MOEDETILBUD_EKSEMPEL,
        moedetider: [
          { starttidspunkt: '2027-01-11T09:00:00+01:00', maksimaltMoededeltagerantal: 1 },
          { starttidspunkt: '2027-01-11T09:30:00+01:00', maksimaltMoededeltagerantal: 1, samtaleformer: [2], sagsbehandlerEksterntIder: ['CVR:55133018-RID:1002'] },
        ],
      },
    ],
  },
);
export type MoedetilbudInput = Static<typeof MoedetilbudInput>;

export const MoedetilbudOpdatering = Type.Object(MoedetilbudFelter, {
  additionalProperties: false,
  description: d('Mødetilbuddets nye felter (erstatter de nuværende; mødetiderne ændres for sig)', 'InterviewOption'),
  examples: [MOEDETILBUD_EKSEMPEL],
});
export type MoedetilbudOpdatering = Static<typeof MoedetilbudOpdatering>;

const PLAN_MOEDETID_EKSEMPEL = {
  moedetidId: '4e2d6c1a-8b3f-4a5e-9c7d-1f2e3a4b5c01',
  starttidspunkt: '2027-01-11T08:00:00.000Z',
  sluttidspunkt: '2027-01-11T08:30:00.000Z',
  aktiv: true,
  samtaleformer: [1, 2],
  maksimaltMoededeltagerantal: 1,
  antalBookede: 0,
  antalReserverede: 0,
  antalLedigePladser: 1,
  sagsbehandlerEksterntIder: ['CVR:55133018-RID:1001', 'CVR:55133018-RID:1002'],
};

export const PlanMoedetid = Type.Object(
  {
    moedetidId: Type.String({ pattern: GUID_PATTERN, description: d('Mødetidens id', 'BookingTimeslotIdentifier') }),
    starttidspunkt: Tidspunkt(d('Mødetidens start', 'StartTime'), '2027-01-11T08:00:00.000Z'),
    sluttidspunkt: Tidspunkt(d('Mødetidens slut (start + varighed)', 'EndTime'), '2027-01-11T08:30:00.000Z'),
    aktiv: Type.Boolean({ description: d('Falsk når mødetiden er deaktiveret (kan ikke bookes; bookingerne består)', 'Active') }),
    samtaleformer: Samtaleformer,
    maksimaltMoededeltagerantal: Type.Integer({ minimum: 1, description: d('Antal pladser', 'TotalNoOfSeats') }),
    antalBookede: Type.Integer({ minimum: 0, description: d('Pladser taget af bookinger', 'BookedNoOfSeats') }),
    antalReserverede: Type.Integer({ minimum: 0, description: d('Pladser holdt af reservationer der ikke er udløbet', 'ReservedNoOfSeats') }),
    antalLedigePladser: Type.Integer({ minimum: 0, description: d('Ledige pladser', 'AvailableNoOfSeats') }),
    sagsbehandlerEksterntIder: Type.Array(SagsbehandlerEksterntId, { description: d('Sagsbehandlerne der kan bookes til mødetiden', 'CaseWorkerIDCollection') }),
  },
  { additionalProperties: false, description: d('En mødetid med pladser og belægning', 'BookingTimeslot'), examples: [PLAN_MOEDETID_EKSEMPEL] },
);
export type PlanMoedetid = Static<typeof PlanMoedetid>;



export const PlanMoedetilbud = Type.Object(
  {
    moedetilbudId: Type.String({ pattern: GUID_PATTERN, description: d('Mødetilbuddets id', 'InterviewOptionID') }),
    kommunekode: Type.String({ description: d('Jobcentret (kommunekode) tilbuddet tilhører', 'MunicipalityCode'), examples: ['751'] }),
    aktiv: Type.Boolean({ description: d('Falsk når tilbuddet er deaktiveret (borgeren ser det ikke; 8108)', 'Active') }),
    ...MoedetilbudFelter,
    moedetider: Type.Array(PlanMoedetid, { description: d('Tilbuddets mødetider, ældste først', 'BookingTimeslotCollection') }),
    oprettet: Tidspunkt(d('Oprettet', 'CreatedDateTime'), '2026-11-29T09:00:00.000Z'),
    opdateret: Tidspunkt(d('Senest ændret', 'UpdatedDateTime'), '2026-11-29T09:00:00.000Z'),
  },
  {
    $id: 'PlanMoedetilbud',
    additionalProperties: false,
    description: d('Et mødetilbud som planlægningssystemet ser det: felter, mødetider og belægning', 'InterviewOption'),
    examples: [
      {
        moedetilbudId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b',
        kommunekode: '751',
        aktiv: true,
        ...MOEDETILBUD_EKSEMPEL,
        straksbooking: false,
        obligatoriskFremmoede: true,
        moedetider: [PLAN_MOEDETID_EKSEMPEL],
        oprettet: '2026-11-29T09:00:00.000Z',
        opdateret: '2026-11-29T09:00:00.000Z',
      },
    ],
  },
);
export type PlanMoedetilbud = Static<typeof PlanMoedetilbud>;

export const PlanMoedetilbudListe = Type.Object(
  { moedetilbud: Type.Array(Type.Ref(PlanMoedetilbud), { description: d('Mødetilbuddene, nyeste først', 'InterviewOptionCollection') }) },
  { additionalProperties: false, description: d('Mødetilbud', 'InterviewOptionCollection'), examples: [{ moedetilbud: PlanMoedetilbud.examples }] },
);

export const MoedetilbudListeQuery = Type.Object(
  {
    aktiv: Type.Optional(Type.Boolean({ description: d('Kun aktive (true) eller kun deaktiverede (false); standard: alle', 'Active') })),
    samtaleType: Type.Optional(SamtaleType),
    antal: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: d('Højst så mange tilbud (1-200, standard 50)', 'MaxResults') })),
  },
  { additionalProperties: false },
);

export const MoedetiderInput = Type.Object(
  { moedetider: Type.Array(PlanMoedetidInput, { minItems: 1, maxItems: 500, description: d('Nye mødetider', 'BookingTimeslotCollection') }) },
  {
    additionalProperties: false,
    description: d('Nye mødetider på et mødetilbud', 'BookingTimeslotCollection'),
    examples: [{ moedetider: [{ starttidspunkt: '2027-01-12T09:00:00+01:00', maksimaltMoededeltagerantal: 10 }] }],
  },
);
export type MoedetiderInput = Static<typeof MoedetiderInput>;

export const PlanMoedetidListe = Type.Object(
  { moedetider: Type.Array(PlanMoedetid, { description: d('Mødetiderne', 'BookingTimeslotCollection') }) },
  { additionalProperties: false, description: d('Mødetider', 'BookingTimeslotCollection'), examples: [{ moedetider: [PLAN_MOEDETID_EKSEMPEL] }] },
);

export const MoedetidOpdatering = Type.Object(
  {
    maksimaltMoededeltagerantal: Type.Integer({ minimum: 1, maximum: 1000, description: d('Antal pladser; ikke under de bookede og reserverede', 'TotalNoOfSeats'), examples: [8] }),
    samtaleformer: Type.Optional({ ...Samtaleformer, description: d('Samtaleformerne for mødetiden (standard: tilbuddets)', 'Samtaleformer') }),
    sagsbehandlerEksterntIder: Type.Optional(
      Type.Array(SagsbehandlerEksterntId, { minItems: 1, maxItems: 100, uniqueItems: true, description: d('Sagsbehandlerne der kan bookes (standard: alle tilbuddets)', 'CaseWorkerIDCollection') }),
    ),
  },
  {
    additionalProperties: false,
    description: d('Mødetidens nye pladser og sagsbehandlere (starttidspunktet ændres ikke: opret en ny mødetid)', 'BookingTimeslot'),
    examples: [{ maksimaltMoededeltagerantal: 8 }],
  },
);
export type MoedetidOpdatering = Static<typeof MoedetidOpdatering>;

export const MoedetilbudParams = Type.Object({ moedetilbudId: Guid(d('Mødetilbuddets id', 'InterviewOptionID')) });
export const MoedetidParams = Type.Object({
  moedetilbudId: Guid(d('Mødetilbuddets id', 'InterviewOptionID')),
  moedetidId: Guid(d('Mødetidens id', 'BookingTimeslotIdentifier')),
});

// ---------------------------------------------------------------------------------------------
// Bookings per offer and slot

export const PlanBooking = Type.Object(
  {
    indkaldelseId: Type.String({ pattern: GUID_PATTERN, description: d('Mødets (indkaldelsens eller bookingens) id', 'BookingIdentifier') }),
    cpr: Type.String({ description: d('Borgerens CPR-nummer', 'PersonCivilRegistrationIdentifier'), examples: ['0101901234'] }),
    moedetilbudId: Type.String({ pattern: GUID_PATTERN, description: d('Mødetilbuddets id', 'InterviewOptionID') }),
    moedetidId: Type.Optional(Type.String({ pattern: GUID_PATTERN, description: d('Mødetidens id (den plads mødet optager)', 'BookingTimeslotIdentifier') })),
    starttidspunkt: Tidspunkt(d('Mødets start', 'BookingStartTime'), '2027-01-11T08:00:00.000Z'),
    samtaleformType: Type.Integer({ description: d('Samtaleformen', 'InterviewContactTypeIdentifier') }),
    sagsbehandlerEksterntId: SagsbehandlerEksterntId,
    oprindelse: Type.Union([Type.Literal('Indkaldt'), Type.Literal('Selvbooket'), Type.Literal('Straksbooket')], {
      description: d('Indkaldt af jobcentret, selvbooket eller straksbooket af borgeren', 'SelfBooked'),
    }),
    status: Type.Union([Type.Literal('Aktiv'), Type.Literal('Aflyst'), Type.Literal('Afholdt')], { description: d('Mødets status', 'BookingStatus') }),
    accepteret: Type.Boolean({ description: d('Om mødet er accepteret', 'AcceptedBooking') }),
    oprettet: Tidspunkt(d('Oprettet', 'CreatedDateTime'), '2026-11-29T09:00:00.000Z'),
  },
  { additionalProperties: false, description: d('Et møde på tilbuddet', 'JobnetBookingDetails') },
);
export type PlanBookingT = Static<typeof PlanBooking>;

export const PlanBookingListe = Type.Object(
  { bookinger: Type.Array(PlanBooking, { description: d('Bookingerne, efter mødetid og bookingtidspunkt', 'JobnetBookingCollection') }) },
  {
    additionalProperties: false,
    description: d('Bookinger på et mødetilbud eller en mødetid', 'JobnetBookingCollection'),
    examples: [
      {
        bookinger: [
          {
            indkaldelseId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
            cpr: '0101901234',
            moedetilbudId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b',
            moedetidId: '4e2d6c1a-8b3f-4a5e-9c7d-1f2e3a4b5c01',
            starttidspunkt: '2027-01-11T08:00:00.000Z',
            samtaleformType: 1,
            sagsbehandlerEksterntId: 'CVR:55133018-RID:1001',
            oprindelse: 'Selvbooket',
            status: 'Aktiv',
            accepteret: true,
            oprettet: '2026-11-29T09:00:00.000Z',
          },
        ],
      },
    ],
  },
);

// ---------------------------------------------------------------------------------------------
// Deadlines (frister)

export const FristParams = Type.Object({
  samtaleType: Type.Integer({ minimum: 0, maximum: 100_000_000, description: d('Samtaletypen fristen gælder (ukendt: 4709)', 'InterviewTypeIdentifier'), examples: [1] }),
});

export const FristInput = Type.Object(
  {
    friststatusType: Kode(d('Fristens status (kodeliste friststatustype)', 'InterviewDeadlineStatusTypeIdentifier'), 1),
    fristdato: Dato(d('Borgerens frist for at booke; ikke før i dag (4783)', 'InterviewDeadlineDate'), '2027-01-15'),
    sidsteAfholdelsesdato: Dato(d('Sidste dag mødet må holdes; ikke før fristdatoen (4792)', 'InterviewDateLimit'), '2027-01-29'),
    straksbookingPaakraevet: Type.Optional(
      Type.Boolean({ description: d('Om borgeren skal straksbooke for at indfri fristen (standard false)', 'ImmediateBookingRequired'), default: false }),
    ),
  },
  {
    additionalProperties: false,
    description: d('En frist for at booke en samtale af en type', 'InterviewDeadlineType'),
    examples: [{ friststatusType: 1, fristdato: '2027-01-15', sidsteAfholdelsesdato: '2027-01-29', straksbookingPaakraevet: false }],
  },
);
export type FristInput = Static<typeof FristInput>;

export const PlanFrist = Type.Object(
  {
    samtaleType: Type.Integer({ description: d('Samtaletypen fristen gælder', 'InterviewTypeIdentifier') }),
    friststatusType: Type.Integer({ description: d('Fristens status', 'InterviewDeadlineStatusTypeIdentifier') }),
    fristdato: Dato(d('Fristdato', 'InterviewDeadlineDate'), '2027-01-15'),
    sidsteAfholdelsesdato: Dato(d('Sidste afholdelsesdato', 'InterviewDateLimit'), '2027-01-29'),
    straksbookingPaakraevet: Type.Boolean({ description: d('Om borgeren skal straksbooke', 'ImmediateBookingRequired') }),
  },
  {
    additionalProperties: false,
    description: d('En frist', 'InterviewDeadlineType'),
    examples: [{ samtaleType: 1, friststatusType: 1, fristdato: '2027-01-15', sidsteAfholdelsesdato: '2027-01-29', straksbookingPaakraevet: false }],
  },
);

export type PlanFristT = Static<typeof PlanFrist>;

export const PlanFristListe = Type.Object(
  { frister: Type.Array(PlanFrist, { description: d('Borgerens frister', 'InterviewDeadlineCollection') }) },
  { additionalProperties: false, description: d('Borgerens frister', 'InterviewDeadlineCollection'), examples: [{ frister: PlanFrist.examples }] },
);

// ---------------------------------------------------------------------------------------------
// Error reports (CreateFejlmelding's, read by operators)

export const FejlmeldingQuery = Type.Object(
  {
    fra: Type.Optional(Tidspunkt(d('Kun fejlmeldinger registreret fra og med dette tidspunkt', 'FromDateTime'), '2026-11-01T00:00:00Z')),
    til: Type.Optional(Tidspunkt(d('Kun fejlmeldinger registreret før dette tidspunkt', 'ToDateTime'), '2026-12-01T00:00:00Z')),
    fejlOphav: Type.Optional(Type.Unsafe<30 | 32>({ type: 'integer', enum: [30, 32], description: d('Kun fra dette system (30 DFDG, 32 Jobnet)', 'ClientSystemTypeIdentifier') })),
    moedetilbudId: Type.Optional(Guid(d('Kun fejlmeldinger om dette mødetilbud', 'InterviewOptionID'))),
    antal: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: d('Højst så mange (1-500, standard 100), nyeste først', 'MaxResults') })),
  },
  { additionalProperties: false },
);
export type FejlmeldingQueryT = Static<typeof FejlmeldingQuery>;

export const PlanFejlmelding = Type.Object(
  {
    fejlmeldingId: Type.String({ pattern: GUID_PATTERN, description: d('Fejlmeldingens id', 'ErrorReportIdentifier') }),
    cpr: Type.String({ description: d('Borgeren fejlmeldingen kom fra', 'PersonCivilRegistrationIdentifier'), examples: ['0101901234'] }),
    moedetilbudId: Type.Optional(Type.String({ pattern: GUID_PATTERN, description: d('Mødetilbuddet fejlen angår', 'MoedetilbudId') })),
    indkaldelseId: Type.Optional(Type.String({ pattern: GUID_PATTERN, description: d('Mødet fejlen angår', 'IndkaldelseId') })),
    fejlkode: Type.Integer({ description: d('Fejlkoden Jobnet eller DFDG angav', 'Fejlkode'), examples: [4819] }),
    fejltekst: Type.Optional(Type.String({ maxLength: 500, description: d('Beskrivelse af fejlsituationen', 'Fejltekst') })),
    fejlOphav: Type.Integer({ description: d('Systemet fejlen opstod i: 30 DFDG, 32 Jobnet', 'FejlOphav'), examples: [32] }),
    fejlTidspunkt: Tidspunkt(d('Tidspunkt for fejlens registrering hos afsenderen', 'FejlTidspunkt'), '2026-11-29T09:14:00.000Z'),
    modtaget: Tidspunkt(d('Tidspunkt tjenesten modtog fejlmeldingen', 'ReceivedDateTime'), '2026-11-29T09:14:01.000Z'),
  },
  { additionalProperties: false, description: d('En fejlmelding fra Jobnet eller DFDG (CreateFejlmelding)', 'CreateFejlmeldingRequest') },
);
export type PlanFejlmeldingT = Static<typeof PlanFejlmelding>;

export const PlanFejlmeldingListe = Type.Object(
  { fejlmeldinger: Type.Array(PlanFejlmelding, { description: d('Fejlmeldingerne, nyeste først', 'ErrorReportCollection') }) },
  {
    additionalProperties: false,
    description: d('Fejlmeldinger', 'ErrorReportCollection'),
    examples: [
      {
        fejlmeldinger: [
          {
            fejlmeldingId: '7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f',
            cpr: '0101901234',
            moedetilbudId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b',
            fejlkode: 4819,
            fejltekst: 'Mødetiden var væk da borgeren trykkede Book',
            fejlOphav: 32,
            fejlTidspunkt: '2026-11-29T09:14:00.000Z',
            modtaget: '2026-11-29T09:14:01.000Z',
          },
        ],
      },
    ],
  },
);

// ---------------------------------------------------------------------------------------------
// Summons (indkaldelse): the JobnetBookingDetails fields the job centre decides

/** AddressPostalType in JobnetBookingDetails' full form. */
const IndkaldelseAdresse = Type.Object(
  {
    bygningsnavn: Type.Optional(Type.String({ minLength: 1, maxLength: 34, description: d('Navn på bygning', 'MailDeliverySublocationIdentifier') })),
    vejnavn: PlanAdresse.properties.vejnavn,
    vejnavnForkortet: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: d('Forkortet vejnavn', 'StreetNameForAddressingName') })),
    husnummer: PlanAdresse.properties.husnummer,
    etage: PlanAdresse.properties.etage,
    sideDoer: PlanAdresse.properties.sideDoer,
    omraade: Type.Optional(Type.String({ minLength: 1, maxLength: 34, description: d('Yderligere bynavn eller områdenavn hvor nødvendigt', 'DistrictSubdivisionIdentifier') })),
    postboks: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999, description: d('Postboksnummer', 'PostOfficeBoxIdentifier') })),
    postnummer: PlanAdresse.properties.postnummer,
    bynavn: PlanAdresse.properties.bynavn,
    landekode: PlanAdresse.properties.landekode,
  },
  { additionalProperties: false, description: d('Adresse', 'AddressPostal') },
);

const Deltager = Type.Object(
  {
    navn: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: d('Navn på deltageren', 'InterviewParticipantName'), examples: ['A-kasse FOA'] })),
    eksterntId: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: d('Eksternt id på deltageren', 'ExternalAuthorityParticipantId') })),
    deltagerType: Type.Integer({ minimum: 0, maximum: 100_000_000, description: d('Hvilken rolle mødedeltageren har', 'ParticipantTypeIdentifier'), examples: [1] }),
    kontaktoplysninger: Type.Optional(Type.String({ minLength: 1, maxLength: 3000, description: d('Kontaktinformation', 'ContactDetails') })),
  },
  { additionalProperties: false, description: d('Mødedeltager', 'BookingParticipantType') },
);

export const IndkaldelseInput = Type.Object(
  {
    kommunekode: Type.Optional(
      Type.String({
        pattern: '^[0-9]{3}$',
        description: d('Det indkaldende jobcenters kommunekode (Indkalder); et jobcenter-token bruger sin egen, en systemintegration angiver den (eller mødetilbuddet)', 'OrganisationCode'),
        examples: ['751'],
      }),
    ),
    moedetilbudId: Type.Optional(
      Guid(d('Mødetilbud indkaldelsen ligger på: mødet optager en plads på tilbuddets mødetid ved moedeStarttidspunkt (4819), og borgeren kan ombooke inden for tilbuddet', 'InterviewOptionID')),
    ),
    borgerSkalAcceptere: Type.Boolean({ description: d('Om borgeren skal acceptere indkaldelsen (SaveIndkaldelsesaccept)', 'CitizenShouldAcceptBooking') }),
    ombookingMulig: Type.Boolean({ description: d('Kan borgeren ombooke mødet; aldrig for samtaletype 17 og 18 (8270)', 'ReBookingPossible') }),
    ombookingFrist: Type.Optional(
      Tidspunkt(d('Sidste tidspunkt for ombooking; påkrævet når ombooking er mulig (8126), ikke før i dag (8132), ikke efter mødets start (8134)', 'ReBookingDeadline'), '2027-01-10T12:00:00+01:00'),
    ),
    aflysningMulig: Type.Boolean({ description: d('Kan borgeren aflyse mødet', 'CancellationPossible') }),
    aflysningFrist: Type.Optional(
      Tidspunkt(
        d('Sidste tidspunkt for borgerens aflysning; påkrævet når aflysning er mulig (8128), ellers ikke tilladt (8127); ikke før i dag (8133), ikke efter start (8136)', 'CancellationDeadline'),
        '2027-01-10T12:00:00+01:00',
      ),
    ),
    obligatoriskFremmoede: Type.Boolean({ description: d('Om fremmøde er obligatorisk', 'CompulsoryAttendance') }),
    moedeStarttidspunkt: Tidspunkt(d('Mødets start; ikke før i dag (4783)', 'BookingStartTime'), '2027-01-11T10:00:00+01:00'),
    moedeSluttidspunkt: Type.Optional(Tidspunkt(d('Mødets slut; ikke før start (4792), højst et døgn efter (8135); slut eller varighed er påkrævet (8130)', 'BookingEndTime'), '2027-01-11T10:45:00+01:00')),
    moedeVarighed: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: d('Mødets varighed i minutter, når sluttidspunktet ikke angives (højst et døgn, 8135)', 'MeetingDurationMinutes'), examples: [45] })),
    samtaleType: SamtaleType,
    moedeGruppeType: MoedeGruppeType,
    samtaleformType: SamtaleformType,
    moedetitel: Type.String({ minLength: 1, maxLength: 100, description: d('Mødetitel, vises på Jobnet', 'MeetingTitle'), examples: ['Samtale om dine jobmål'] }),
    moedebeskrivelse: Type.Optional(Type.String({ maxLength: 500, description: d('Dagsorden og uddybende information, vises på Jobnet', 'MeetingDescription') })),
    referencesamtale: Type.Optional(Type.Boolean({ description: d('Referencesamtale (standard false)', 'ReferenceInterview') })),
    sagsbehandler: PlanSagsbehandler,
    visSagsbehandler: Type.Optional(Type.Boolean({ description: d('Om sagsbehandlerens navn må vises for borgeren (standard true)', 'ShowCaseWorker') })),
    moedeLokation: Type.Optional(
      Type.Object(
        {
          lokationsuddybning: PlanMoedeLokation.properties.lokationsuddybning,
          adresse: Type.Optional(IndkaldelseAdresse),
        },
        { additionalProperties: false, description: d('Hvor mødet holdes; adresse påkrævet ved personligt fremmøde (8129)', 'InterviewLocationDetail') },
      ),
    ),
    kontaktDetaljer: Type.Optional(
      Type.Object(
        {
          digitalKontakt: Type.Optional(Type.String({ maxLength: 255, description: d('Kontaktinformation hvis mødet er digitalt', 'DigitalContactIdentifier') })),
          telefonnummer: Type.Optional(Type.String({ pattern: '^(\\+)?[0-9]{3,20}$', description: d('Vejlederens eller jobcentrets telefonnummer; påkrævet når borgeren skal ringe (8131)', 'PhoneNumber'), examples: ['+4587131000'] })),
          borgerSkalRinge: Type.Optional(Type.Boolean({ description: d('Om borgeren skal ringe op ved et telefonisk møde', 'ShouldCitizenCall') })),
        },
        { additionalProperties: false, description: d('Detaljer om mødet når det ikke er ved personligt fremmøde', 'InterviewContactDetail') },
      ),
    ),
    akasseDeltager: Type.Optional(Type.Boolean({ description: d('A-kassen deltager i jobsamtalen og skal inviteres', 'InterviewUnemploymentFundParticipation') })),
    flereMyndigheder: Type.Optional(Type.Boolean({ description: d('Samtalen er indkaldt med deltagelse af anden myndighed', 'InterviewWithMoreAuthorities') })),
    deltagere: Type.Optional(Type.Array(Deltager, { minItems: 1, maxItems: 20, description: d('Øvrige deltagere på mødet', 'BookingParticipantCollection') })),
  },
  {
    $id: 'IndkaldelseInput',
    additionalProperties: false,
    description: d('En indkaldelse af borgeren (borgeren i x-civilRegistrationIdentifier) til et møde', 'JobnetBookingDetails'),
    examples: [
      {
        borgerSkalAcceptere: true,
        ombookingMulig: true,
        ombookingFrist: '2027-01-10T12:00:00+01:00',
        aflysningMulig: false,
        obligatoriskFremmoede: true,
        moedeStarttidspunkt: '2027-01-11T10:00:00+01:00',
        moedeSluttidspunkt: '2027-01-11T10:45:00+01:00',
        samtaleType: 2,
        moedeGruppeType: 1,
        samtaleformType: 2,
        moedetitel: 'Opfølgningssamtale',
        moedebeskrivelse: 'Vi følger op på din plan.',
        sagsbehandler: { fornavne: 'Mette', efternavn: 'Madsen', eksterntId: 'CVR:55133018-RID:1001', telefonnummer: '+4587131000' },
        kontaktDetaljer: { telefonnummer: '+4587131000', borgerSkalRinge: true },
      },
    ],
  },
);
export type IndkaldelseInput = Static<typeof IndkaldelseInput>;

export const IndkaldelseSvar = Type.Object(
  {
    indkaldelseId: Type.String({ pattern: GUID_PATTERN, description: d('Indkaldelsens id (borgerens IndkaldelseId)', 'BookingIdentifier') }),
    moedetidId: Type.Optional(Type.String({ pattern: GUID_PATTERN, description: d('Mødetiden hvis plads indkaldelsen optager', 'BookingTimeslotIdentifier') })),
  },
  {
    additionalProperties: false,
    description: d('Den oprettede indkaldelse; borgeren ser den med GetIndkaldelser', 'JobnetBookingDetails'),
    examples: [{ indkaldelseId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }],
  },
);

export const IndkaldelseParams = Type.Object({ indkaldelseId: Guid(d('Indkaldelsens id', 'BookingIdentifier')) });

export const BookingQuery = Type.Object(
  { alle: Type.Optional(Type.Boolean({ description: d('Også aflyste og afholdte møder (standard: kun aktive)', 'IncludeInactive') })) },
  { additionalProperties: false },
);
