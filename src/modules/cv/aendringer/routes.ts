import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { READ_CV_AENDRINGSLISTE, READ_CV_HAENDELSER, READ_CV_OPDATEREDE } from '../../../domain/access';
import { problemResponses, V1Headers } from '../../../schemas/common';
import { addCvAuditHooks } from '../audit';
import { CvService } from '../service';
import { AENDRINGER_SIDESTOERRELSE, Aendringsliste, AendringslisteQuery, HaendelseListe, HaendelserQuery, MAX_VINDUE_DAGE, OpdateredeCverQuery } from './schemas';
import { CvAendringerService, feedMunicipality } from './service';

const tags = ['CV-ændringer'];
const security = [{ bearerAuth: [] }];

const VINDUE =
  `Perioden er [fra, til) og højst ${MAX_VINDUE_DAGE} dage (ellers 400/1014 på querystring/til; til skal ligge efter fra). ` +
  `${AENDRINGER_SIDESTOERRELSE} CV'er pr. side sorteret efter personnummer; \`sidsteSide\` er den højeste side. ` +
  'Et CV er med, når dets status, søgbarhed eller en del af det er ændret i perioden; `revisionstidspunkt` er den seneste ændring i perioden, ' +
  '`slettet` om CV\'et er slettet i perioden. Ændringer, der committes sent med et tidligere tidspunkt, kan komme efter et udtræk: ' +
  'skal intet gå tabt, brug GetCVList med markør. Ikke relevante: 9343 og 9346 (kald til Jobnet/DFDG fejlede), da tjenesten selv er kilden.';

/** CVService GetCVUpdateList, CVWorkFlowService GetUpdatedCVs and GetCVList, under /v1/CV. */
export default async function cvAendringerRoutes(fastify: FastifyInstance, opts: { cvService?: CvService } = {}) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cvService = opts.cvService ?? new CvService(app.clock, app.pg);
  const service = new CvAendringerService(app.clock, app.pg, cvService);
  addCvAuditHooks(app, cvService);

  app.get(
    '/Aendringsliste',
    {
      config: { access: READ_CV_AENDRINGSLISTE },
      schema: {
        operationId: 'GetCVUpdateList',
        summary: 'Henter personnumrene på de CV\'er, der er ændret i en periode',
        description:
          'Gammelt navn: CVService.GetCVUpdateList. Kun for system (DFDG). x-civilRegistrationIdentifier er 0000000000. ' +
          'Uden `til` udtrækkes til kørselstidspunktet, som svaret giver i `til`: brug det på de følgende sider. ' +
          VINDUE,
        tags,
        security,
        headers: V1Headers,
        querystring: AendringslisteQuery,
        response: { 200: Aendringsliste, ...problemResponses() },
      },
    },
    async (request) => service.aendringsliste(request.query),
  );

  app.get(
    '/OpdateredeCVer',
    {
      config: { access: READ_CV_OPDATEREDE },
      schema: {
        operationId: 'GetUpdatedCVs',
        summary: 'Henter personnumrene på de CV\'er, der er ændret i en periode, evt. for ét jobcenter',
        description:
          'Gammelt navn: CVWorkFlowService.GetUpdatedCVs. For system og jobcentre; x-civilRegistrationIdentifier er 0000000000. ' +
          'Med `jobcenter` (kommunekode) kun borgere, som kommunen betjener; uden hele landet. Et jobcenter ser kun sin egen kommune ' +
          '(uden `jobcenter` den; en anden kommune: 403/8292). ' +
          VINDUE,
        tags,
        security,
        headers: V1Headers,
        querystring: OpdateredeCverQuery,
        response: { 200: Aendringsliste, ...problemResponses({ 403: [8292] }) },
      },
    },
    async (request) => {
      const { jobcenter, ...q } = request.query;
      return service.aendringsliste({ ...q, kommunekode: feedMunicipality(request.principal, jobcenter) });
    },
  );

  app.get(
    '/Haendelser',
    {
      config: { access: READ_CV_HAENDELSER, cvAudit: 'GetCVList' },
      schema: {
        operationId: 'GetCVList',
        summary: 'Henter CV-hændelsesloggen: status- og søgbarhedsskift og rettelser af CV\'ets dele, med markør',
        description:
          'Gammelt navn: CVWorkFlowService.GetCVList. Hver hændelse har type (CvStatus, CvSoegbarhed, Cv eller den rettede del: ' +
          'Jobmaal, Uddannelse, Sprogkundskab, ...), ændringstype (Oprettelse, Opdatering, Sletning) og tidspunkt. ' +
          'For borgeren i x-civilRegistrationIdentifier med samme adgang som GetCV (404/1010, 403/4511, 403/8292, 422/4385, 403/8291; ' +
          'andres opslag skrives i adgangsloggen); med 0000000000 alle borgeres hændelser, for system og jobcentre ' +
          '(et jobcenter kun sin egen kommunes; en anden: 403/8292; andre roller 403/4575). ' +
          'Ud over specifikationen: en markør. Svaret giver `naesteMarkoer`; spørg med den i `efter` næste gang. ' +
          'En klient, der gemmer den sidste markør og spørger igen, får hver hændelse præcis én gang og uden huller, også når ' +
          'samtidige transaktioner committer i en anden rækkefølge, end de startede (en hændelse vises først, når alle ' +
          'ældre transaktioner er afsluttet). En ugyldig markør: 400/1014 på querystring/efter. `flere` er true, når siden er fuld.',
        tags,
        security,
        headers: V1Headers,
        querystring: HaendelserQuery,
        response: { 200: HaendelseListe, ...problemResponses({ 403: [4511, 8291, 8292], 404: [1010], 422: [4385] }) },
      },
    },
    async (request) => service.haendelser(request.principal, request.cpr, request.query),
  );
}
