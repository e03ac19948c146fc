import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../domain/errors';

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

/** Security headers, CORS for the configured origins and rate limiting. */
async function securityPlugin(app: FastifyInstance) {
  const { corsOrigins, rateLimit: limits } = app.config.http;

  const securityHeaders = staticSecurityHeaders(SECURITY_HEADER_OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  await app.register(cors, {
    origin: corsOrigins.length > 0 ? corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-civilregistrationidentifier', 'x-requestid'],
    exposedHeaders: ['location'],
    maxAge: 600,
  });

  await app.register(rateLimit, {
    // Not global: modules/v1.ts runs it as the first /v1 hook, so a 429 neither needs a valid token
    // nor uses up the x-requestId.
    global: false,
    max: limits.max,
    timeWindow: limits.windowMs,
    ...(app.redis ? { redis: app.redis, nameSpace: 'ratelimit:' } : {}),
    // Rate limiting is a protection, not a gate: if Redis is down, idempotency already fails closed.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'Too Many Requests', `Rate limit of ${context.max} requests per ${context.after} exceeded`),
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['redis'] });

