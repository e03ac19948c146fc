/**
 * Borgerbooking's TypeBox schemas (BorgerBooking / JobnetCitizenStatusService v10). Danish
 * camelCase names; each description ends with the specification's English element name.
 */
import { Type, type Static } from '@sinclair/typebox';
import { d, GUID_INPUT_PATTERN, GUID_PATTERN, ServiceKvittering } from '../../schemas/common';
import { TilmeldingInput } from '../tilmelding/schemas';

const EKS_TILBUD = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const EKS_INDKALDELSE = '2d7f3c1a-8b4e-4f6a-9c2d-1e0f3a5b7c9d';
const EKS_RESERVATION = '5e3a1f7c-2b9d-4c8e-a6f0-3d1b7e9c5a2f';
const EKS_START = '2026-12-03T09:00:00.000+01:00';

const Tidspunkt = (description: string, example = EKS_START) => Type.String({ format: 'date-time', maxLength: 40, description, examples: [example] });
const Dato = (description: string, example: string) => Type.String({ format: 'date', maxLength: 10, description, examples: [example] });
const Kode = (description: string, example: number) => Type.Integer({ minimum: 0, maximum: 100_000_000, description, examples: [example] });
const GuidInput = (description: string, example: string) => Type.String({ pattern: GUID_INPUT_PATTERN, description, examples: [example] });
const GuidOutput = (description: string, example: string) => Type.String({ pattern: GUID_PATTERN, description, examples: [example] });

const SamtaleType = (english = 'InterviewTypeIdentifier') =>
  Kode(d('Samtaletype: 1 Jobsamtale, 2 Opfølgningssamtale, 3 Informationsmøde, 4 Samtale med a-kasse, 5 Virksomhedsrettet samtale, 17 og 18 rehabiliteringsteam', english), 1);
const MoedeGruppeType = Kode(d('Mødegruppetype: 1 individuelt møde, 2 fællesmøde', 'InterviewFormTypeIdentifier'), 1);
const SamtaleformType = (english = 'InterviewContactTypeIdentifier') =>
  Kode(d('Samtaleform: 1 personligt fremmøde, 2 telefonisk, 3 video, 4 digitalt (skriftligt)', english), 1);
const EksterntId = (description: string) => Type.String({ minLength: 1, maxLength: 255, description, examples: ['CVR-RID-12345678-1001'] });
/**
 * A caseworker id in a query string: no control characters. A JSON body is already refused with 400/1014
 * when a string holds U+0000 (src/plugins/json-body.ts), but a query string is not, and PostgreSQL cannot
 * store or compare U+0000 (it answered 500).
 */
const EksterntIdQuery = (description: string) =>
  Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description, examples: ['CVR-RID-12345678-1001'] });

export const Sagsbehandler = Type.Object(
  {
    fornavne: Type.String({ minLength: 1, maxLength: 50, description: d('Sagsbehandlerens fornavn(e)', 'CaseWorkerGivenName'), examples: ['Sanne'] }),
    mellemnavn: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: d('Sagsbehandlerens mellemnavn', 'CaseWorkerMiddleName') })),
    efternavn: Type.String({ minLength: 1, maxLength: 40, description: d('Sagsbehandlerens efternavn', 'CaseWorkerSurname'), examples: ['Holm'] }),
    eksterntId: EksterntId(d('Sagsbehandler-id', 'CaseWorkerIdentifier')),
  },
  { $id: 'BookingSagsbehandler', additionalProperties: false, description: d('Sagsbehandler', 'Supervisor') },
);

const Adresse = Type.Object(
  {
    vejnavn: Type.String({ minLength: 1, maxLength: 40, description: d('Vejnavn', 'StreetName'), examples: ['Jobcentervej'] }),
    husnummer: Type.String({ maxLength: 4, description: d('Husnummer', 'StreetBuildingIdentifier'), examples: ['12'] }),
    etage: Type.Optional(Type.String({ maxLength: 2, description: d('Etagenummer', 'FloorIdentifier'), examples: ['st'] })),
    sideDoer: Type.Optional(Type.String({ minLength: 1, maxLength: 4, description: d('Dør-angivelse, fx th.', 'SuiteIdentifier') })),
    postnummer: Type.String({ pattern: '^[0-9]{4}$', description: d('Postnummer', 'PostCodeIdentifier'), examples: ['1000'] }),
    bynavn: Type.String({ minLength: 1, maxLength: 20, description: d('Bynavn', 'DistrictName'), examples: ['København K'] }),
    landekode: Type.Optional(Type.String({ maxLength: 4, description: d('Landekode', 'CountryIdentificationCode'), examples: ['DK'] })),
  },
  { additionalProperties: false, description: d('Adresse', 'AddressPostal') },
);

