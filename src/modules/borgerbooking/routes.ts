import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { READ_BORGERBOOKING, TILMELD_OG_BOOK, WRITE_BORGERBOOKING, SCOPES } from '../../domain/access';
import { RuleViolation } from '../../domain/errors';
import { problemResponses, V1Headers, type Fejlkoder } from '../../schemas/common';
import { aktoerAf } from '../tilmelding/service';
import { DatabasePlanner } from './db-planner';
import { PLANNER_KODER, type Planlaegningssystem } from './planner';
import {
  BookingInput,
  BookingSvar,
  Borgerstatus,
  FejlmeldingInput,
  IndkaldelseParams,
  IndkaldelserSvar,
  MoedetiderQuery,
  MoedetiderSvar,
  MoedetilbudParams,
  MoedetilbudQuery,
  MoedetilbudSvar,
  OmbookingInput,
  OmbookingMoedetiderQuery,
  OmbookingMoedetiderSvar,
  OmbookingSagsbehandlereSvar,
  ReservationInput,
  ReservationSvar,
  StraksbookingSvar,
  TilmeldOgBookInput,
  TilmeldOgBookSvar,
} from './schemas';
import { BorgerbookingService } from './service';

const tags = ['Borgerbooking'];
const security = [{ bearerAuth: [] }];

/** The operation's own codes plus the planner integration's (503: 4769, 9018, 9303, 9329). */
const koder = (k: Fejlkoder): Fejlkoder => ({ ...k, 503: PLANNER_KODER });

/** The planner failures, as every operation's description names them. */
const PLANNER_TEKST = ' Planlægningssystemet: 4769 (ingen forbindelse), 9018 (konfiguration mangler), 9303 (uhåndteret fejl), 9329 (kontraktbrud), alle 503.';

/** The codes of TilmeldOgBook's enrollment part (Tilmelding's rules, always with 4338's 10-day window). */
const TILMELD_OG_BOOK_KODER: Fejlkoder = {
  400: [4313, 4314, 4318, 4321, 4698, 4708, 4710, 7062, 9158],
  403: [6052],
  404: [1010, 4102, 4400, 4822, 8108, 8281],
  409: [4316, 4645, 4819, 8273, 9220, 9439],
  422: [4338, 4339, 4385, 4405, 4417, 4641, 4720, 4725, 4750, 4763, 4783, 4786, 4812, 6014, 6033, 8109, 8282, 8288, 9003, 9121],
};

export interface BorgerbookingRouteOptions {
  /** The planning system (default: the database, DatabasePlanner). Tests inject failing ones. */
  planlaegningssystem?: Planlaegningssystem;
}

/**
 * Borgerbooking (BorgerBooking / JobnetCitizenStatusService v10): the citizen's booking operations
 * under /v1/Borgerbooking. The planning side (/v1/Borgerbooking/Planlaegning) is planner-routes.ts.
 */
