import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RuleViolation } from '../domain/errors';
import { isValidCpr } from '../domain/cpr';

export const CPR_HEADER = 'x-civilregistrationidentifier';

/**
 * `checkCitizenHeader`, an onRequest hook of /v1 routes (after authenticate): 400/1001 unless
 * x-civilRegistrationIdentifier is a well-formed CPR of a real date, 403/4575 when a citizen
 * token names another citizen. Whether the citizen exists (404/1010) is the service's call.
 */
async function cprHeaderPlugin(app: FastifyInstance) {
  app.decorateRequest('cpr', '');
  app.decorate('checkCitizenHeader', async function checkCitizenHeader(request: FastifyRequest) {
    const cpr = request.headers[CPR_HEADER];
    if (!isValidCpr(cpr)) throw new RuleViolation(1001, { felt: '/headers/x-civilRegistrationIdentifier' });
    const { principal } = request;
    if (principal.role === 'borger' && principal.cpr !== cpr) {
      throw new RuleViolation(4575, { detail: 'A citizen may only act on their own cpr' });
    }
    request.cpr = cpr;
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    checkCitizenHeader(request: FastifyRequest): Promise<void>;
  }
}

export default fp(cprHeaderPlugin, { name: 'cpr-header' });
