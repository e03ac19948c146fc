import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SEARCH_CV } from '../../../domain/access';
import { problemResponses, V1Headers } from '../../../schemas/common';
import type { CvAuditInfo } from '../audit';
import { SoegCvInput, SoegCvSvar } from './schemas';
import { CvSoegService } from './service';

/** The shared schemas (added by the app with the CV plugin's, src/modules/cv/routes.ts). */
export const cvSoegningSchemas = [SoegCvInput, SoegCvSvar];

/**
 * SearchCVText, registered inside the CV plugin (src/modules/cv/routes.ts), so the CV audit hooks write
 * every search, allowed or refused, to the audit log with its criteria and hit count.
 */
export default async function cvSoegningRoutes(
  fastify: FastifyInstance,
  opts: { service?: CvSoegService; auditInfo: (request: FastifyRequest) => CvAuditInfo },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = opts.service ?? new CvSoegService(app.clock, app.pg);

  app.post(
    '/action/soeg',
    {
      config: { access: SEARCH_CV, cvAudit: 'SearchCVText', cvAuditIngenBorger: true },
      schema: {
        operationId: 'SearchCVText',
        summary: 'Fritekstsøgning i søgbare CV\'er med filtre, afstand og grupperinger',
        description:
          'Gammelt navn: CVService.SearchCVText. Søger i CV\'er, der er søgbare (tilstand aktiv, søgbarhed Active, status ikke 5 ' +
          '"ej godkendt"). Fritekst med dansk bøjning og vægte (jobønsker og stillinger over kompetencer og uddannelser over ' +
          'faglig profil over beskrivelser); en sekundær søgetekst vægtes lavere. Filtre: "en af" inden for en liste, alle ' +
          'lister skal være opfyldt. Afstand: inden for afstandKm (standard 40 km) fra et postnummer, en by eller et punkt. ' +
          'Grupperinger (facetter) tæller med alle filtre undtagen gruppens eget. Svaret har et søge-id: send det med sidenummer ' +
          'for andre sider af samme søgning i samme rækkefølge (30 minutter; højst 1000 resultater, 100 pr. side). ' +
          '400/9339 uden kriterier; 400/1014 for en ukendt værdi (med de nærmeste gyldige) eller et ukendt/udløbet søge-id. ' +
          'For jobcentre, andre aktører (uden CPR-numre) og system. Hver søgning skrives i CV-adgangsloggen med kriterier og antal fund. ' +
          'x-civilRegistrationIdentifier er 0000000000. OrganisationCode/OrganisationTypeIdentifier er tokenets organisation og rolle.',
        tags: ['CV'],
        security: [{ bearerAuth: [] }],
        headers: V1Headers,
        body: Type.Ref(SoegCvInput),
        response: { 200: Type.Ref(SoegCvSvar), ...problemResponses({ 400: [9339] }, { body: true }) },
      },
    },
    async (request) => {
      const info = opts.auditInfo(request);
      info.kriterier = request.body;
      const { svar } = await service.soeg(request.principal!, request.body);
      info.antalHits = svar.antalResultater;
      return svar;
    },
  );
}
