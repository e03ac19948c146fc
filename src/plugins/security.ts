import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../domain/errors';

/** Security headers, CORS for the configured origins and rate limiting. */
async function securityPlugin(app: FastifyInstance) {
  const { corsOrigins, rateLimit: limits } = app.config.http;

  await app.register(helmet, {
    // Swagger UI needs inline styles and its own scripts; everything else is JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'"],
        // TLS ends in front of the service; locally it is plain http.
        upgradeInsecureRequests: null,
      },
    },
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

