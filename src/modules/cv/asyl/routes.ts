import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { WRITE_ASYLOVERGANG } from '../../../domain/access';
import { problemResponses, V1Headers } from '../../../schemas/common';
import { AsylovergangOpdater, AsylovergangOpret, AsylovergangSvar } from './schemas';
import { AsylovergangService } from './service';

/** Registered once on the app (app.ts), so they appear under components.schemas. */
export const asylovergangSchemas = [AsylovergangOpret, AsylovergangOpdater, AsylovergangSvar];

/** A tag of their own: Swagger UI groups them apart. */
const tags = ['Asyl-overgang'];
const security = [{ bearerAuth: [] }];
const PATH = '/v1/CV/Asylovergang';

/** CVService CreateAsylumTransition / UpdateAsylumTransition, under /v1/CV/Asylovergang; job centres only. */
export default async function asylovergangRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = new AsylovergangService(app.prisma, app.clock);
  const svar = Type.Ref(AsylovergangSvar);

  app.post(
    '/Asylovergang',
    {
      config: { access: WRITE_ASYLOVERGANG },
      schema: {
        operationId: 'CreateAsylumTransition',
        summary: 'Opretter overgivelsesdato, tidlige overtagelsesdatoer og frist for CV-opdateringer for en borger, der har opnået asyl',
        description:
          'Gammelt navn: CVService.CreateAsylumTransition. Kun for jobcentre. Borgeren skal findes (404/1010) og leve (422/4405), ' +
          'jobcentret (tokenets org) skal betjene borgeren (403/6005), og overgangskommune skal være jobcentrets egen kommune eller -1 (403/9244). ' +
          'Borgerens CV må ikke være arkiveret, deaktiveret eller låst (409/4753, 4754, 4823). ' +
          'cvRedigeringSlutdato skal være på eller efter overgangsdato (422/9196); de tidlige datoer på eller før overgangsdato (422/9243). ' +
          'Højst én asyl-overgang pr. borger (409/9302; ret den med UpdateAsylumTransition). ' +
          'Datoerne afgør, hvornår ReplaceCV må ændre borgerens CV (se ReplaceCV). ' +
          'Ikke relevante her: 9197/9198 (specifikationen angiver hverken grænse eller kontaktgrupper), 9295/9296 (uklar betydning) ' +
          'og 9336-9346 (fejl fra DFDG, som ikke kaldes).',
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(AsylovergangOpret),
        response: {
          201: {
            ...svar,
            description: 'Oprettet; Location peger på borgerens asyl-overgang',
            headers: { location: Type.String({ description: 'Stien til asyl-overgangen', examples: [PATH] }) },
          },
          ...problemResponses({ 403: [6005, 9244], 404: [1010], 409: [4753, 4754, 4823, 9302], 422: [4405, 9196, 9243] }, { body: true }),
        },
      },
    },
    async (request, reply) => {
      const kvittering = await service.create(request.principal, request.cpr, request.body as AsylovergangOpret);
      return reply.code(201).header('location', PATH).send(kvittering);
    },
  );

  app.put(
    '/Asylovergang',
    {
      config: { access: WRITE_ASYLOVERGANG },
      schema: {
        operationId: 'UpdateAsylumTransition',
        summary: 'Opdaterer overgivelsesdato, tidlige overtagelsesdatoer og frist for CV-opdateringer for en borger, der har opnået asyl',
        description:
          'Gammelt navn: CVService.UpdateAsylumTransition. Kun for jobcentre. Erstatter datoerne og kommunen. Borgeren skal findes ' +
          '(404/1010) og leve (422/4405) og betjenes af jobcentret (403/6005); overgangskommune som ved oprettelse (403/9244); ' +
          'asyl-overgangen skal være oprettet (404/9201), og dens cvRedigeringSlutdato må ikke være ' +
          'passeret (422/9200). Ændres overgangsdato, er rettelseskommentar påkrævet (400/9202). Datoreglerne er som ved oprettelse ' +
          '(422/9196, 422/9243). Ikke relevante: 9197/9198 og 9295/9296 som ved CreateAsylumTransition.',
        tags,
        security,
        headers: V1Headers,
        body: Type.Ref(AsylovergangOpdater),
        response: { 200: svar, ...problemResponses({ 400: [9202], 403: [6005, 9244], 404: [1010, 9201], 422: [4405, 9196, 9200, 9243] }, { body: true }) },
      },
    },
    async (request) => service.update(request.principal, request.cpr, request.body as AsylovergangOpdater),
  );
}
