import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * helmet's headers for a JSON API: a CSP that lets nothing load and nothing frame the response
 * (Swagger UI under /docs gets its own CSP, see plugins/swagger.ts), otherwise helmet's defaults.
 */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
};

/**
 * The headers helmet sets for these options, computed once by running its middleware against a
 * recording response. With static options (no function directives, no nonces) helmet only ever
 * sets the same constant headers; @fastify/helmet rebuilt and ran the middleware on every request.
 */
export function staticSecurityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const csp = options.contentSecurityPolicy;
  const directiveValues = typeof csp === 'object' ? Object.values(csp.directives ?? {}).flatMap((v): unknown[] => (v && typeof v === 'object' ? [...v] : [v])) : [];
  if (directiveValues.some((v) => typeof v === 'function')) throw new Error('CSP directives computed per request cannot be precomputed');
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

/** Security headers and CORS for the configured origins. The /v1 rate limit is in plugins/request-gate.ts. */
async function securityPlugin(app: FastifyInstance) {
  const { corsOrigins } = app.config.http;

  const securityHeaders = staticSecurityHeaders(SECURITY_HEADER_OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  await app.register(cors, {
    origin: corsOrigins.length > 0 ? corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-civilregistrationidentifier', 'x-requestid'],
    exposedHeaders: ['location', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
}

export default fp(securityPlugin, { name: 'security' });

