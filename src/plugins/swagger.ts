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
    'vises med dagens dato, for tilmelding og afmelding kræver dagens dato (4749, 4322); andre klienter skal selv sende dagens dato. ' +
    'Borgerbookings eksempler på moedeStarttidspunkt vises på første hverdag efter i dag (demodata har en mødetid kl. 9 og 10 hver hverdag), ' +
    'og mødetidsintervallet fra i dag og 30 dage frem.',
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
 * Date-time example fields (request bodies and query parameters of RELATIVE_EXAMPLE_PATHS) that Swagger UI
 * moves to a day relative to today, keeping the example's Copenhagen time of day: Borgerbooking's slot and interval examples. The
 * demo data (src/modules/borgerbooking/demo-data.ts) has a slot of the Aarhus Jobsamtale offer at 09:00
 * and 10:00 every weekday of the next three weeks, so the booking examples (09:00, rebooking 10:00) name a
 * free slot on every day. Values: `'naesteHverdag'` = the first weekday after today, a number = today
 * plus that many days.
 */
export const RELATIVE_EXAMPLE_FIELDS: Record<string, 'naesteHverdag' | number> = {
  moedeStarttidspunkt: 'naesteHverdag',
  startMoedetidsinterval: 0,
  slutMoedetidsinterval: 30,
};
/**
 * The operations whose examples get RELATIVE_EXAMPLE_FIELDS: the citizen side of Borgerbooking. The planning
 * side's examples (CreateIndkaldelse: start, end and deadlines that belong together) keep their dates.
 */
export const RELATIVE_EXAMPLE_PATHS = '^/v1/Borgerbooking/(?!Planlaegning/)';
/**
 * The planning side's request examples (offers, slots, deadlines, summons) are written around the Monday
 * PLANNING_EXAMPLE_MONDAY. Once that is no longer ahead, Swagger UI moves every date in them by the same whole
 * number of weeks, so that Monday is the next weekday or later: their start, end and deadlines keep their
 * order, weekdays and times of day, and stay in the future (rules 4783, 8109, 8127-8136).
 */
export const PLANNING_EXAMPLE_PATHS = '^/v1/Borgerbooking/Planlaegning/';
export const PLANNING_EXAMPLE_MONDAY = '2027-01-11';