const MoedeLokation = Type.Object(
  {
    lokationsuddybning: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: d('Beskrivelse af mødestedet i det omfang adressen ikke er tilstrækkelig', 'InterviewLocationDescription') }),
    ),
    adresse: Type.Optional(Adresse),
  },
  { additionalProperties: false, description: d('Information om hvor mødet skal afholdes', 'InterviewLocationDetail') },
);

export const Moedetilbud = Type.Object(
  {
    moedetilbudId: GuidOutput(d('Identifikation af mødetilbuddet; bruges i de efterfølgende kald i selvbookingflowet', 'InterviewOptionID'), EKS_TILBUD),
    samtaleType: SamtaleType(),
    moedeGruppeType: MoedeGruppeType,
    samtaleformer: Type.Array(SamtaleformType(), { minItems: 1, description: d('Tilgængelige samtaleformer for mødet', 'Samtaleformer') }),
    moedeLokation: Type.Optional(MoedeLokation),
    moedeVarighed: Type.Integer({ minimum: 1, maximum: 1440, description: d('Mødets varighed i minutter', 'MeetingDurationMinutes'), examples: [30] }),
    foersteMoedetid: Type.Optional(Tidspunkt(d('Første mulige mødetidspunkt', 'FirstTimeslot'))),
    sidsteMoedetid: Type.Optional(Tidspunkt(d('Seneste mulige mødetidspunkt; udeladt når åbent (individuelle møder)', 'LastTimeslot'))),
    borgerKanVaelgeSagsbehandler: Type.Boolean({ description: d('Om borgeren kan se og vælge en bestemt sagsbehandler; altid false for fællesmøder', 'AllowChoiceOfSupervisor') }),
    moedetitel: Type.String({ minLength: 1, maxLength: 100, description: d('Mødetitel, vises på Jobnet', 'MeetingTitle'), examples: ['Jobsamtale'] }),
    moedebeskrivelse: Type.Optional(Type.String({ maxLength: 500, description: d('Beskrivelse med dagsorden, vises på Jobnet', 'MeetingDescription') })),
    sagsbehandlere: Type.Array(Type.Ref(Sagsbehandler), { description: d('Relevante sagsbehandlere', 'SupervisorCollection') }),
  },
  { $id: 'Moedetilbud', additionalProperties: false, description: d('Mødetilbud', 'InterviewOption') },
);

const EKS_SAGSBEHANDLER = { fornavne: 'Sanne', efternavn: 'Holm', eksterntId: 'CVR-RID-12345678-1001' };
const EKS_TILBUD_OBJ = {
  moedetilbudId: EKS_TILBUD,
  samtaleType: 1,
  moedeGruppeType: 1,
  samtaleformer: [1, 2],
  moedeLokation: { adresse: { vejnavn: 'Jobcentervej', husnummer: '12', postnummer: '1000', bynavn: 'København K' } },
  moedeVarighed: 30,
  foersteMoedetid: '2026-11-30T09:00:00.000+01:00',
  sidsteMoedetid: '2026-12-31T15:00:00.000+01:00',
  borgerKanVaelgeSagsbehandler: true,
  moedetitel: 'Jobsamtale',
  moedebeskrivelse: 'Vi taler om dine jobmuligheder og næste skridt.',
  sagsbehandlere: [EKS_SAGSBEHANDLER],
};

export const MoedetilbudSvar = Type.Object(
  { moedetilbud: Type.Array(Type.Ref(Moedetilbud), { description: d('Mødetilbud der kan selvbookes', 'JobnetInterviewOptionCollection') }) },
  { additionalProperties: false, description: d('Mødetilbud', 'GetSelfbookInterviewOptionsResponse'), examples: [{ moedetilbud: [EKS_TILBUD_OBJ] }] },
);

export const MoedetilbudQuery = Type.Object(
  {
    samtaleType: Type.Optional(SamtaleType()),
    moedeGruppeType: Type.Optional(MoedeGruppeType),
  },
  { additionalProperties: false },
);

const BookbarSagsbehandler = Type.Object(
  {
    id: Type.Integer({ description: d('Id som mødetiderne henviser til i bookbareSagsbehandlerIder', 'Id'), examples: [1] }),
    sagsbehandler: Type.Ref(Sagsbehandler),
  },
  { additionalProperties: false, description: d('Sagsbehandler der kan bookes', 'SupervisorToBook') },
);

