import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AFMELD_TILMELDING,
  READ_TILMELDING,
  REMOVE_FUTURE_DEREGISTRATION,
  REMOVE_JOBNET_FLAG,
  WRITE_TILMELDING,
} from '../../domain/access';
import { problemResponses, V1Headers } from '../../schemas/common';
import {
  AfmeldingInput,
  FjernFremtidigAfmeldingInput,
  KanTilmeldeSvar,
  KvitteringSvar,
  TilmeldingInput,
  Tilmeldingshistorik,
  Tilmeldingsstatus,
  TilmeldingSvar,
} from './schemas';
import { aktoerAf, TilmeldingService } from './service';

const tags = ['Tilmelding'];
const security = [{ bearerAuth: [] }];
const TilmeldingInputRef = Type.Ref(TilmeldingInput);

/** The fejlkoder of the enrollment rules (Tilmelding refuses with them, KanTilmelde lists them). */
const TILMELDING_KODER =
  'Kodelister: 4313 (klientkategori), 4314 (ledighedsgrad), 6052 (kun til intern brug), jobønsker 4318, 8281, 8282, 9439, 4698, 4710. ' +
  'CV-nummer (når angivet): 4786 (ingen Jobnet-konto), 4400 (ukendt CV-nummer), 4102 (en andens CV-nummer). ' +
  'Borgeren: 1010 (ukendt), 4405 (død), 4720 (udrejst), 4725 (midlertidig udenlandsk adresse), 4750 og 4645 (fravær). ' +
  'Dato: 4749 (skal være i dag; uden cvNummer) eller 4338 (i dag eller højst 10 dage tilbage; med cvNummer), 4316 (overlap med en tilmelding). ' +
  'Kategori: 4641 (kan ikke tilmeldes), 4339 (ikke ledig kun uden ydelse), 6014 (kategori og ledighedsgrad), 6033 (alder), ' +
  '4763 (65+ fra Jobnet kun uden ydelse), 7062 (kræver jobønske), a-kasse 4385, 4417, 4321.';

