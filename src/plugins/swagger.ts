import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_TAGS, hoistFejlkoder, PROBLEM_EXAMPLE_COMPONENTS } from '../schemas/common';

export const OPENAPI_INFO = {
  title: 'Jobnet citizen API',
  version: '1.0.0',
  contact: { name: 'Jobnet citizen API team' },
  license: { name: 'Proprietary: Styrelsen for Arbejdsmarked og Rekruttering (STAR)', identifier: 'LicenseRef-STAR-Proprietary' },
  description:
    'Borgerrettet REST/JSON-API for Jobnet (v1): Tilmelding, Jobagent, Borgerbooking og CV. ' +
    'Hver /v1-forespørgsel kræver et bearer-token, headeren x-civilRegistrationIdentifier (borgerens CPR) ' +
    'og et unikt x-requestId (en gentagelse afvises med 412). Fejl returneres som application/problem+json ' +
    'med fejlkoder i listen `fejl`. I Swagger UI: tryk Authorize og indsæt det token, `npm run dev` udskriver; ' +
    'skriv et nyt x-requestId (fx en guid) for hvert Execute. Eksemplernes tilmeldingsdato, afmeldingsdato og haendelsesdato ' +
    'vises med dagens dato, for tilmelding og afmelding kræver dagens dato (4749, 4322); andre klienter skal selv sende dagens dato.',
};

/** The documented address of the OpenAPI document; Swagger UI loads it from here too. */
export const OPENAPI_JSON_PATH = '/openapi.json';

/**
 * The Content-Security-Policy of Swagger UI (/docs, only its routes; the API keeps the strict one of
 * plugins/security.ts). Scripts only from the service itself; Swagger UI sets inline styles, and its
 * icons and our logo are data: images.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; " +
  "frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; " +
  "style-src 'self' 'unsafe-inline'";

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The top bar shows the service's title instead of the Swagger logo. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" viewBox="0 0 320 40"><text x="0" y="28" font-family="sans-serif" font-size="22" font-weight="bold" fill="#fff">${escapeXml(OPENAPI_INFO.title)}</text></svg>`;

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1b3a5c"/>' +
  '<text x="16" y="23" text-anchor="middle" font-family="sans-serif" font-size="20" font-weight="bold" fill="#fff">J</text></svg>';

/** Request-body date fields whose documented example must be today's date (Tilmelding 4749, Afmelding 4322). */
export const TODAY_EXAMPLE_FIELDS = ['tilmeldingsdato', 'afmeldingsdato', 'haendelsesdato'];

/**
 * Swagger UI's responseInterceptor, run in the browser. When Swagger UI has loaded the OpenAPI document, it
 * sets the date fields above in every request-body example (and the component schemas those bodies
 * reference) to today's Copenhagen date, so "Try it out" -> "Execute" on Tilmelding works on any day. The
 * served and committed document keeps its fixed example dates (it must not depend on the day). Built with
 * `new Function` so that its source is exactly this text in the browser, whatever compiles the server (tsx's
 * name-keeping helpers would otherwise leak into it); serialised by @fastify/swagger-ui with toString().
 */
export const todayInExamples = new Function(
  'res',
  `
  var path = '';
  try { path = new URL(res.url, window.location.href).pathname; } catch (e) { return res; }
  if (path !== ${JSON.stringify(OPENAPI_JSON_PATH)} || typeof res.text !== 'string') return res;
  var doc;
  try { doc = JSON.parse(res.text); } catch (e) { return res; }
  var fields = ${JSON.stringify(TODAY_EXAMPLE_FIELDS)};
  var today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  var setDates = function (example) {
    if (!example || typeof example !== 'object') return;
    fields.forEach(function (f) { if (typeof example[f] === 'string') example[f] = today; });
  };
  var patchSchema = function (schema) {
    if (!schema) return;
    if (typeof schema.$ref === 'string' && schema.$ref.indexOf('#/components/schemas/') === 0) {
      schema = (doc.components.schemas || {})[schema.$ref.slice('#/components/schemas/'.length)];
      if (!schema) return;
    }
    (schema.examples || []).forEach(setDates);
    fields.forEach(function (f) {
      var p = schema.properties && schema.properties[f];
      if (p && Array.isArray(p.examples)) p.examples = [today];
    });
  };
  Object.keys(doc.paths || {}).forEach(function (p) {
    Object.keys(doc.paths[p]).forEach(function (m) {
      var content = (doc.paths[p][m] && doc.paths[p][m].requestBody && doc.paths[p][m].requestBody.content) || {};
      Object.keys(content).forEach(function (t) {
        var media = content[t];
        setDates(media.example);
        Object.keys(media.examples || {}).forEach(function (k) { setDates(media.examples[k].value); });
        patchSchema(media.schema);
      });
    });
  });
  res.text = JSON.stringify(doc);
  res.data = res.text;
  res.body = doc;
  res.obj = doc;
  return res;
`,
);

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
        examples: PROBLEM_EXAMPLE_COMPONENTS,
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
    // Each error response's x-fejlkoder (schemas/common.ts problemResponses) up from its media type.
    transformObject: (doc) => ('openapiObject' in doc ? hoistFejlkoder(doc.openapiObject) : doc.swaggerObject),
  });

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: {
      // The plugin always sets `url` to its own /docs/json; `urls` wins over it and names the document.
      urls: [{ url: OPENAPI_JSON_PATH, name: `${OPENAPI_INFO.title} v1` }],
      persistAuthorization: true,
      displayOperationId: true,
      tryItOutEnabled: true,
      responseInterceptor: todayInExamples as never,
    },
    theme: {
      title: OPENAPI_INFO.title,
      favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: FAVICON_SVG }],
    },
    logo: { type: 'image/svg+xml', content: LOGO_SVG },
    staticCSP: DOCS_CSP,
    transformSpecificationClone: true,
  });

  app.get(OPENAPI_JSON_PATH, { schema: { hide: true } }, async () => app.swagger());
}

export default fp(swaggerPlugin, { name: 'swagger', decorators: { fastify: ['config'] } });