export const Moedetid = Type.Object(
  {
    starttidspunkt: Tidspunkt(d('Starttidspunkt for mødet', 'StartTime')),
    samtaleformer: Type.Array(SamtaleformType(), { minItems: 1, description: d('Tilgængelige samtaleformer', 'Samtaleformer') }),
    ombookingMulig: Type.Boolean({ description: d('Kan der ombookes', 'RebookingPossible') }),
    aflysningMulig: Type.Boolean({ description: d('Kan der aflyses', 'CancellationPossible') }),
    maksimaltMoededeltagerantal: Type.Integer({ minimum: 1, description: d('Det højeste antal deltagere i mødet', 'TotalNoOfSeats'), examples: [1] }),
    antalLedigePladser: Type.Integer({ minimum: 0, description: d('Ledige pladser (pladser minus bookinger og aktive reservationer)', 'AvailableNoOfSeats'), examples: [1] }),
    bookbareSagsbehandlerIder: Type.Array(Type.Integer(), { minItems: 1, description: d('Id’er på sagsbehandlere der kan bookes til mødetiden', 'CaseWorkerIDCollection') }),
  },
  { $id: 'BookingMoedetid', additionalProperties: false, description: d('Mødetid med detaljer', 'BookingTimeslot') },
);

const EKS_MOEDETID = {
  starttidspunkt: EKS_START,
  samtaleformer: [1, 2],
  ombookingMulig: true,
  aflysningMulig: true,
  maksimaltMoededeltagerantal: 1,
  antalLedigePladser: 1,
  bookbareSagsbehandlerIder: [1],
};

export const MoedetiderSvar = Type.Object(
  {
    bookbareSagsbehandlere: Type.Array(BookbarSagsbehandler, { description: d('Sagsbehandlere som kan bookes', 'SupervisorToBookCollection') }),
    moedetider: Type.Array(Type.Ref(Moedetid), { description: d('Mødetider der kan bookes', 'BookingTimeslotCollection') }),
  },
  {
    additionalProperties: false,
    description: d('Mulige mødetider', 'GetSelfbookTimeslotsResponse'),
    examples: [{ bookbareSagsbehandlere: [{ id: 1, sagsbehandler: EKS_SAGSBEHANDLER }], moedetider: [EKS_MOEDETID] }],
  },
);

export const OmbookingMoedetiderSvar = Type.Object(
  {
    bookbareSagsbehandlere: Type.Array(BookbarSagsbehandler, { description: d('Sagsbehandlere som kan bookes', 'SupervisorToBookCollection') }),
    moedetider: Type.Array(Type.Ref(Moedetid), { description: d('Mødetider der kan bookes', 'BookingTimeslotCollection') }),
    samtaleType: SamtaleType(),
  },
  {
    additionalProperties: false,
    description: d('Mulige mødetider ved ombooking', 'GetRescheduleTimeslotsResponse'),
    examples: [{ bookbareSagsbehandlere: [{ id: 1, sagsbehandler: EKS_SAGSBEHANDLER }], moedetider: [EKS_MOEDETID], samtaleType: 1 }],
  },
);

const MoedetidInterval = {
  startMoedetidsinterval: Tidspunkt(d('Starttidspunkt for tidsrummet der ønskes mødetider i', 'BookingOptionIntervalStartTime'), '2026-11-30T00:00:00.000+01:00'),
  slutMoedetidsinterval: Tidspunkt(d('Sluttidspunkt for tidsrummet der ønskes mødetider i (ikke før start: 4792)', 'BookingOptionIntervalEndTime'), '2026-12-31T23:59:00.000+01:00'),
  samtaleformType: Type.Optional(SamtaleformType()),
  eksterntId: Type.Optional(EksterntIdQuery(d('Sagsbehandler-id hvis den er valgt på dette punkt i flowet', 'CaseWorkerIdentifier'))),
};

export const MoedetiderQuery = Type.Object(MoedetidInterval, { additionalProperties: false });
export const OmbookingMoedetiderQuery = Type.Object(
  {
    moedetilbudId: Type.Optional(GuidInput(d('Mødetilbuddet der ombookes til; udeladt: mødets eget tilbud', 'InterviewOptionID'), EKS_TILBUD)),
    ...MoedetidInterval,
  },
  { additionalProperties: false },
);

export const MoedetilbudParams = Type.Object({ moedetilbudId: GuidInput(d('Mødetilbuddets id', 'InterviewOptionID'), EKS_TILBUD) });
export const IndkaldelseParams = Type.Object({ indkaldelseId: GuidInput(d('Mødets (indkaldelsens) id', 'BookingIdentifier'), EKS_INDKALDELSE) });

