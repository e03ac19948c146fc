import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import type { FastifyUnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../domain/errors';

/** Security headers and CORS for the configured origins. The /v1 rate limit is in plugins/request-gate.ts. */
async function securityPlugin(app: FastifyInstance) {
  const { corsOrigins } = app.config.http;

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
}

export default fp(securityPlugin, { name: 'security' });

/**
 * Load shedding for the /v1 scope only (registered in modules/v1.ts): health, metrics and docs
 * keep answering, so an orchestrator does not restart a busy but healthy instance.
 */
export const loadSheddingOptions: FastifyUnderPressureOptions = {
  maxEventLoopDelay: 1000,
  pressureHandler: (_request, reply) => {
    reply.header('retry-after', '10');
    throw new ApiError(503, 'Service Unavailable', 'The service is under too much load; try again shortly');
  },
};
