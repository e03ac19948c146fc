import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { READ_CV, READ_CV_ADGANGSLOG, READ_CV_BY_NUMBER, SET_CV_STATUS, WRITE_CV } from '../../domain/access';
import { UNKNOWN_CPR } from '../../domain/cpr';
import { problemResponses, V1Headers } from '../../schemas/common';
import {
  AdgangslogListe,
  AdgangslogQuery,
  Cv,
  CvInput,
  CvKvittering,
  CvNummerOpslag,
  CvPaaStatus,
  CvPaaStatusQuery,
  CvProfil,
  CvProfilSvar,
  CvStatus,
  CvVersionListe,
  SaetCvStatusInput,
  SoegbarhedInput,
  VersionerQuery,
} from './schemas';
import { CvService } from './service';
import { addCvAuditHooks } from './audit';
import { asylumEditWindowCheck } from './asyl/service';
import cvSoegningRoutes, { cvSoegningSchemas } from './soegning/routes';

const tags = ['CV'];
const security = [{ bearerAuth: [] }];

/**
 * CV routes. Every read of a CV (config.cvAudit names the operation) by someone other than its
 * owner is written to the audit log before the answer is sent, allowed or refused (./audit.ts).
 */
export default async function cvRoutes(fastify: FastifyInstance, opts: { service?: CvService } = {}) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = opts.service ?? new CvService(app.clock, app.pg, asylumEditWindowCheck);
  const info = addCvAuditHooks(app, service);
  // SearchCVText (./soegning): a child plugin, so the audit hooks above cover it too.
  await app.register(cvSoegningRoutes, { auditInfo: info });

  app.get(
    '',
    {
      config: { access: READ_CV, cvAudit: 'GetCV' },
      schema: {
        operationId: 'GetCV',
        summary: 'Henter borgerens CV, som det aktuelt fremstår på Jobnet',
        description:
          'Gammelt navn: CVService.GetCV. Kommune, CV-status og kommentar samt CV-profilen: personlige data, jobbetingelser, ' +
          'jobønsker ("Jeg søger job som") og selve CV\'et. Borgeren læser sit eget CV; jobcentret CV\'er for borgere i kommunen ' +
          '(ellers 403/8292), a-kassen sine medlemmers (422/4385 uden a-kassemedlemskab, 403/8291 for en anden a-kasse), system alle; ' +
          'anden aktør 403/4511. 404/4103 uden Jobnet-konto, 404/4755 uden CV, 409/4753, 4754, 4823 når CV\'et er arkiveret, ' +
          'deaktiveret eller låst. Andres opslag skrives i adgangsloggen.',
        tags,
        security,
        headers: V1Headers,
        response: { 200: Type.Ref(Cv), ...problemResponses({ 403: [4511, 8291, 8292], 404: [1010, 4103, 4755], 409: [4753, 4754, 4823], 422: [4385] }) },
      },
    },
    async (request) => {
      const { cv, cvNummer } = await service.getCv(request.principal, request.cpr);
      info(request).cvNummer = cvNummer;
      return cv;
    },
  );

  app.put(
    '',
    {
      config: { access: WRITE_CV },
      schema: {
        operationId: 'ReplaceCV',
        summary: 'Opretter eller erstatter borgerens CV',
        description:
          'Gammelt navn: CVService.ReplaceCV. Kun borgeren selv. Hele CV\'et sendes og erstatter det gamle i én transaktion; ' +
          'der gemmes en uforanderlig version, og hver ændret del (jobønske, uddannelse, sprog, ...) registreres som en hændelse. ' +
          'HTML i den faglige profil renses (sanitize-html) til punktlister, kursiv, understregning, fed, afsnit og linjeskift. ' +
          'Grænser pr. afsnit står i skemaet (400/1014 ud over dem, og når et kørekort, sprog, jobønske eller en webside gentages, ' +
          'eller en slutdato ligger før startdatoen). 404/1010, 422/4405 (død), 404/4103 (ingen Jobnet-konto), ' +
          '409/4753, 4754, 4823. For en borger med asyloverdragelse (CreateAsylumTransition) afvises kald, før vinduet åbner: ' +
          '422/9248 før den tidlige CV-overtagelsesdato, ellers 422/9231 før overgivelsesdatoen.',
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(CvInput),
        response: { 200: CvKvittering, ...problemResponses({ 400: [9157, 9158], 404: [1010, 4103], 409: [4753, 4754, 4823], 422: [4405, 9231, 9248] }, { body: true }) },
      },
    },
    async (request) => service.replace(request.cpr, request.body as CvInput),
  );

  app.get(
    '/Status',
    {
      config: { access: READ_CV, cvAudit: 'GetCVStatus' },
      schema: {
        operationId: 'GetCVStatus',
        summary: 'Henter CV\'ets aktuelle status, kommentar og søgbarhed',
        description:
          'Gammelt navn: CVService.GetCVStatus. Samme adgang som GetCV (4511, 8291, 8292, 4385). 404/4103 uden Jobnet-konto, 404/4755 uden CV.',
        tags,
        security,
        headers: V1Headers,
        response: { 200: CvStatus, ...problemResponses({ 403: [4511, 8291, 8292], 404: [1010, 4103, 4755], 422: [4385] }) },
      },
    },
    async (request) => {
      const status = await service.getStatus(request.principal, request.cpr);
      info(request).cvNummer = status.cvNummer;
      return status;
    },
  );

  app.put(
    '/Status',
    {
      config: { access: SET_CV_STATUS },
      schema: {
        operationId: 'SetCVStatus',
        summary: 'Sætter CV\'ets status (kvalitetssikring/godkendelse)',
        description:
          'Gamle navne: CVService.SetCVStatus og CVWorkFlowService.UpdateCVStatus (samme handling; UpdateCVStatus har ikke CV-nummeret, ' +
          'derfor er `cvNummer` valgfrit, men skal være borgerens når det angives: 404/4102). Kommentaren er højst 400 tegn ' +
          '(UpdateCVStatus; SetCVStatus sagde 375). For jobcentre og a-kasser, for de borgere de betjener (8292, 4385, 8291). ' +
          'Regler: 403/9008 en a-kasse må ikke kommentere; 403/9009 en a-kasse kun for kontaktgruppe 1, 8 og 23; ' +
          '403/4368 kun a-kasser for dagpengemodtagere; 403/4369 kun jobcentre for kontanthjælp/uddannelseshjælp; ' +
          '403/4370 kun jobcentre for kontanthjælp efter integrationsprogram; 409/4753, 4754, 4823; 404/4103, 4755. ' +
          'Hver statusændring gemmer en uforanderlig version af CV\'et (GetAvailableVersions, GetCVOnStatus).',
        tags,
        security,
        headers: V1Headers,
        body: SaetCvStatusInput,
        response: {
          200: CvKvittering,
          ...problemResponses(
            {
              403: [4368, 4369, 4370, 8291, 8292, 9008, 9009],
              404: [1010, 4102, 4103, 4755],
              409: [4753, 4754, 4823],
              422: [4385],
            },
            { body: true },
          ),
        },
      },
    },
    async (request) => service.setStatus(request.principal, request.cpr, request.body),
  );

  app.put(
    '/Soegbarhed',
    {
      config: { access: WRITE_CV },
      schema: {
        operationId: 'UpdateCVAvailability',
        summary: 'Gør CV\'et søgbart eller ikke søgbart',
        description:
          'Gammelt navn: CVWorkFlowService.UpdateCVAvailability. Kun borgeren selv. Active: søgbart, Inactive: ikke søgbart. ' +
          '404/1010, 404/4103, 404/4755, 409/4753, 4754, 4823.',
        tags,
        security,
        headers: V1Headers,
        body: SoegbarhedInput,
        response: { 200: CvKvittering, ...problemResponses({ 404: [1010, 4103, 4755], 409: [4753, 4754, 4823] }, { body: true }) },
      },
    },
    async (request) => service.setSoegbarhed(request.cpr, request.body.soegbarhed),
  );

  app.get(
    '/Versioner',
    {
      config: { access: READ_CV, cvAudit: 'GetAvailableVersions' },
      schema: {
        operationId: 'GetAvailableVersions',
        summary: 'Henter listen over gemte versioner af CV\'et',
        description:
          'Gammelt navn: CVService.GetAvailableVersions. De versioner, der blev gemt ved en statusændring, nyeste først; ' +
          'med `cvStatus` (2, 3 eller 5) kun dem med den status. Samme adgang som GetCV. 404/1010, 404/4103.',
        tags,
        security,
        headers: V1Headers,
        querystring: VersionerQuery,
        response: { 200: CvVersionListe, ...problemResponses({ 403: [4511, 8291, 8292], 404: [1010, 4103], 422: [4385] }) },
      },
    },
    async (request) => {
      const { cvNummer, versioner } = await service.versions(request.principal, request.cpr, request.query.cvStatus);
      info(request).cvNummer = cvNummer;
      return { versioner };
    },
  );

  app.get(
    '/Versioner/paaStatus',
    {
      config: { access: READ_CV, cvAudit: 'GetCVOnStatus' },
      schema: {
        operationId: 'GetCVOnStatus',
        summary: 'Henter CV\'et, som det så ud, da det fik en status',
        description:
          'Gammelt navn: CVService.GetCVOnStatus. Angiv `cvVersionId` og/eller `cvStatus` (2, 3 eller 5; uden nogen af dem 400/9113). ' +
          'Med `cvStatus` alene den nyeste version med den status (404/9111 hvis ingen); med `cvVersionId` den version ' +
          '(404/9110 hvis borgeren ikke har den; 422/9112 hvis `cvStatus` også er angivet og ikke er versionens). ' +
          'Samme adgang som GetCV. 404/1010, 404/4103.',
        tags,
        security,
        headers: V1Headers,
        querystring: CvPaaStatusQuery,
        response: { 200: Type.Ref(CvPaaStatus), ...problemResponses({ 400: [9113], 403: [4511, 8291, 8292], 404: [1010, 4103, 9110, 9111], 422: [4385, 9112] }) },
      },
    },
    async (request) => {
      const { version, cvNummer } = await service.onStatus(request.principal, request.cpr, request.query);
      info(request).cvNummer = cvNummer;
      return version;
    },
  );

  app.post(
    '/action/hentPaaCvNummer',
    {
      config: { access: READ_CV_BY_NUMBER, cvAudit: 'GetCVByCVNumber' },
      schema: {
        operationId: 'GetCVByCVNumber',
        summary: 'Henter et CV ud fra CV-nummeret, med borgerens samtykke',
        description:
          'Gammelt navn: CVService.GetCVByCVNumber. For jobcentre, a-kasser, andre aktører og system (borgeren bruger GetCV). ' +
          '`borgerSamtykke` skal være true (ellers 403/9192): samtykket træder i stedet for tilknytningen. ' +
          'CV-nummeret sendes i body, så det ikke havner i URL og adgangslogs; x-civilRegistrationIdentifier er 0000000000 (eller borgerens). ' +
          '404/4400 ukendt CV-nummer, 404/4755 intet CV, 409/4753, 4754, 4823. Opslaget skrives i adgangsloggen.',
        tags,
        security,
        headers: V1Headers,
        body: CvNummerOpslag,
        response: {
          200: CvProfilSvar,
          ...problemResponses({ 403: [9192], 404: [4400, 4755], 409: [4753, 4754, 4823] }, { body: true }),
        },
      },
    },
    async (request) => {
      const i = info(request);
      i.cvNummer = request.body.cvNummer;
      i.cpr = null;
      const { cvProfil, cpr } = await service.byNumber(request.body.cvNummer, request.body.borgerSamtykke);
      i.cpr = cpr;
      return { cvProfil };
    },
  );

  app.get(
    '/Adgangslog',
    {
      config: { access: READ_CV_ADGANGSLOG },
      schema: {
        operationId: 'GetCVAdgangslog',
        summary: 'Henter adgangsloggen over andres opslag i CV\'er',
        description:
          'Ny operation (ingen i specifikationen). Kun for STAR og system. Hvert opslag i et CV foretaget af en anden end borgeren selv: ' +
          'hvem (subjekt, rolle, organisation), hvilket CV, hvornår, hvilken operation, og om det blev tilladt. ' +
          'For borgeren i x-civilRegistrationIdentifier, eller alle med 0000000000. Nyeste først.',
        tags,
        security,
        headers: V1Headers,
        querystring: AdgangslogQuery,
        response: { 200: AdgangslogListe, ...problemResponses() },
      },
    },
    async (request) => ({ opslag: await service.adgangslog(request.cpr === UNKNOWN_CPR ? null : request.cpr, request.query) }),
  );
}

/** Shared schemas the routes reference by $id; added once at the root so OpenAPI lists them as components. */
export const cvSchemas = [CvProfil, CvInput, Cv, CvPaaStatus, ...cvSoegningSchemas];