export const BookingInput = Type.Object(
  {
    moedeStarttidspunkt: Tidspunkt(d('Starttidspunkt for bookingen: en af mødetilbuddets mødetider', 'BookingStartTime')),
    samtaleformType: SamtaleformType(),
    sagsbehandlerEksterntId: Type.Optional(EksterntId(d('Den valgte sagsbehandler; udeladt: en af mødetidens sagsbehandlere', 'CaseWorkerIdentifier'))),
    reservationId: Type.Optional(GuidInput(d('Reservationen (ReserverMoedetid) der bekræftes', 'ReservationIdentifier'), EKS_RESERVATION)),
  },
  {
    $id: 'BookingInput',
    additionalProperties: false,
    description: d('Booking af et mødetilbud', 'CreateBookingRequest'),
    examples: [{ moedeStarttidspunkt: EKS_START, samtaleformType: 1, sagsbehandlerEksterntId: 'CVR-RID-12345678-1001' }],
  },
);
export type BookingInput = Static<typeof BookingInput>;

export const BookingSvar = Type.Object(
  { indkaldelseId: GuidOutput(d('Det bookede mødes id', 'BookingIdentifier'), EKS_INDKALDELSE) },
  { additionalProperties: false, description: d('Det oprettede møde', 'CreateBookingResponse'), examples: [{ indkaldelseId: EKS_INDKALDELSE }] },
);

export const OmbookingInput = Type.Object(
  {
    moedeStarttidspunkt: Tidspunkt(d('Det nye starttidspunkt: en af mødetilbuddets mødetider', 'BookingStartTime')),
    moedetilbudId: Type.Optional(
      GuidInput(d('Mødetilbuddet der ombookes til (fra GetOmbookingMoedetider); udeladt: mødets eget. Samme samtaletype som mødet (4709)', 'InterviewOptionID'), EKS_TILBUD),
    ),
    samtaleformType: Type.Optional(SamtaleformType()),
    sagsbehandlerEksterntId: Type.Optional(EksterntId(d('Den valgte sagsbehandler', 'CaseWorkerIdentifier'))),
    reservationId: Type.Optional(GuidInput(d('Reservationen (ReserverMoedetid med indkaldelseId) der bekræftes', 'ReservationIdentifier'), EKS_RESERVATION)),
  },
  {
    $id: 'OmbookingInput',
    additionalProperties: false,
    description: d('Ombooking af et møde', 'CreateOmbookingRequest'),
    examples: [{ moedeStarttidspunkt: '2026-12-04T10:00:00.000+01:00', samtaleformType: 2 }],
  },
);
export type OmbookingInput = Static<typeof OmbookingInput>;

export const ReservationInput = Type.Object(
  {
    moedeStarttidspunkt: Tidspunkt(d('Mødetiden der reserveres', 'BookingStartTime')),
    samtaleformType: SamtaleformType(),
    sagsbehandlerEksterntId: Type.Optional(EksterntId(d('Den valgte sagsbehandler', 'CaseWorkerIdentifier'))),
    indkaldelseId: Type.Optional(GuidInput(d('Mødet der skal ombookes, når reservationen er til en ombooking', 'BookingIdentifier'), EKS_INDKALDELSE)),
  },
  {
    $id: 'ReservationInput',
    additionalProperties: false,
    description: d('Reservation af en plads mens borgeren bekræfter', 'ReserveTimeslotRequest'),
    examples: [{ moedeStarttidspunkt: EKS_START, samtaleformType: 1 }],
  },
);
export type ReservationInput = Static<typeof ReservationInput>;

export const ReservationSvar = Type.Object(
  {
    reservationId: GuidOutput(d('Reservationens id; angives i CreateBooking eller CreateOmbooking', 'ReservationIdentifier'), EKS_RESERVATION),
    moedetilbudId: GuidOutput(d('Mødetilbuddet', 'InterviewOptionID'), EKS_TILBUD),
    moedeStarttidspunkt: Tidspunkt(d('Den reserverede mødetid', 'BookingStartTime')),
    udloeber: Tidspunkt(d('Hvornår reservationen udløber, hvis den ikke er bekræftet', 'ReservationExpiry'), '2026-11-29T21:05:00.000Z'),
  },
  {
    additionalProperties: false,
    description: d('En reservation', 'ReserveTimeslotResponse'),
    examples: [{ reservationId: EKS_RESERVATION, moedetilbudId: EKS_TILBUD, moedeStarttidspunkt: EKS_START, udloeber: '2026-11-29T21:05:00.000Z' }],
  },
);

