import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { READ_JOBAGENT, READ_PENDING_MAILS, SEARCH_JOBAGENT_BY_EMAIL, WRITE_JOBAGENT } from '../../domain/access';
import { problemResponses, V1Headers } from '../../schemas/common';
import {
  AfventendeMailListe,
  Jobagent,
  JobagentInput,
  JobagentListe,
  JobagentParams,
  SoegPaaEmailInput,
  VerificerEmailInput,
} from './schemas';
import { EMAIL_TOKEN_TTL_MS, JobagentService } from './service';

const PENDING_MAILS_LIMIT = 100;

const tags = ['Jobagent'];
const security = [{ bearerAuth: [] }];
const JobagentRef = Type.Ref(Jobagent);
const JobagentInputRef = Type.Ref(JobagentInput);

/** Jobagent (REST v1 Jobagent): a citizen's job agents and saved searches. */
export default async function jobagentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = new JobagentService(app.prisma, app.clock, app.pg);
  if (app.config.env !== 'production') pendingMailsRoute(app, service);

  app.get(
    '',
    {
      config: { access: READ_JOBAGENT },
      schema: {
        operationId: 'GetJobagenter',
        summary: 'Henter en borgers jobagenter / gemte søgninger',
        description: 'Gammelt navn: GetJobagenter. Borgeren skal findes (ellers 404/1010).',
        tags,
        security,
        headers: V1Headers,
        response: { 200: JobagentListe, ...problemResponses({ 404: [1010] }) },
      },
    },
    async (request) => ({ jobagenter: await service.list(request.cpr) }),
  );

  app.get(
    '/:jobagentId',
    {
      config: { access: READ_JOBAGENT },
      schema: {
        operationId: 'GetJobagent',
        summary: 'Henter en jobagent / gemt søgning',
        description: 'Gammelt navn: GetJobagent. En anden borgers jobagent svarer som en ukendt (404/4589).',
        tags,
        security,
        headers: V1Headers,
        params: JobagentParams,
        response: { 200: JobagentRef, ...problemResponses({ 404: [1010, 4589] }) },
      },
    },
    async (request) => service.get(request.cpr, request.params.jobagentId),
  );

  app.post(
    '/action/soegPaaEmail',
    {
      config: { access: SEARCH_JOBAGENT_BY_EMAIL },
      schema: {
        operationId: 'GetJobagenterPaaEmail',
        summary: 'Henter jobagenter / gemte søgninger ud fra e-mailadresse',
        description:
          'Gammelt navn: GetJobagenterPaaEmail. Kun for roller system og STAR. E-mailen sendes i body, ' +
          'så den ikke havner i URL og adgangslogs. Søgningen er uafhængig af store/små bogstaver.',
        tags,
        security,
        headers: V1Headers,
        body: SoegPaaEmailInput,
        response: { 200: JobagentListe, ...problemResponses({ 400: [9158] }, { body: true }) },
      },
    },
    async (request) => ({ jobagenter: await service.findByEmail(request.body.email) }),
  );

  app.post(
    '',
    {
      config: { access: WRITE_JOBAGENT },
      schema: {
        operationId: 'CreateJobagent',
        summary: 'Opretter en borgers jobagent eller gemte søgning',
        description:
          'Gammelt navn: CreateJobagent. Med blokken `jobagent` (e-mail) er det en automatisk jobagent; ' +
          'e-mailen er uverificeret, til VerificereEmail kaldes med koden fra den bekræftelsesmail, der sendes til adressen. ' +
          'Højst 25 pr. borger (409/9901).',
        tags,
        security,
        headers: V1Headers,
        body: JobagentInputRef,
        response: {
          201: {
            ...JobagentRef,
            description: 'Oprettet; Location peger på jobagenten',
            headers: {
              location: Type.String({ description: 'Stien til den oprettede jobagent', examples: ['/v1/Jobagent/3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b'] }),
            },
          },
          ...problemResponses({ 400: [9158], 404: [1010], 409: [9901], 422: [4405] }, { body: true }),
        },
      },
    },
    async (request, reply) => {
      const created = await service.create(request.cpr, request.body as JobagentInput);
      return reply.code(201).header('location', `/v1/Jobagent/${created.jobagentId}`).send(created);
    },
  );

  app.put(
    '/:jobagentId',
    {
      config: { access: WRITE_JOBAGENT },
      schema: {
        operationId: 'UpdateJobagent',
        summary: 'Opdaterer en jobagent / gemt søgning',
        description:
          'Gammelt navn: UpdateJobagent. Erstatter titel, notifikation og søgeparametre. En ændret e-mail skal verificeres igen: ' +
          'der sendes en ny bekræftelsesmail. Det gør der også, når en uændret, uverificeret e-mails kode er udløbet.',
        tags,
        security,
        headers: V1Headers,
        params: JobagentParams,
        body: JobagentInputRef,
        response: { 200: JobagentRef, ...problemResponses({ 400: [9158], 404: [1010, 4589], 422: [4405] }, { body: true }) },
      },
    },
    async (request) => service.update(request.cpr, request.params.jobagentId, request.body as JobagentInput),
  );

  app.put(
    '/:jobagentId/action/verificerEmail',
    {
      config: { access: WRITE_JOBAGENT },
      schema: {
        operationId: 'VerificereEmail',
        summary: 'Markerer jobagentens e-mail som verificeret, så der kan udsendes e-mail til borgeren',
        description:
          'Gammelt navn: UpdateJobagent (VerificereEmail). Kræver koden fra bekræftelsesmailen (`token`), som sendes når ' +
          `jobagentens e-mail oprettes eller ændres. Koden gælder i ${EMAIL_TOKEN_TTL_MS / 3_600_000} timer og kun én gang. ` +
          'En forkert, brugt eller udløbet kode giver 400/1014 med felt `/token`, og e-mailen forbliver uverificeret. ' +
          '422/4375 hvis jobagenten ikke har en e-mail.',
        tags,
        security,
        headers: V1Headers,
        params: JobagentParams,
        body: VerificerEmailInput,
        response: { 200: JobagentRef, ...problemResponses({ 404: [1010, 4589], 422: [4375, 4405] }, { body: true }) },
      },
    },
    async (request) => service.verifyEmail(request.cpr, request.params.jobagentId, request.body.token),
  );

  app.delete(
    '/:jobagentId',
    {
      config: { access: WRITE_JOBAGENT },
      schema: {
        operationId: 'DeleteJobagent',
        summary: 'Sletter en jobagent / gemt søgning',
        description: 'Gammelt navn: DeleteJobagent. En gentaget sletning (nyt x-requestId) giver 404/4589.',
        tags,
        security,
        headers: V1Headers,
        params: JobagentParams,
        response: { 204: Type.Null({ description: 'Slettet' }), ...problemResponses({ 404: [1010, 4589] }) },
      },
    },
    async (request, reply) => {
      await service.delete(request.cpr, request.params.jobagentId);
      return reply.code(204).send(null);
    },
  );
}