/**
 * Swagger UI's responseInterceptor, run in the browser. When Swagger UI has loaded the OpenAPI document, it
 * sets the date fields above in every request-body example (and the component schemas those bodies
 * reference) to today's Copenhagen date, and the relative date-time fields (request bodies and parameters)
 * to their day at the example's time of day, so "Try it out" -> "Execute" on Tilmelding and on the
 * self-booking flow works on any day. The served and committed document keeps its fixed example dates (it
 * must not depend on the day). Built with `new Function` so that its source is exactly this text in the
 * browser, whatever compiles the server (tsx's name-keeping helpers would otherwise leak into it);
 * serialised by @fastify/swagger-ui with toString().
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
  var relative = ${JSON.stringify(RELATIVE_EXAMPLE_FIELDS)};
  var today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  var addDays = function (day, n) { return new Date(Date.parse(day + 'T12:00:00Z') + n * 86400000).toISOString().slice(0, 10); };
  var weekday = function (day) { var w = new Date(day + 'T12:00:00Z').getUTCDay(); return w !== 0 && w !== 6; };
  var nextWeekday = addDays(today, 1);
  while (!weekday(nextWeekday)) nextWeekday = addDays(nextWeekday, 1);
  var hhmmFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // The example's wall-clock time on another day, with Copenhagen's offset on that day (+01:00 or +02:00).
  var moved = function (value, f) {
    var m = /^\\d{4}-\\d{2}-\\d{2}T(\\d{2}):(\\d{2})/.exec(value);
    if (!m) return value;
    var day = relative[f] === 'naesteHverdag' ? nextWeekday : addDays(today, relative[f]);
    var mins = Number(m[1]) * 60 + Number(m[2]);
    var local = hhmmFmt.format(new Date(Date.parse(day + 'T' + m[1] + ':' + m[2] + ':00Z'))).split(':');
    var off = ((Number(local[0]) * 60 + Number(local[1]) - mins) % 1440 + 1440) % 1440;
    if (off > 720) off -= 1440;
    var sign = off < 0 ? '-' : '+';
    var a = Math.abs(off);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return day + 'T' + m[1] + ':' + m[2] + ':00.000' + sign + pad(Math.floor(a / 60)) + ':' + pad(a % 60);
  };
  var setDates = function (example) {
    if (!example || typeof example !== 'object') return;
    fields.forEach(function (f) { if (typeof example[f] === 'string') example[f] = today; });
    Object.keys(relative).forEach(function (f) { if (typeof example[f] === 'string') example[f] = moved(example[f], f); });
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
    Object.keys(relative).forEach(function (f) {
      var p = schema.properties && schema.properties[f];
      if (p && Array.isArray(p.examples)) p.examples = p.examples.map(function (v) { return typeof v === 'string' ? moved(v, f) : v; });
    });
  };
  var patchParameter = function (param) {
    if (!param || !Object.prototype.hasOwnProperty.call(relative, param.name)) return;
    if (typeof param.example === 'string') param.example = moved(param.example, param.name);
    if (param.schema && Array.isArray(param.schema.examples)) {
      param.schema.examples = param.schema.examples.map(function (v) { return typeof v === 'string' ? moved(v, param.name) : v; });
    }
    Object.keys(param.examples || {}).forEach(function (k) {
      if (typeof param.examples[k].value === 'string') param.examples[k].value = moved(param.examples[k].value, param.name);
    });
  };
  var relativeOnPath = new RegExp(${JSON.stringify(RELATIVE_EXAMPLE_PATHS)});
  var planningOnPath = new RegExp(${JSON.stringify(PLANNING_EXAMPLE_PATHS)});
  var planningAhead = (Date.parse(nextWeekday + 'T12:00:00Z') - Date.parse(${JSON.stringify(PLANNING_EXAMPLE_MONDAY)} + 'T12:00:00Z')) / 86400000;
  var planningWeeks = planningAhead > 0 ? Math.ceil(planningAhead / 7) : 0;
  var shiftWeeks = function (o) {
    if (typeof o === 'string') {
      var d = /^(\\d{4}-\\d{2}-\\d{2})(T.*)?$/.exec(o);
      return d ? addDays(d[1], 7 * planningWeeks) + (d[2] || '') : o;
    }
    if (Array.isArray(o)) return o.map(shiftWeeks);
    if (o && typeof o === 'object') Object.keys(o).forEach(function (k) { o[k] = shiftWeeks(o[k]); });
    return o;
  };
  var shiftedSchemas = {};
  var shiftPlanningBody = function (media) {
    if (planningWeeks === 0) return;
    if (media.example) media.example = shiftWeeks(media.example);
    Object.keys(media.examples || {}).forEach(function (k) { media.examples[k].value = shiftWeeks(media.examples[k].value); });
    var schema = media.schema;
    if (schema && typeof schema.$ref === 'string' && schema.$ref.indexOf('#/components/schemas/') === 0) {
      var name = schema.$ref.slice('#/components/schemas/'.length);
      if (shiftedSchemas[name]) return;
      shiftedSchemas[name] = true;
      schema = (doc.components.schemas || {})[name];
    }
    if (!schema) return;
    if (schema.examples) schema.examples = shiftWeeks(schema.examples);
    Object.keys(schema.properties || {}).forEach(function (f) {
      var p = schema.properties[f];
      if (p && Array.isArray(p.examples)) p.examples = shiftWeeks(p.examples);
    });
  };
  var allRelative = relative;
  Object.keys(doc.paths || {}).forEach(function (p) {
    relative = relativeOnPath.test(p) ? allRelative : {};
    (doc.paths[p].parameters || []).forEach(patchParameter);
    Object.keys(doc.paths[p]).forEach(function (m) {
      var op = doc.paths[p][m];
      if (!op || typeof op !== 'object') return;
      (Array.isArray(op.parameters) ? op.parameters : []).forEach(patchParameter);
      var content = (op.requestBody && op.requestBody.content) || {};
      Object.keys(content).forEach(function (t) {
        var media = content[t];
        setDates(media.example);
        Object.keys(media.examples || {}).forEach(function (k) { setDates(media.examples[k].value); });
        patchSchema(media.schema);
        if (planningOnPath.test(p)) shiftPlanningBody(media);
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