export const Frist = Type.Object(
  {
    friststatusType: Kode(d('Status for fristen: 1 åben, 2 overskredet, 3 opfyldt', 'InterviewDeadlineStatusTypeIdentifier'), 1),
    samtaleType: SamtaleType(),
    fristdato: Dato(d('Frist for borgerens selvbooking', 'InterviewDeadlineDate'), '2026-12-05'),
    sidsteAfholdelsesdato: Dato(d('Den sidste accepterede afholdelsesdato for mødet ved selvbooking', 'InterviewDateLimit'), '2026-12-12'),
  },
  { additionalProperties: false, description: d('Frist', 'InterviewDeadline') },
);

export const Borgerstatus = Type.Object(
  {
    kanSelvbooke: Type.Boolean({ description: d('Om borgeren har mulighed for selvbooking', 'SelfBookingPossible') }),
    frister: Type.Array(Frist, { description: d('Borgerens frister', 'InterviewDeadlineCollection') }),
    straksbookingPaakraevet: Type.Boolean({ description: d('Om borgeren skal straksbooke', 'ImmediateBookingRequired') }),
  },
  {
    additionalProperties: false,
    description: d('Borgerens bookingstatus', 'GetBorgerstatusResponse'),
    examples: [
      { kanSelvbooke: true, frister: [{ friststatusType: 1, samtaleType: 1, fristdato: '2026-12-05', sidsteAfholdelsesdato: '2026-12-12' }], straksbookingPaakraevet: false },
    ],
  },
);

const AdresseFuld = Type.Object(
  {
    bygningsnavn: Type.Optional(Type.String({ maxLength: 34, description: d('Navn på bygning', 'MailDeliverySublocationIdentifier') })),
    vejnavn: Type.String({ maxLength: 40, description: d('Vejnavn', 'StreetName'), examples: ['Jobcentervej'] }),
    vejnavnForkortet: Type.Optional(Type.String({ maxLength: 20, description: d('Forkortet vejnavn', 'StreetNameForAddressingName') })),
    husnummer: Type.String({ maxLength: 4, description: d('Husnummer', 'StreetBuildingIdentifier'), examples: ['12'] }),
    etage: Type.Optional(Type.String({ maxLength: 2, description: d('Etagenummer', 'FloorIdentifier') })),
    sideDoer: Type.Optional(Type.String({ maxLength: 4, description: d('Dør-angivelse', 'SuiteIdentifier') })),
    omraade: Type.Optional(Type.String({ maxLength: 34, description: d('Yderligere bynavn eller områdenavn', 'DistrictSubdivisionIdentifier') })),
    postboks: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999, description: d('Postboksnummer', 'PostOfficeBoxIdentifier') })),
    postnummer: Type.String({ pattern: '^[0-9]{4}$', description: d('Postnummer', 'PostCodeIdentifier'), examples: ['1000'] }),
    bynavn: Type.String({ maxLength: 20, description: d('Bynavn', 'DistrictName'), examples: ['København K'] }),
    landekode: Type.Optional(Type.String({ maxLength: 4, description: d('Landekode', 'CountryIdentificationCode') })),
  },
  { additionalProperties: false, description: d('Adresse', 'AddressPostal') },
);