export default async function borgerbookingRoutes(fastify: FastifyInstance, opts: BorgerbookingRouteOptions) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const planner = opts.planlaegningssystem ?? new DatabasePlanner(app.pg);
  const service = new BorgerbookingService(planner, app.clock, app.prisma, app.pg, { holdMs: app.config.borgerbooking.holdMs });

  app.get(
    '/Borgerstatus',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetBorgerstatus',
        summary: 'Henter borgerens bookingstatus: selvbooking, frister og straksbooking',
        description:
          'Gammelt navn: GetBorgerstatus (JobnetCitizenStatusService v10). `kanSelvbooke` er sand når borgeren lever, ikke skal straksbooke og der findes ' +
          'et aktivt mødetilbud med en ledig mødetid. Koder: 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        response: { 200: Borgerstatus, ...problemResponses(koder({ 404: [1010] })) },
      },
    },
    async (request) => service.borgerstatus(request.cpr),
  );

  app.get(
    '/Moedetilbud',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetSelvbookingMoedetilbud',
        summary: 'Henter de mødetilbud borgeren kan selvbooke',
        description:
          'Gammelt navn: GetSelfbookInterviewOptions. Aktive mødetilbud der tillader selvbooking, evt. kun af én samtaletype eller mødegruppetype. ' +
          'Koder: 4709 (ugyldig samtaletype), 4805 (ugyldig mødegruppetype), 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        querystring: MoedetilbudQuery,
        response: { 200: MoedetilbudSvar, ...problemResponses(koder({ 400: [4709, 4805], 404: [1010] })) },
      },
    },
    async (request) => service.selvbookingMoedetilbud(request.cpr, request.query),
  );

  app.get(
    '/Moedetilbud/:moedetilbudId/Moedetider',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetSelvbookingMoedetider',
        summary: 'Henter ledige mødetider for et mødetilbud i et tidsrum',
        description:
          'Gammelt navn: GetSelfbookTimeslots. Mødetider med mindst én ledig plads (reservationer tæller med), evt. kun med en samtaleform eller en sagsbehandler. ' +
          'Koder: 4792 (slut før start), 4783 (tidsrummet ligger før i dag), 4708 (ugyldig samtaleform), 8108 (ukendt eller inaktivt mødetilbud), ' +
          '4812 (tilbuddet tillader ikke selvbooking), 4822 (ukendt sagsbehandler), 9003 (sagsbehandleren hører ikke til tilbuddet), ' +
          '4770 (ingen ledige mødetider), 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        querystring: MoedetiderQuery,
        response: { 200: MoedetiderSvar, ...problemResponses(koder({ 400: [4708, 4792], 404: [1010, 4822, 8108], 422: [4770, 4783, 4812, 9003] })) },
      },
    },
    async (request) => service.selvbookingMoedetider(request.cpr, request.params.moedetilbudId, request.query),
  );

  app.post(
    '/Moedetilbud/:moedetilbudId/action/reserver',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'ReserverMoedetid',
        summary: 'Reserverer en plads på en mødetid mens borgeren bekræfter',
        description:
          'Ny operation (som `.../action/reserver` i STAR\'s REST v1 BorgerBooking). Reservationen tæller mod mødetidens pladser, til den udløber ' +
          '(BOOKING_HOLD_SECONDS, standard 5 minutter) eller bekræftes med `reservationId` i CreateBooking eller CreateOmbooking. En ny reservation ' +
          'frigiver borgerens forrige. Med `indkaldelseId` er reservationen til en ombooking af det møde (CreateOmbookings regler). ' +
          'Koder: som CreateBooking: 4708, 8108, 4812, 9121, 4783, 8109, 8288, 4822, 9003, 8273/9220, 4405, 1010, og 4819 (mødetiden er optaget eller findes ikke); ' +
          'med indkaldelseId: 4768, 8107, 9130, 4820, 4709 (andet tilbuds samtaletype).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        body: Type.Ref(ReservationInput),
        response: {
          201: { ...ReservationSvar, description: 'Reserveret' },
          ...problemResponses(
            koder({
              400: [4708, 4709],
              404: [1010, 4768, 4822, 8107, 8108],
              409: [4819, 8273, 9220],
              422: [4405, 4783, 4812, 4820, 8109, 8288, 9003, 9121, 9130],
            }),
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await service.reserver(request.cpr, request.params.moedetilbudId, request.body as ReservationInput)),
  );

  app.post(
    '/Moedetilbud/:moedetilbudId/Booking',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'CreateBooking',
        summary: 'Booker et møde på et mødetilbud (selvbooking)',
        description:
          'Gammelt navn: CreateBooking. Tager en plads på mødetiden (eller bekræfter reservationen `reservationId`) og opretter mødet. ' +
          'Et tilbud til straksbooking giver et straksbooket møde, som borgeren ikke kan ombooke eller aflyse. ' +
          'Koder: 4708 (ugyldig samtaleform, eller ikke tilbuddets), 8108 (ukendt eller inaktivt tilbud), 4812 (tillader ikke selvbooking), ' +
          '9121 (rehabiliteringsteam ikke for kontaktgruppen), 4783 (før i dag), 8109 (uden for tilbuddets periode), 8288 (efter fristens sidste dag), ' +
          '4822 (ukendt sagsbehandler), 9003 (sagsbehandleren kan ikke bookes), 8273 (har allerede en Jobsamtale; også andre typer) og 9220 (Opfølgningssamtale), ' +
          '4819 (mødetiden er optaget, findes ikke eller reservationen er udløbet), 4405 (død), 1010 (ukendt borger). ' +
          'Ikke relevante: 4709 og 4805 (inputtet har hverken samtaletype eller mødegruppetype; tilbuddet bestemmer dem), 4400 (udgår).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        body: Type.Ref(BookingInput),
        response: {
          201: {
            ...BookingSvar,
            description: 'Booket; Location peger på borgerens møder',
            headers: { location: Type.String({ description: 'Stien til borgerens møder', examples: ['/v1/Borgerbooking/Indkaldelser'] }) },
          },
          ...problemResponses(
            koder({ 400: [4708], 404: [1010, 4822, 8108], 409: [4819, 8273, 9220], 422: [4405, 4783, 4812, 8109, 8288, 9003, 9121] }),
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      const indkaldelseId = await service.book(request.cpr, request.params.moedetilbudId, request.body as BookingInput);
      return reply.code(201).header('location', '/v1/Borgerbooking/Indkaldelser').send({ indkaldelseId });
    },
  );

  app.get(
    '/Indkaldelser',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetIndkaldelser',
        summary: 'Henter borgerens aktuelle møder: indkaldte og selvbookede',
        description:
          'Gamle navne: GetIndkaldelser (IndkaldelseService) og den udgåede GetBookings (JobnetCitizenStatusService v10), som den erstatter; GetBookings findes ikke i dette API. ' +
          'Svaret har JobnetBookingDetails-strukturen med danske navne, inkl. indkalderen (BookingOriginator). "Aktuelle" er alle møder fra i dag ' +
          '(også dagens, der er begyndt); aflyste møder er ikke med. Koder: 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        response: { 200: IndkaldelserSvar, ...problemResponses(koder({ 404: [1010] })) },
      },
    },
    async (request) => service.indkaldelser(request.cpr),
  );

  app.post(
    '/Indkaldelser/:indkaldelseId/Ombooking',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'CreateOmbooking',
        summary: 'Ombooker et møde til en anden mødetid (tæller som accept)',
        description:
          'Gammelt navn: RescheduleBooking. Gælder både indkaldte og selvbookede møder. Den nye plads tages og den gamle frigives i én transaktion, ' +
          'og mødet er derefter accepteret. Ombookes inden for mødets mødetilbud, eller `moedetilbudId` (samme samtaletype). ' +
          'Koder: 4768 (ukendt møde), 8107 (en andens møde), 9130 (straksbooking), 4783 (mødet eller den nye tid ligger før i dag), ' +
          '4820 (ombooking ikke mulig eller fristen overskredet), 8108 (ukendt tilbud), 4709 (tilbud af en anden samtaletype), ' +
          '4812 (intet tilbud at ombooke inden for), 4708 (samtaleform), 8109 (uden for tilbuddets periode), 8288 (efter fristen), ' +
          '4822 og 9003 (sagsbehandler), 4767 (den nye tid er optaget eller findes ikke), 4819 (reservationen er udløbet), 4405 (død), 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        body: Type.Ref(OmbookingInput),
        response: {
          204: { type: 'null', description: 'Ombooket' },
          ...problemResponses(
            koder({
              400: [4708, 4709],
              404: [1010, 4768, 4822, 8107, 8108],
              409: [4767, 4819],
              422: [4405, 4783, 4812, 4820, 8109, 8288, 9003, 9130],
            }),
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      await service.ombook(request.cpr, request.params.indkaldelseId, request.body as OmbookingInput);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/Indkaldelser/:indkaldelseId',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'DeleteBooking',
        summary: 'Aflyser et møde',
        description:
          'Gammelt navn: CancelBooking. Aflyser mødet og frigiver pladsen. Koder: 4768 (ukendt eller allerede aflyst), 8107 (en andens møde), ' +
          '9130 (straksbooking), 4650 (mødet er begyndt), 4820 (aflysning ikke mulig eller fristen overskredet), 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        response: { 204: { type: 'null', description: 'Aflyst' }, ...problemResponses(koder({ 404: [1010, 4768, 8107], 422: [4650, 4820, 9130] })) },
      },
    },
    async (request, reply) => {
      await service.aflys(request.cpr, request.params.indkaldelseId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/Indkaldelser/:indkaldelseId/action/accepter',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'SaveIndkaldelsesaccept',
        summary: 'Accepterer en indkaldelse',
        description:
          'Gammelt navn: AcceptBooking. Gentaget accept ændrer intet. Koder: 4768 (ukendt møde), 8107 (en andens møde), 1010 (ukendt borger). ' +
          'Ikke relevant: 4400 (udgår; inputtet har intet CV-nummer).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        response: { 204: { type: 'null', description: 'Accepteret' }, ...problemResponses(koder({ 404: [1010, 4768, 8107] })) },
      },
    },
    async (request, reply) => {
      await service.accepter(request.cpr, request.params.indkaldelseId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/Indkaldelser/:indkaldelseId/Ombooking/Sagsbehandlere',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetOmbookingSagsbehandlere',
        summary: 'Henter de sagsbehandlere mødet kan ombookes til',
        description:
          'Gammelt navn: GetRescheduleCaseWorkers. Alle mødetilbuddets sagsbehandlere, uanset om de har tid. Koder: 4768, 8107, 9130 (straksbooking), ' +
          '4783 (mødet ligger før i dag), 4820 (ombooking ikke mulig), 4812 (intet tilbud at ombooke inden for), 1010.' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        response: { 200: OmbookingSagsbehandlereSvar, ...problemResponses(koder({ 404: [1010, 4768, 8107], 422: [4783, 4812, 4820, 9130] })) },
      },
    },
    async (request) => service.ombookingSagsbehandlere(request.cpr, request.params.indkaldelseId),
  );

  app.get(
    '/Indkaldelser/:indkaldelseId/Ombooking/Moedetider',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetOmbookingMoedetider',
        summary: 'Henter ledige mødetider mødet kan ombookes til',
        description:
          'Gammelt navn: GetRescheduleTimeslots. Som GetSelvbookingMoedetider, for mødets tilbud eller `moedetilbudId`; mødets egen mødetid er ikke med. ' +
          'Koder: 4768, 8107, 9130, 4783, 4820, 8108 (ukendt tilbud), 4709 (tilbud af en anden samtaletype), 4812 (intet selvbookbart tilbud), ' +
          '4792 (slut før start), 4708, 4822, 9003, 4770 (ingen ledige tider), 1010.' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        querystring: OmbookingMoedetiderQuery,
        response: {
          200: OmbookingMoedetiderSvar,
          ...problemResponses(koder({ 400: [4708, 4709, 4792], 404: [1010, 4768, 4822, 8107, 8108], 422: [4770, 4783, 4812, 4820, 9003, 9130] })),
        },
      },
    },
    async (request) => service.ombookingMoedetider(request.cpr, request.params.indkaldelseId, request.query),
  );

  app.get(
    '/Straksbooking/Moedetider',
    {
      config: { access: READ_BORGERBOOKING },
      schema: {
        operationId: 'GetStraksbookingMoedetider',
        summary: 'Henter mødetider borgeren kan straksbooke',
        description:
          'Gammelt navn: GetImmediateBookingTimeslots. Ledige mødetider på tilbud til straksbooking af samme samtaletype som den frist der kræver straksbooking, ' +
          'senest på fristens sidste afholdelsesdag. Bookes med CreateBooking. Koder: 4770 (ingen frist kræver straksbooking, eller ingen ledige tider), 1010.' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        response: { 200: StraksbookingSvar, ...problemResponses(koder({ 404: [1010], 422: [4770] })) },
      },
    },
    async (request) => service.straksbookingMoedetider(request.cpr),
  );

  app.post(
    '/Fejlmeldinger',
    {
      config: { access: WRITE_BORGERBOOKING },
      schema: {
        operationId: 'CreateFejlmelding',
        summary: 'Indberetter en fejl fra Jobnet eller DFDG',
        description:
          'Gammelt navn: CreateFejlmelding. Gemmes til driften, som læser den gennem planlægnings-API\'et. Koder: 9931 (fejlOphav er hverken 30 DFDG eller 32 Jobnet; ' +
          'specifikationens "Ulovligt system angivet som ophav"), 8108 (ukendt mødetilbud), 4768 (ukendt møde), 8107 (en andens møde), 1010 (ukendt borger).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(FejlmeldingInput),
        response: { 204: { type: 'null', description: 'Modtaget' }, ...problemResponses(koder({ 404: [1010, 4768, 8107, 8108], 422: [9931] }), { body: true }) },
      },
    },
    async (request, reply) => {
      await service.fejlmelding(request.cpr, request.body as FejlmeldingInput);
      return reply.code(204).send();
    },
  );

  app.post(
    '/TilmeldOgBook',
    {
      config: { access: TILMELD_OG_BOOK },
      schema: {
        operationId: 'TilmeldOgBook',
        summary: 'Tilmelder borgeren som ledig og booker et møde i én transaktion',
        description:
          'Gamle navne: TilmeldOgBook (UnemploymentEnrollmentAndBook), UnemploymentEnrollmentAndBookCv og den udgåede StraksbookOgTilmeld, som den erstatter; ' +
          'StraksbookOgTilmeld findes ikke i dette API. Tilmeldingens regler (som Tilmelding, men altid med 4338: i dag eller højst 10 dage tilbage) og ' +
          'bookingens regler (som CreateBooking) gælder; tilmelding og booking gemmes i én databasetransaktion, eller ingen af dem. Kræver også scope ' +
          `${SCOPES.tilmeldingWrite} (ellers 1013). Tilmeldingens koder: 4313, 4314, 6052, jobønsker 4318, 8281, 8282, 9439, 4698, 4710, 7062, e-mail 9158, ` +
          'CV-nummer 4786, 4400, 4102, 4338, 4316, 4405, 4720, 4725, 4750, 4645, 4641, 4339, 6014, 6033, 4763, a-kasse 4385, 4417, 4321. ' +
          'Bookingens (som CreateBooking): 4708, 8108, 4812, 9121, 4783, 8109, 8288, 4822, 9003, 8273, 9220, 4819 (også når tilmeldingen allerede er skrevet i transaktionen: ' +
          'så rulles den tilbage), 1010. Ikke relevant: 4749 (TilmeldOgBook bruger altid 4338).' +
          PLANNER_TEKST,
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(TilmeldOgBookInput),
        response: {
          201: {
            ...TilmeldOgBookSvar,
            description: 'Tilmeldt og booket; Location peger på borgerens møder',
            headers: { location: Type.String({ description: 'Stien til borgerens møder', examples: ['/v1/Borgerbooking/Indkaldelser'] }) },
          },
          ...problemResponses(koder(TILMELD_OG_BOOK_KODER), { body: true }),
        },
      },
    },
    async (request, reply) => {
      if (!request.principal.scopes.has(SCOPES.tilmeldingWrite)) {
        throw new RuleViolation(1013, { detail: `The scope ${SCOPES.tilmeldingWrite} is required as well` });
      }
      const svar = await service.tilmeldOgBook(request.cpr, request.body as TilmeldOgBookInput, aktoerAf(request.principal));
      return reply.code(201).header('location', '/v1/Borgerbooking/Indkaldelser').send(svar);
    },
  );
}
