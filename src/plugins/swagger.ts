import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_TAGS } from '../schemas/common';

export const OPENAPI_INFO = {
  title: 'Jobnet citizen API',
  version: '1.0.0',
  contact: { name: 'Jobnet citizen API team' },
  license: { name: 'Proprietary: Styrelsen for Arbejdsmarked og Rekruttering (STAR)', identifier: 'LicenseRef-STAR-Proprietary' },
  description:
    'Borgerrettet REST/JSON-API for Jobnet (v1): Tilmelding, Jobagent, Borgerbooking og CV. ' +
    'Hver /v1-forespørgsel kræver et bearer-token, headeren x-civilRegistrationIdentifier (borgerens CPR) ' +
    'og et unikt x-requestId (en gentagelse afvises med 412). Fejl returneres som application/problem+json ' +
    'med fejlkoder i listen `fejl`.',
};

/**
 * The OpenAPI document is generated from the TypeBox schemas the routes validate with.
 * Served at /openapi.json and, with Swagger UI, at /docs; scripts/openapi.ts writes it to openapi/.
 */
async function swaggerPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      // Relative by default, so Swagger UI and generated clients call the host that served the document.
      servers: [{ url: app.config.publicBaseUrl ?? '/', description: 'Jobnet citizen API' }],
      tags: API_TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Lokalt: `npm run token -- --cpr 0101901234` udskriver et demo-token.',
          },
        },
      },
    },
    // Health, metrics and the documentation itself are not part of the API contract.
    hideUntagged: true,
    // Shared schemas appear under components.schemas by their $id (Problem, Jobagent, ...).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, displayOperationId: true, tryItOutEnabled: true },
    staticCSP: true,
    transformSpecificationClone: true,
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(swaggerPlugin, { name: 'swagger', decorators: { fastify: ['config'] } });