export const Indkaldelse = Type.Object(
  {
    indkaldelseId: GuidOutput(d('Mødets id', 'BookingIdentifier'), EKS_INDKALDELSE),
    indkalder: Type.Object(
      {
        organisationKode: Type.Integer({ minimum: 0, maximum: 99_999_999, description: d('Kode for organisationen bookingen er oprettet af', 'OrganisationCode'), examples: [101] }),
        organisationType: Kode(d('Organisationstype: 1 jobcenter, 2 a-kasse, 3 anden aktør, 4 STAR, 5 Jobnet', 'OrganisationTypeIdentifier'), 1),
      },
      { additionalProperties: false, description: d('Hvor/hvem bookingen stammer fra', 'BookingOriginator') },
    ),
    borgerSkalAcceptere: Type.Boolean({ description: d('Om borgeren skal acceptere mødet', 'CitizenShouldAcceptBooking') }),
    accepteret: Type.Boolean({ description: d('Om mødet er accepteret', 'AcceptedBooking') }),
    ombookingMulig: Type.Boolean({ description: d('Kan der ombookes', 'ReBookingPossible') }),
    ombookingFrist: Type.Optional(Tidspunkt(d('Frist for ombooking (når ombooking er mulig)', 'ReBookingDeadline'))),
    aflysningMulig: Type.Boolean({ description: d('Kan der aflyses', 'CancellationPossible') }),
    aflysningFrist: Type.Optional(Tidspunkt(d('Sluttidspunkt for borgerens aflysningsmulighed', 'CancellationDeadline'))),
    selvbooket: Type.Boolean({ description: d('Har borgeren selvbooket mødet', 'SelfBooked') }),
    straksbooking: Type.Boolean({ description: d('Mødet er straksbooket; borgeren kan hverken ombooke eller aflyse det (9130)', 'ImmediateBooking') }),
    obligatoriskFremmoede: Type.Boolean({ description: d('Om fremmøde er obligatorisk', 'CompulsoryAttendance') }),
    moedeStarttidspunkt: Tidspunkt(d('Start for mødet', 'BookingStartTime')),
    moedeSluttidspunkt: Type.Optional(Tidspunkt(d('Slut for mødet', 'BookingEndTime'), '2026-12-03T09:30:00.000+01:00')),
    samtaleType: SamtaleType(),
    moedeGruppeType: MoedeGruppeType,
    moedetitel: Type.String({ maxLength: 100, description: d('Mødetitel', 'MeetingTitle'), examples: ['Jobsamtale'] }),
    moedebeskrivelse: Type.Optional(Type.String({ maxLength: 500, description: d('Beskrivelse med dagsorden', 'MeetingDescription') })),
    referencesamtale: Type.Boolean({ description: d('Referencesamtale', 'ReferenceInterview') }),
    sagsbehandler: Type.Ref(Sagsbehandler),
    moedetilbudId: Type.Optional(GuidOutput(d('Mødetilbuddet mødet hører til (ombooking sker inden for det)', 'InterviewOptionID'), EKS_TILBUD)),
    moedeLokation: Type.Optional(
      Type.Object(
        {
          lokationsuddybning: Type.Optional(Type.String({ maxLength: 200, description: d('Beskrivelse af mødestedet', 'InterviewLocationDescription') })),
          adresse: Type.Optional(AdresseFuld),
        },
        { additionalProperties: false, description: d('Hvor mødet afholdes', 'InterviewLocationDetail') },
      ),
    ),
    kontaktdetaljer: Type.Optional(
      Type.Object(
        {
          digitalKontakt: Type.Optional(Type.String({ maxLength: 255, description: d('Kontaktinformation hvis mødet er digitalt', 'DigitalContactIdentifier') })),
          telefonnummer: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{3,20}$', description: d('Vejlederens eller jobcentrets telefonnummer', 'PhoneNumber') })),
          borgerSkalRinge: Type.Optional(Type.Boolean({ description: d('Om borgeren skal ringe ved et telefonisk møde', 'ShouldCitizenCall') })),
        },
        { additionalProperties: false, description: d('Detaljer når mødet ikke er med personligt fremmøde', 'InterviewContactDetail') },
      ),
    ),
    samtaleformType: SamtaleformType(),
    visSagsbehandler: Type.Boolean({ description: d('Om sagsbehandlerens navn må vises for borgeren', 'ShowCaseWorker') }),
    akasseDeltager: Type.Optional(Type.Boolean({ description: d('A-kassen deltager i mødet', 'InterviewUnemploymentFundParticipation') })),
    flereMyndigheder: Type.Optional(Type.Boolean({ description: d('Samtalen er med deltagelse af anden myndighed', 'InterviewWithMoreAuthorities') })),
    deltagere: Type.Optional(
      Type.Array(
        Type.Object(
          {
            navn: Type.Optional(Type.String({ maxLength: 256, description: d('Navn på deltageren', 'InterviewParticipantName') })),
            eksterntId: Type.Optional(Type.String({ maxLength: 256, description: d('Eksternt id på deltageren', 'ExternalAuthorityParticipantId') })),
            deltagerType: Kode(d('Deltagerens rolle', 'ParticipantTypeIdentifier'), 1),
            kontaktoplysninger: Type.Optional(Type.String({ maxLength: 3000, description: d('Kontaktinformation', 'ContactDetails') })),
          },
          { additionalProperties: false, description: d('Mødedeltager', 'BookingParticipantType') },
        ),
        { description: d('Øvrige deltagere der ikke er borgeren eller den ansvarlige sagsbehandler', 'BookingParticipantCollection') },
      ),
    ),
  },
  { $id: 'Indkaldelse', additionalProperties: false, description: d('Et møde: indkaldt eller selvbooket', 'JobnetBookingDetails') },
);

