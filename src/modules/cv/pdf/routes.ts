import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { READ_CV } from '../../../domain/access';
import { problemResponses, V1Headers } from '../../../schemas/common';
import { CvPaaStatusQuery } from '../schemas';
import { CvService } from '../service';
import { addCvAuditHooks } from '../audit';
import { pdfFormat } from './accept';
import { CvPaaStatusPdfSvar, CvPdfSvar, PdfBinary } from './schemas';
import { CvPdfService } from './service';

/** Registered once on the app (app.ts), so they appear under components.schemas. */
export const cvPdfSchemas = [CvPdfSvar, CvPaaStatusPdfSvar];

/** A tag of their own: Swagger UI groups them apart. */
const tags = ['CV som PDF'];
const security = [{ bearerAuth: [] }];

const NEGOTIATION =
  'Svaret er `application/pdf` (standard), eller med `Accept: application/json` specifikationens struktur med PDF\'en base64-kodet i `cvPdf`. ';
const ACCESS =
  'Samme adgang og fejl som GetCV: borgeren sit eget CV, jobcentret borgere i kommunen (ellers 403/8292), a-kassen sine medlemmer ' +
  '(422/4385, 403/8291), system alle, anden aktør 403/4511; 404/1010, 404/4103 uden Jobnet-konto. Andres opslag skrives i adgangsloggen. ';

const pdfResponse = (description: string, json: ReturnType<typeof Type.Ref>) => ({
  description,
  headers: { 'content-disposition': Type.String({ description: 'attachment; filename="cv-<cvNummer>.pdf" (kun ved application/pdf; Swagger UI viser et download-link)' }) },
  content: {
    'application/pdf': { schema: PdfBinary },
    'application/json': { schema: json },
  },
});

/**
 * The CV as PDF (CVService GetCVAsPdf, and GetCVOnStatus's CompleteCVAsPdfResult) under /v1/CV.
 * Reads are audited like the other CV reads: every read by someone other than the owner, allowed
 * or refused, is written to the audit log before the answer goes out.
 */
export default async function cvPdfRoutes(fastify: FastifyInstance, opts: { service?: CvService } = {}) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cv = opts.service ?? new CvService(app.clock, app.pg);
  const service = new CvPdfService(cv, app.clock);
  const audit = addCvAuditHooks(app, cv);

  const sendPdf = (reply: FastifyReply, pdf: Buffer, cvNummer: string) =>
    reply.type('application/pdf').header('content-disposition', `attachment; filename="cv-${cvNummer}.pdf"`).send(pdf);

  app.get(
    '/Pdf',
    {
      config: { access: READ_CV, cvAudit: 'GetCVAsPdf' },
      schema: {
        operationId: 'GetCVAsPdf',
        summary: 'Henter borgerens CV som PDF, som det aktuelt fremstår for fx en arbejdsgiver',
        description:
          'Gammelt navn: CVService.GetCVAsPdf. CV\'et som PDF uden "Jeg søger job som" (jobønsker), jobbetingelser, fødselsdato og køn, ' +
          'som ikke skal vises for fx en arbejdsgiver. Den faglige profils formatering (fed, kursiv, understregning, punktlister) og ' +
          'danske bogstaver gengives. ' +
          NEGOTIATION +
          ACCESS +
          '404/4755 uden CV, 409/4753, 4754, 4823 når CV\'et er arkiveret, deaktiveret eller låst. ' +
          'Ikke relevante: 4430, 9338, 9346 (fejl fra Jobnet/DFDG, som ikke kaldes).',
        tags,
        security,
        headers: V1Headers,
        response: {
          200: pdfResponse("CV'et som PDF", Type.Ref(CvPdfSvar)),
          ...problemResponses({ 403: [4511, 8291, 8292], 404: [1010, 4103, 4755], 409: [4753, 4754, 4823], 422: [4385] }),
        },
      },
    },
    async (request, reply) => {
      const { pdf, cvNummer, kommune } = await service.current(request.principal, request.cpr);
      audit(request).cvNummer = cvNummer;
      if (pdfFormat(request.headers.accept) === 'json') return reply.type('application/json').send({ ...(kommune ? { kommune } : {}), cvPdf: pdf.toString('base64') });
      return sendPdf(reply, pdf, cvNummer);
    },
  );

  app.get(
    '/Versioner/paaStatus/Pdf',
    {
      config: { access: READ_CV, cvAudit: 'GetCVOnStatusAsPdf' },
      schema: {
        operationId: 'GetCVOnStatusAsPdf',
        summary: 'Henter en gemt version af CV\'et som PDF, som CV\'et så ud, da det fik en status',
        description:
          'Gammelt navn: CVService.GetCVOnStatus (CompleteCVAsPdfResult: versionen som PDF; GetCVOnStatus giver den som JSON). ' +
          'PDF\'en viser versionens indhold, ikke CV\'et i dag. Angiv `cvVersionId` og/eller `cvStatus` som ved GetCVOnStatus: ' +
          'uden nogen af dem 400/9113; 404/9111 ingen version med den status; 404/9110 ukendt version for borgeren; ' +
          '422/9112 version og status passer ikke sammen. ' +
          NEGOTIATION +
          ACCESS,
        tags,
        security,
        headers: V1Headers,
        querystring: CvPaaStatusQuery,
        response: {
          200: pdfResponse('CV-versionen som PDF', Type.Ref(CvPaaStatusPdfSvar)),
          ...problemResponses({ 400: [9113], 403: [4511, 8291, 8292], 404: [1010, 4103, 9110, 9111], 422: [4385, 9112] }),
        },
      },
    },
    async (request, reply) => {
      const { pdf, cvNummer, version } = await service.version(request.principal, request.cpr, request.query);
      audit(request).cvNummer = cvNummer;
      if (pdfFormat(request.headers.accept) === 'json') return reply.type('application/json').send({ ...version, cvPdf: pdf.toString('base64') });
      return sendPdf(reply, pdf, cvNummer);
    },
  );
}
