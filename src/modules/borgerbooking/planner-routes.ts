import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PLANLAEGNING_BORGERBOOKING } from '../../domain/access';
import { problemResponses, V1Headers, type Fejlkoder, type FejlStatus } from '../../schemas/common';
import { fejlkode, type Fejlkodenummer } from '../../domain/fejlkoder';
import {
  BookingQuery,
  FejlmeldingQuery,
  FristInput,
  FristParams,
  IndkaldelseInput,
  IndkaldelseParams,
  IndkaldelseSvar,
  MoedetiderInput,
  MoedetidOpdatering,
  MoedetidParams,
  MoedetilbudInput,
  MoedetilbudListeQuery,
  MoedetilbudOpdatering,
  MoedetilbudParams,
  PlanBookingListe,
  PlanFejlmeldingListe,
  PlanFrist,
  PlanFristListe,
  PlanMoedetid,
  PlanMoedetidListe,
  PlanMoedetilbud,
  PlanMoedetilbudListe,
} from './planner-schemas';
import { PlanlaegningService } from './planner-service';

const tags = ['Borgerbooking: planlægning'];
const security = [{ bearerAuth: [] }];
const config = { access: PLANLAEGNING_BORGERBOOKING };
const PlanMoedetilbudRef = Type.Ref(PlanMoedetilbud);

/** An operation's fejlkoder grouped by their registry status, for problemResponses. */
function koder(...liste: Fejlkodenummer[]): Fejlkoder {
  const grupper: Partial<Record<FejlStatus, Fejlkodenummer[]>> = {};
  for (const k of [...new Set(liste)].sort((a, b) => a - b)) (grupper[fejlkode(k).status as FejlStatus] ??= []).push(k);
  return grupper;
}

/** Said once in every planner operation's description. */
const HVEM =
  'Kun rollerne jobcenter (med sin kommunekode i tokenets org; uden: 403/4575) og system; en borger får 403/4575. ' +
  'Et jobcenter ser og ændrer kun sin egen kommunes mødetilbud (andres svarer som ukendte tilbud). ' +
  'Headeren x-civilRegistrationIdentifier kræves som på alle /v1-kald; operationer der ikke angår en borger ignorerer den (brug fx 0000000000).';

const TILBUD_REGLER =
  'Regler: samtaleType 4709, moedeGruppeType 4805, samtaleform 4708; varighed højst et døgn 8135; sidste mødetid før første 4792; ' +
  'ombooking mulig uden frist 8126, aflysningsfrist uden aflysning 8127, aflysning mulig uden frist 8128, personligt fremmøde uden adresse 8129, ' +
  'ombooking for samtaletype 17/18 8270; fællesmøder: borgeren vælger aldrig sagsbehandler og sidste mødetid er påkrævet (1014); ' +
  'en sagsbehandler (eksterntId) fra en anden kommune 9003.';

const MOEDETID_REGLER =
  'Mødetider: start ikke før i dag 4783, uden for tilbuddets første/sidste mødetid 8109, samme starttidspunkt to gange 9941, ' +
  'en samtaleform tilbuddet ikke har 4708, en sagsbehandler der ikke er tilbuddets 9003.';

/**
 * The planning side of Borgerbooking under /v1/Borgerbooking/Planlaegning (new operations: the
 * specification describes only the citizen's side). Registered from src/modules/v1.ts.
 */
export default async function borgerbookingPlanlaegningRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = new PlanlaegningService(app.prisma, app.clock);
  const location = (id: string) => `/v1/Borgerbooking/Planlaegning/Moedetilbud/${id}`;

  app.post(
    '/Moedetilbud',
    {
      config,
      schema: {
        operationId: 'CreateMoedetilbud',
        summary: 'Opretter et mødetilbud med sagsbehandlere og mødetider',
        description:
          'Ny operation: jobcentrets planlægningssystem opretter et mødetilbud (det borgeren ser med GetSelvbookingMoedetilbud), ' +
          'dets sagsbehandlere (oprettes eller opdateres ud fra eksterntId i jobcentrets kommune) og eventuelt mødetider med pladser. ' +
          'Alle brudte regler returneres på én gang; intet gemmes. ' +
          HVEM +
          ' ' +
          TILBUD_REGLER +
          ' ' +
          MOEDETID_REGLER,
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(MoedetilbudInput),
        response: {
          201: { ...PlanMoedetilbudRef, description: 'Oprettet; Location peger på tilbuddet', headers: { location: Type.String({ description: 'Stien til mødetilbuddet' }) } },
          ...problemResponses(koder(4708, 4709, 4805, 8126, 8128, 8129, 9941, 4783, 4792, 8109, 8127, 8135, 8270, 9003), { body: true }),
        },
      },
    },
    async (request, reply) => {
      const t = await service.opretMoedetilbud(request.principal, request.body as MoedetilbudInput);
      return reply.code(201).header('location', location(t.moedetilbudId)).send(t);
    },
  );

  app.get(
    '/Moedetilbud',
    {
      config,
      schema: {
        operationId: 'GetMoedetilbudListe',
        summary: 'Henter mødetilbuddene med mødetider og belægning',
        description: 'Ny operation: planlægningssystemets liste over mødetilbud, nyeste først, med mødetider, bookede, reserverede og ledige pladser. ' + HVEM,
        tags,
        security,
        headers: V1Headers,
        querystring: MoedetilbudListeQuery,
        response: { 200: PlanMoedetilbudListe, ...problemResponses() },
      },
    },
    async (request) => service.listMoedetilbud(request.principal, request.query),
  );

  app.get(
    '/Moedetilbud/:moedetilbudId',
    {
      config,
      schema: {
        operationId: 'GetMoedetilbud',
        summary: 'Henter et mødetilbud med mødetider og belægning',
        description: 'Ny operation: ét mødetilbud som planlægningssystemet ser det (også et deaktiveret). Ukendt: 404/8108. ' + HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        response: { 200: PlanMoedetilbudRef, ...problemResponses(koder(8108)) },
      },
    },
    async (request) => service.hentMoedetilbud(request.principal, request.params.moedetilbudId),
  );

  app.put(
    '/Moedetilbud/:moedetilbudId',
    {
      config,
      schema: {
        operationId: 'UpdateMoedetilbud',
        summary: 'Ændrer et mødetilbuds felter og sagsbehandlere',
        description:
          'Ny operation: erstatter et aktivt mødetilbuds felter og sagsbehandlere (mødetiderne ændres med CreateMoedetider og UpdateMoedetid). ' +
          'Sagsbehandlere der ikke længere er med, fjernes fra tilbuddet og dets mødetider; eksisterende bookinger beholder deres. ' +
          'Mødetiderne følger tilbuddets ombooking- og aflysningsmulighed og beholder kun tilbuddets samtaleformer. ' +
          'Ukendt eller deaktiveret tilbud: 404/8108. ' +
          HVEM +
          ' ' +
          TILBUD_REGLER,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        body: MoedetilbudOpdatering,
        response: {
          200: PlanMoedetilbudRef,
          ...problemResponses(koder(4708, 4709, 4805, 8126, 8128, 8129, 8108, 4792, 8127, 8135, 8270, 9003), { body: true }),
        },
      },
    },
    async (request) => service.opdaterMoedetilbud(request.principal, request.params.moedetilbudId, request.body),
  );

  app.post(
    '/Moedetilbud/:moedetilbudId/action/deaktiver',
    {
      config,
      schema: {
        operationId: 'DeaktiverMoedetilbud',
        summary: 'Deaktiverer et mødetilbud',
        description:
          'Ny operation: tilbuddet vises ikke længere for borgeren og kan ikke bookes (8108); de bookinger der er, består. ' +
          'Et deaktiveret tilbud kan ikke ændres eller aktiveres igen (opret et nyt). Gentagelse ændrer intet. Ukendt: 404/8108. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        response: { 200: PlanMoedetilbudRef, ...problemResponses(koder(8108)) },
      },
    },
    async (request) => service.deaktiverMoedetilbud(request.principal, request.params.moedetilbudId),
  );

  app.post(
    '/Moedetilbud/:moedetilbudId/Moedetider',
    {
      config,
      schema: {
        operationId: 'CreateMoedetider',
        summary: 'Opretter mødetider med pladser på et mødetilbud',
        description:
          'Ny operation: nye mødetider (starttidspunkt, antal pladser, samtaleformer, bookbare sagsbehandlere) på et aktivt mødetilbud. ' +
          'Alle eller ingen. Ukendt eller deaktiveret tilbud: 404/8108. ' +
          HVEM +
          ' ' +
          MOEDETID_REGLER,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        body: MoedetiderInput,
        response: {
          201: { ...PlanMoedetidListe, description: 'Oprettet; Location peger på tilbuddet', headers: { location: Type.String({ description: 'Stien til mødetilbuddet' }) } },
          ...problemResponses(koder(4708, 8108, 9941, 4783, 8109, 9003), { body: true }),
        },
      },
    },
    async (request, reply) => {
      const svar = await service.opretMoedetider(request.principal, request.params.moedetilbudId, request.body);
      return reply.code(201).header('location', location(request.params.moedetilbudId.toLowerCase())).send(svar);
    },
  );

  app.put(
    '/Moedetilbud/:moedetilbudId/Moedetider/:moedetidId',
    {
      config,
      schema: {
        operationId: 'UpdateMoedetid',
        summary: 'Ændrer en mødetids antal pladser, samtaleformer og sagsbehandlere',
        description:
          'Ny operation: færre pladser end der er optaget af bookinger og reservationer der ikke er udløbet, afvises med 409/9942 ' +
          '(tjekket under mødetidens rækkelås, så en samtidig booking ikke kan snige sig ind). ' +
          'Ukendt tilbud 404/8108, ukendt mødetid 404/4589, en samtaleform tilbuddet ikke har 4708, en sagsbehandler der ikke er tilbuddets 9003. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetidParams,
        body: MoedetidOpdatering,
        response: { 200: PlanMoedetid, ...problemResponses(koder(4708, 4589, 8108, 9942, 9003), { body: true }) },
      },
    },
    async (request) => service.opdaterMoedetid(request.principal, request.params.moedetilbudId, request.params.moedetidId, request.body),
  );

  app.post(
    '/Moedetilbud/:moedetilbudId/Moedetider/:moedetidId/action/deaktiver',
    {
      config,
      schema: {
        operationId: 'DeaktiverMoedetid',
        summary: 'Deaktiverer en mødetid',
        description:
          'Ny operation: mødetiden tilbydes og kan bookes ikke længere (borgerens booking afvises som en optaget mødetid); de bookinger der er, består. ' +
          'Ukendt tilbud 404/8108, ukendt mødetid 404/4589. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetidParams,
        response: { 200: PlanMoedetid, ...problemResponses(koder(4589, 8108)) },
      },
    },
    async (request) => service.deaktiverMoedetid(request.principal, request.params.moedetilbudId, request.params.moedetidId),
  );

  app.get(
    '/Moedetilbud/:moedetilbudId/Bookinger',
    {
      config,
      schema: {
        operationId: 'GetBookingerPaaMoedetilbud',
        summary: 'Henter bookingerne på et mødetilbud',
        description:
          'Ny operation: møderne på tilbuddets mødetider (selvbookede, straksbookede og indkaldte), efter mødetid; med `alle=true` også aflyste og afholdte. ' +
          'Ukendt tilbud: 404/8108. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetilbudParams,
        querystring: BookingQuery,
        response: { 200: PlanBookingListe, ...problemResponses(koder(8108)) },
      },
    },
    async (request) => service.bookinger(request.principal, request.params.moedetilbudId, undefined, request.query),
  );

  app.get(
    '/Moedetilbud/:moedetilbudId/Moedetider/:moedetidId/Bookinger',
    {
      config,
      schema: {
        operationId: 'GetBookingerPaaMoedetid',
        summary: 'Henter bookingerne på en mødetid',
        description: 'Ny operation: møderne på én mødetid; med `alle=true` også aflyste og afholdte. Ukendt tilbud 404/8108, ukendt mødetid 404/4589. ' + HVEM,
        tags,
        security,
        headers: V1Headers,
        params: MoedetidParams,
        querystring: BookingQuery,
        response: { 200: PlanBookingListe, ...problemResponses(koder(4589, 8108)) },
      },
    },
    async (request) => service.bookinger(request.principal, request.params.moedetilbudId, request.params.moedetidId, request.query),
  );

  app.get(
    '/Frister',
    {
      config,
      schema: {
        operationId: 'GetFrister',
        summary: 'Henter borgerens frister',
        description: 'Ny operation: borgerens frister (borgeren i x-civilRegistrationIdentifier), som GetBorgerstatus viser dem. Ukendt borger: 404/1010. ' + HVEM,
        tags,
        security,
        headers: V1Headers,
        response: { 200: PlanFristListe, ...problemResponses(koder(1010)) },
      },
    },
    async (request) => service.frister(request.principal, request.cpr),
  );

  app.put(
    '/Frister/:samtaleType',
    {
      config,
      schema: {
        operationId: 'SetFrist',
        summary: 'Sætter borgerens frist for at booke en samtaletype',
        description:
          'Ny operation: opretter eller erstatter borgerens frist for samtaletypen (én pr. type). Med straksbookingPaakraevet skal borgeren straksbooke ' +
          '(GetBorgerstatus, GetStraksbookingMoedetider). Regler: ukendt samtaletype 4709, fristdato før i dag 4783, sidste afholdelsesdato før fristdatoen 4792, ' +
          'ukendt borger 1010, død 4405. Fristerne er borgerens, ikke et bestemt jobcenters: ethvert jobcenter kan sætte og fjerne dem. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: FristParams,
        body: FristInput,
        response: { 200: PlanFrist, ...problemResponses(koder(4709, 1010, 4405, 4783, 4792), { body: true }) },
      },
    },
    async (request) => service.saetFrist(request.principal, request.cpr, request.params.samtaleType, request.body),
  );

  app.delete(
    '/Frister/:samtaleType',
    {
      config,
      schema: {
        operationId: 'DeleteFrist',
        summary: 'Fjerner borgerens frist for en samtaletype',
        description: 'Ny operation: fjerner fristen. Ingen frist for typen: 404/4589; ukendt borger: 404/1010. ' + HVEM,
        tags,
        security,
        headers: V1Headers,
        params: FristParams,
        response: { 204: Type.Null({ description: 'Fjernet' }), ...problemResponses(koder(1010, 4589)) },
      },
    },
    async (request, reply) => {
      await service.sletFrist(request.principal, request.cpr, request.params.samtaleType);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/Indkaldelser',
    {
      config,
      schema: {
        operationId: 'CreateIndkaldelse',
        summary: 'Indkalder borgeren til et møde',
        description:
          'Ny operation: jobcentret indkalder borgeren (x-civilRegistrationIdentifier) med JobnetBookingDetails-felterne; borgeren ser indkaldelsen med GetIndkaldelser, ' +
          'accepterer den med SaveIndkaldelsesaccept og ombooker/aflyser den inden for fristerne. Indkalder er jobcentrets kommunekode (organisationstype 1 Jobcenter). ' +
          'Med moedetilbudId optager indkaldelsen en plads på tilbuddets mødetid ved moedeStarttidspunkt (under mødetidens rækkelås; ingen aktiv mødetid eller ingen ledig plads: 409/4819), ' +
          'tilbuddet skal have samme samtaletype (4709), tidspunktet skal ligge i tilbuddets interval (8109), og tilbuddet skal være aktivt og jobcentrets eget (8108). ' +
          'Alle brudte regler om felterne returneres på én gang: start før i dag 4783, slut før start 4792, ombookingsfrist mangler 8126, aflysningsfrist uden aflysning 8127, ' +
          'aflysningsfrist mangler 8128, personligt fremmøde uden adresse 8129, hverken slut eller varighed 8130, borgeren skal ringe uden telefonnummer 8131, ' +
          'ombookingsfrist før i dag 8132, aflysningsfrist før i dag 8133, ombookingsfrist efter start 8134, varighed over et døgn 8135, aflysningsfrist efter start 8136, ' +
          'ombooking for samtaletype 17/18 8270, ukendt samtaletype 4709, mødegruppetype 4805, samtaleform 4708. ' +
          'Borgeren: ukendt 1010, død 4405; har allerede et aktivt møde af samme samtaletype: 9220 (Opfølgningssamtale) eller 8273 (andre typer), som på borgerens side. ' +
          'En sagsbehandler (eksterntId) fra en anden kommune: 9003. En systemintegration angiver kommunekode eller moedetilbudId (ellers 1014). ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(IndkaldelseInput),
        response: {
          201: { ...IndkaldelseSvar, description: 'Indkaldt; Location peger på borgerens møder (GetIndkaldelser)', headers: { location: Type.String({ description: 'Stien til borgerens møder' }) } },
          ...problemResponses(koder(4708, 4709, 4792, 4805, 8126, 8128, 8129, 8130, 8131, 8134, 8136, 1010, 8108, 4819, 8273, 9220, 4405, 4783, 8109, 8127, 8132, 8133, 8135, 8270, 9003),
            { body: true },
          ),
        },
      },
    },
    async (request, reply) => {
      const svar = await service.opretIndkaldelse(request.principal, request.cpr, request.body as IndkaldelseInput);
      return reply.code(201).header('location', '/v1/Borgerbooking/Indkaldelser').send(svar);
    },
  );

  app.delete(
    '/Indkaldelser/:indkaldelseId',
    {
      config,
      schema: {
        operationId: 'AnnullerIndkaldelse',
        summary: 'Annullerer en indkaldelse',
        description:
          'Ny operation: jobcentret aflyser en indkaldelse det selv har lavet (borgeren i x-civilRegistrationIdentifier); en optaget plads frigives. ' +
          'Ukendt (eller et andet jobcenters) møde 404/4768, en anden borgers 404/8107. Allerede aflyst: intet ændres. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        params: IndkaldelseParams,
        response: { 204: Type.Null({ description: 'Aflyst' }), ...problemResponses(koder(4768, 8107)) },
      },
    },
    async (request, reply) => {
      await service.annullerIndkaldelse(request.principal, request.cpr, request.params.indkaldelseId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/Fejlmeldinger',
    {
      config,
      schema: {
        operationId: 'GetFejlmeldinger',
        summary: 'Henter fejlmeldingerne fra Jobnet og DFDG',
        description:
          'Ny operation: de fejlmeldinger CreateFejlmelding har modtaget, nyeste først, filtreret på tidsrum, ophav og mødetilbud. ' +
          'Et jobcenter ser dem om sine egne mødetilbud og indkaldelser. ' +
          HVEM,
        tags,
        security,
        headers: V1Headers,
        querystring: FejlmeldingQuery,
        response: { 200: PlanFejlmeldingListe, ...problemResponses() },
      },
    },
    async (request) => service.fejlmeldinger(request.principal, request.query),
  );
}

/** Shared schemas the planner routes reference by $id. */
export const planlaegningSchemas = [MoedetilbudInput, PlanMoedetilbud, IndkaldelseInput];