const EKS_INDKALDELSE_OBJ = {
  indkaldelseId: EKS_INDKALDELSE,
  indkalder: { organisationKode: 101, organisationType: 1 },
  borgerSkalAcceptere: false,
  accepteret: true,
  ombookingMulig: true,
  ombookingFrist: '2026-12-03T08:00:00.000+01:00',
  aflysningMulig: true,
  aflysningFrist: '2026-12-03T08:00:00.000+01:00',
  selvbooket: true,
  straksbooking: false,
  obligatoriskFremmoede: true,
  moedeStarttidspunkt: EKS_START,
  moedeSluttidspunkt: '2026-12-03T09:30:00.000+01:00',
  samtaleType: 1,
  moedeGruppeType: 1,
  moedetitel: 'Jobsamtale',
  referencesamtale: false,
  sagsbehandler: EKS_SAGSBEHANDLER,
  moedetilbudId: EKS_TILBUD,
  moedeLokation: { adresse: { vejnavn: 'Jobcentervej', husnummer: '12', postnummer: '1000', bynavn: 'København K' } },
  samtaleformType: 1,
  visSagsbehandler: true,
};

export const IndkaldelserSvar = Type.Object(
  { indkaldelser: Type.Array(Type.Ref(Indkaldelse), { description: d('Borgerens aktuelle møder (fra i dag)', 'JobnetBookingCollection') }) },
  { additionalProperties: false, description: d('Borgerens møder', 'GetIndkaldelserResponse'), examples: [{ indkaldelser: [EKS_INDKALDELSE_OBJ] }] },
);

export const OmbookingSagsbehandlereSvar = Type.Object(
  {
    borgerKanVaelgeSagsbehandler: Type.Boolean({ description: d('Om borgeren kan vælge sagsbehandler; altid false for fællesmøder', 'AllowChoiceOfSupervisor') }),
    sagsbehandlere: Type.Array(Type.Ref(Sagsbehandler), { description: d('Alle mulige sagsbehandlere, uanset om de har tid', 'SupervisorCollection') }),
  },
  {
    additionalProperties: false,
    description: d('Sagsbehandlere ved ombooking', 'GetRescheduleSupervisorsResponse'),
    examples: [{ borgerKanVaelgeSagsbehandler: true, sagsbehandlere: [EKS_SAGSBEHANDLER] }],
  },
);

const StraksbookingMoedetid = Type.Object(
  {
    ...Moedetid.properties,
    moedetilbudId: GuidOutput(d('Mødetilbuddet der bookes med CreateBooking', 'InterviewOptionID'), EKS_TILBUD),
    moedetitel: Type.String({ maxLength: 100, description: d('Mødetitel', 'MeetingTitle') }),
    moedebeskrivelse: Type.Optional(Type.String({ maxLength: 500, description: d('Beskrivelse', 'MeetingDescription') })),
    moedeVarighed: Type.Integer({ description: d('Varighed i minutter', 'MeetingDurationMinutes') }),
    samtaleType: SamtaleType(),
    moedeGruppeType: MoedeGruppeType,
    moedeLokation: Type.Optional(MoedeLokation),
    borgerKanVaelgeSagsbehandler: Type.Boolean({ description: d('Om borgeren kan vælge sagsbehandler', 'AllowChoiceOfSupervisor') }),
  },
  { additionalProperties: false, description: d('Mødetid der kan straksbookes', 'BookingTimeslot') },
);

export const StraksbookingSvar = Type.Object(
  {
    bookbareSagsbehandlere: Type.Array(BookbarSagsbehandler, { description: d('Sagsbehandlere som kan bookes', 'SupervisorToBookCollection') }),
    straksbookingMoedetider: Type.Array(StraksbookingMoedetid, { description: d('Mødetider der kan straksbookes', 'ImmediateBookingTimeslotCollection') }),
  },
  {
    additionalProperties: false,
    description: d('Mødetider der indfrier fristen som kræver straksbooking', 'GetImmediateBookingTimeslotsResponse'),
    examples: [
      {
        bookbareSagsbehandlere: [{ id: 1, sagsbehandler: EKS_SAGSBEHANDLER }],
        straksbookingMoedetider: [
          { ...EKS_MOEDETID, ombookingMulig: false, aflysningMulig: false, moedetilbudId: EKS_TILBUD, moedetitel: 'Jobsamtale (straksbooking)', moedeVarighed: 30, samtaleType: 1, moedeGruppeType: 1, borgerKanVaelgeSagsbehandler: false },
        ],
      },
    ],
  },
);