/**
 * AfventendeMails: reads the mail outbox, so the verification flow can be followed without a
 * mailer (e.g. in Swagger UI). Registered only outside production (docs/decisions.md, Jobagent).
 */
function pendingMailsRoute(fastify: FastifyInstance, service: JobagentService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/action/afventendeMails',
    {
      config: { access: READ_PENDING_MAILS },
      schema: {
        operationId: 'GetAfventendeMails',
        summary: 'Henter de mails i udbakken, der endnu ikke er sendt (kun uden for produktion)',
        description:
          'Ny operation (ingen i specifikationerne: et testhjælpemiddel, der erstatter den e-mail, borgeren ville modtage). ' +
          'Kun for rollen system, og kun når tjenesten ikke kører i produktion (NODE_ENV er ikke production): ' +
          'dér sender en ekstern mailer udbakkens mails, og operationen findes ikke (404). ' +
          `Giver de højst ${PENDING_MAILS_LIMIT} nyeste, så bekræftelseskoden til VerificereEmail kan læses, fx i Swagger UI.`,
        tags,
        security,
        headers: V1Headers,
        response: { 200: AfventendeMailListe, ...problemResponses() },
      },
    },
    async () => ({ mails: await service.pendingMails(PENDING_MAILS_LIMIT) }),
  );
}

/** Shared schemas the routes reference by $id; added once at the root so OpenAPI lists them as components. */
export const jobagentSchemas = [JobagentInput, Jobagent];
