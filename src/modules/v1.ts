import type { FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { loadSheddingOptions } from '../plugins/load-shedding';
import jobagent from './jobagent/routes';

/**
 * Every /v1 route, behind the same onRequest hooks in this order: rateLimit (429),
 * authenticate (401/403), checkCitizenHeader (400/1001, 403/4575) and
 * claimRequestId (400/1014, 412, 503/8236). Body validation and handlers come after.
 * Load shedding (503) applies to this scope only.
 */
export default async function v1(app: FastifyInstance) {
  await app.register(underPressure, loadSheddingOptions);
  app.addHook('onRequest', app.rateLimit());
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.checkCitizenHeader);
  app.addHook('onRequest', app.claimRequestId);

  await app.register(jobagent, { prefix: '/Jobagent' });
}