export const FejlmeldingInput = Type.Object(
  {
    moedetilbudId: Type.Optional(GuidInput(d('Mødetilbuddet fejlmeldingen angår', 'MoedetilbudId'), EKS_TILBUD)),
    indkaldelseId: Type.Optional(GuidInput(d('Mødet fejlmeldingen angår', 'IndkaldelseId'), EKS_INDKALDELSE)),
    fejlkode: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: d('Fejlkode (Jobnets eller DFDG’s)', 'Fejlkode'), examples: [1001] }),
    fejltekst: Type.Optional(Type.String({ maxLength: 500, description: d('Beskrivelse af fejlsituationen, evt. skrevet af borgeren', 'Fejltekst'), examples: ['Mødetiden kunne ikke vises'] })),
    fejlOphav: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: d('Systemet fejlen er opstået i: kun 30 (DFDG) og 32 (Jobnet) er lovlige (9931)', 'ClientSystemTypeIdentifier'),
      examples: [32],
    }),
    fejlTidspunkt: Tidspunkt(d('Tidspunkt for fejlens registrering', 'FejlTidspunkt'), '2026-11-29T10:15:00.000+01:00'),
  },
  {
    $id: 'FejlmeldingInput',
    additionalProperties: false,
    description: d('Fejlmelding fra Jobnet eller DFDG', 'CreateFejlmeldingRequest'),
    examples: [{ moedetilbudId: EKS_TILBUD, fejlkode: 1001, fejltekst: 'Mødetiden kunne ikke vises', fejlOphav: 32, fejlTidspunkt: '2026-11-29T10:15:00.000+01:00' }],
  },
);
export type FejlmeldingInput = Static<typeof FejlmeldingInput>;

export const TilmeldOgBookInput = Type.Object(
  {
    ...TilmeldingInput.properties,
    moedetilbudId: GuidInput(d('Mødetilbuddet der bookes', 'InterviewOptionID'), EKS_TILBUD),
    moedeStarttidspunkt: Tidspunkt(d('Starttidspunkt for bookingen', 'BookingStartTime')),
    samtaleformType: SamtaleformType(),
    sagsbehandlerEksterntId: Type.Optional(EksterntId(d('Sagsbehandler-id', 'CaseWorkerIdentifier'))),
  },
  {
    $id: 'TilmeldOgBookInput',
    additionalProperties: false,
    description: d('Tilmelding af borgeren og booking af et møde i ét kald', 'UnemploymentEnrollmentAndBookRequest'),
    examples: [
      { klientKategori: 1, tilmeldingsdato: '2026-11-29', ledighedsgrad: 1, moedetilbudId: EKS_TILBUD, moedeStarttidspunkt: EKS_START, samtaleformType: 1 },
    ],
  },
);
export type TilmeldOgBookInput = Static<typeof TilmeldOgBookInput>;

export const TilmeldOgBookSvar = Type.Object(
  {
    tilmeldingId: GuidOutput(d('Tilmeldingens id', 'CreatedItemIdentifier'), '5b0c7a3e-2f4d-4e1a-9c8b-7d6e5f4a3b21'),
    indkaldelseId: GuidOutput(d('Det bookede mødes id', 'IndkaldelseId'), EKS_INDKALDELSE),
    serviceKvittering: ServiceKvittering,
    borgerkvitteringstekst: Type.String({ maxLength: 10000, description: d('Kvitteringstekst til borgeren', 'JobCenterReceipt') }),
    ingenSelvaktiveringskodeNoedvendig: Type.Boolean({ description: d('Sand når borgeren ikke skal have en selvaktiveringskode', 'NoSelfActivatingCodeNeeded') }),
  },
  {
    additionalProperties: false,
    description: d('Svar på tilmelding og booking', 'UnemploymentEnrollmentAndBookResponse'),
    examples: [
      {
        tilmeldingId: '5b0c7a3e-2f4d-4e1a-9c8b-7d6e5f4a3b21',
        indkaldelseId: EKS_INDKALDELSE,
        serviceKvittering: { haendelsestidspunkt: '2026-11-29T09:15:00.000Z', beskedId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
        borgerkvitteringstekst: 'Du er tilmeldt som ledig fra 2026-11-29. Dit møde er booket til 2026-12-03 kl. 09:00.',
        ingenSelvaktiveringskodeNoedvendig: true,
      },
    ],
  },
);

/** The schemas with an $id, added to the app once (src/app.ts). */
export const borgerbookingSchemas = [Sagsbehandler, Moedetilbud, Moedetid, Indkaldelse, BookingInput, OmbookingInput, ReservationInput, FejlmeldingInput, TilmeldOgBookInput];
