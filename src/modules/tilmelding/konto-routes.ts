import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CREATE_JOBNET_KONTO } from '../../domain/access';
import { problemResponses, V1Headers } from '../../schemas/common';
import { createNewJobnetAccount, NyJobnetKontoSvar, PASSWORD_LENGTH } from './jobnet-konto';

/** CreateNewJobnetAccount under /v1/Tilmelding (its own plugin, beside Tilmelding's main one). */
export default async function kontoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/JobnetKonto',
    {
      config: { access: CREATE_JOBNET_KONTO },
      schema: {
        operationId: 'CreateNewJobnetAccount',
        summary: 'Danner et nyt login og password til Jobnet for borgeren',
        description:
          'Gammelt navn: CreateNewJobnetAccount (gl. CreateNewCvOwnerPassword). Kun jobcentret (og systemintegrationer). ' +
          `Genererer et nyt password på ${PASSWORD_LENGTH} tegn og et brugernavn, hvis borgeren ikke har et; passwordet vises kun i dette svar ` +
          '(svaret må ikke caches), og tjenesten gemmer kun et saltet scrypt-hash. Et tidligere password holder op med at virke. ' +
          'Brevet til borgeren sendes ikke af denne tjeneste. Ingen request body. ' +
          'Fejlkoder: 404/4103 (borgeren har ingen Jobnet-konto / CV-nummer), 404/1010 (ukendt borger).',
        tags: ['Tilmelding'],
        security: [{ bearerAuth: [] }],
        headers: V1Headers,
        response: { 200: NyJobnetKontoSvar, ...problemResponses({ 404: [1010, 4103] }) },
      },
    },
    async (request, reply) => {
      const now = app.clock.now();
      const konto = await createNewJobnetAccount(app.prisma, request.cpr, now);
      reply.header('cache-control', 'no-store');
      return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: randomUUID() }, ...konto };
    },
  );
}