/** Tilmelding (UnemploymentEnrollmentService v8 and REST v1 Tilmelding): enrollment as unemployed. */
export default async function tilmeldingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = new TilmeldingService(app.prisma, app.clock, app.pg);

  app.post(
    '',
    {
      config: { access: WRITE_TILMELDING },
      schema: {
        operationId: 'Tilmelding',
        summary: 'Tilmelder borgeren som ledig hos jobcenter og a-kasse',
        description:
          'Gamle navne: UnemploymentEnrollment og UnemploymentEnrollmentCv (UnemploymentEnrollmentService v8), Tilmelding (REST v1). ' +
          'Uden `cvNummer` er det UnemploymentEnrollment: tilmeldingsdatoen skal være i dag (4749). Med `cvNummer` (Jobnets CV-variant) ' +
          'må den ligge op til 10 dage tilbage (4338). Fra Jobnet (rollen borger) sættes JobnetFlag, som jobcentret fjerner med RemoveJobnetFlag. ' +
          'Jobønskerne gemmes i samme transaktion (erstatter de nuværende). Alle brudte regler returneres på én gang. ' +
          TILMELDING_KODER,
        tags,
        security,
        headers: V1Headers,
        body: TilmeldingInputRef,
        response: {
          201: {
            ...TilmeldingSvar,
            description: 'Tilmeldt; Location peger på borgerens tilmeldingsstatus',
            headers: { location: Type.String({ description: 'Stien til tilmeldingsstatus', examples: ['/v1/Tilmelding/Status'] }) },
          },
          ...problemResponses(
            {
              400: [4313, 4314, 4318, 4321, 4698, 4710, 7062, 9158],
              403: [6052],
              404: [1010, 4102, 4400, 8281],
              409: [4316, 4645, 9439],
              422: [4338, 4339, 4385, 4405, 4417, 4641, 4720, 4725, 4749, 4750, 4763, 4786, 6014, 6033, 8282],
            },
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      const svar = await service.tilmeld(request.cpr, request.body as TilmeldingInput, aktoerAf(request.principal));
      return reply.code(201).header('location', '/v1/Tilmelding/Status').send(svar);
    },
  );

  app.post(
    '/action/kanTilmelde',
    {
      config: { access: WRITE_TILMELDING },
      schema: {
        operationId: 'KanTilmelde',
        summary: 'Prøvetilmelding: kan borgeren tilmeldes med disse oplysninger?',
        description:
          'Ny operation (ingen i specifikationerne; jf. NAV\'s kanStartePeriode). Samme body og samme regler som Tilmelding, men intet gemmes. ' +
          'Svarer 200 med `tilladt: true`, eller `tilladt: false` og alle de regler tilmeldingen ville bryde, hver med fejlkode og felt. ' +
          'Kun en ukendt borger (404/1010) og ugyldigt input (400/1014) giver en fejl. Mulige koder i listen: ' +
          TILMELDING_KODER,
        tags,
        security,
        headers: V1Headers,
        body: TilmeldingInputRef,
        response: { 200: KanTilmeldeSvar, ...problemResponses({ 400: [9158], 404: [1010] }, { body: true }) },
      },
    },
    async (request) => service.kanTilmelde(request.cpr, request.body as TilmeldingInput, aktoerAf(request.principal)),
  );

  app.post(
    '/action/afmeld',
    {
      config: { access: AFMELD_TILMELDING },
      schema: {
        operationId: 'Afmelding',
        summary: 'Afmelder borgeren som ledig (i dag eller som fremtidig afmelding)',
        description:
          'Gamle navne: CancelUnemploymentEnrollment og CancelUnemploymentEnrollmentCv (med `cvNummer`). ' +
          'Afmeldingsdatoen skal være i dag og højst 30 dage frem, 60 ved mindre intensiv indsats (afmeldingsårsagens grænse) (4322); ' +
          'en dato efter i dag registreres som fremtidig afmelding (kan flyttes med en ny Afmelding og fjernes af borgeren med RemoveFutureDeregistration). ' +
          'Koder: 4340 (ukendt årsag), 6052 (kun intern), 9118 (årsagen er kun for a-kasser), 9298 (årsagen må a-kasser ikke bruge), 4322, ' +
          '1010 (ukendt borger), 4367 (ikke tilmeldt; med cvNummer 4105), 4103 (ingen Jobnet-konto), 4400 (ukendt CV-nummer), 4102 (en andens CV-nummer).',
        tags,
        security,
        headers: V1Headers,
        body: AfmeldingInput,
        response: { 200: KvitteringSvar, ...problemResponses({ 400: [4340], 403: [6052, 9118, 9298], 404: [1010, 4102, 4103, 4400], 422: [4105, 4322, 4367] }, { body: true }) },
      },
    },
    async (request) => service.afmeld(request.cpr, request.body, aktoerAf(request.principal)),
  );

  app.get(
    '/Status',
    {
      config: { access: READ_TILMELDING },
      schema: {
        operationId: 'GetTilmeldingsstatus',
        summary: 'Henter borgerens aktuelle tilmeldingsstatus',
        description:
          'Ny operation (specifikationerne forudsætter kun, at Jobnet viser status). Om borgeren er tilmeldt i dag, med kategori, ledighedsgrad, ' +
          'JobnetFlag og en eventuel fremtidig afmelding. Koder: 1010 (ukendt borger).',
        tags,
        security,
        headers: V1Headers,
        response: { 200: Tilmeldingsstatus, ...problemResponses({ 404: [1010] }) },
      },
    },
    async (request) => service.status(request.cpr),
  );

  app.get(
    '/Historik',
    {
      config: { access: READ_TILMELDING },
      schema: {
        operationId: 'GetTilmeldingshistorik',
        summary: 'Henter borgerens tilmeldingshistorik: alle perioder med alle ændringer',
        description:
          'Ny operation. Hver tilmeldingsperiode med hver ændring: hvem (rolle og subjekt fra tokenet), kildesystem, årsag, ' +
          'forretningsmæssig hændelsesdato og registreringstidspunkt. Koder: 1010 (ukendt borger).',
        tags,
        security,
        headers: V1Headers,
        response: { 200: Tilmeldingshistorik, ...problemResponses({ 404: [1010] }) },
      },
    },
    async (request) => service.historik(request.cpr),
  );

  app.delete(
    '/JobnetFlag',
    {
      config: { access: REMOVE_JOBNET_FLAG },
      schema: {
        operationId: 'RemoveJobnetFlag',
        summary: 'Jobcentret fjerner JobnetFlag og bekræfter dermed borgerens tilmelding fra Jobnet',
        description:
          'Gammelt navn: [Remove JobnetFlag] (UnemploymentEnrollmentService v8, uden navn). Kun rollen jobcenter. ' +
          'Koder: 1010 (ukendt borger), 4367 (ikke tilmeldt), 4677 (har ikke et JobnetFlag).',
        tags,
        security,
        headers: V1Headers,
        response: { 200: KvitteringSvar, ...problemResponses({ 404: [1010, 4677], 422: [4367] }) },
      },
    },
    async (request) => service.fjernJobnetFlag(request.cpr, aktoerAf(request.principal)),
  );

  app.post(
    '/FremtidigAfmelding/action/fjern',
    {
      config: { access: REMOVE_FUTURE_DEREGISTRATION },
      schema: {
        operationId: 'RemoveFutureDeregistration',
        summary: 'Borgeren fjerner jobcentrets eller a-kassens registrering af en fremtidig afmelding',
        description:
          'Gammelt navn: [Remove future deregistration] (UnemploymentEnrollmentService v8, uden navn). Fra Jobnet: rollen borger (og system). ' +
          'CV-nummeret skal angives (9336) og være borgerens. Koder: 9336, 1010 (ukendt borger), 4103 (ingen Jobnet-konto), ' +
          '4400 (ukendt CV-nummer), 4102 (en andens CV-nummer), 4367 (ikke tilmeldt), 9921 (ingen fremtidig afmelding registreret; tjenestens egen kode).',
        tags,
        security,
        headers: V1Headers,
        body: FjernFremtidigAfmeldingInput,
        response: { 200: KvitteringSvar, ...problemResponses({ 400: [9336], 404: [1010, 4102, 4103, 4400, 9921], 422: [4367] }, { body: true }) },
      },
    },
    async (request) => service.fjernFremtidigAfmelding(request.cpr, request.body, aktoerAf(request.principal)),
  );
}

/** Shared schemas the routes reference by $id; added once at the root so OpenAPI lists them as components. */
export const tilmeldingSchemas = [TilmeldingInput];
