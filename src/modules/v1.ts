import type { FastifyInstance } from 'fastify';
import kodeliste from './kodeliste/routes';
import joboensker from './tilmelding/joboensker-routes';
import jobnetKonto from './tilmelding/konto-routes';
import underPressure from '@fastify/under-pressure';
import { loadSheddingOptions } from '../plugins/load-shedding';
import jobagent from './jobagent/routes';
import tilmelding from './tilmelding/routes';
import cv from './cv/routes';
import cvAsylovergang from './cv/asyl/routes';
import cvPdf from './cv/pdf/routes';
import cvAendringer from './cv/aendringer/routes';
import { CvService } from './cv/service';
import { asylumEditWindowCheck } from './cv/asyl/service';
import borgerbooking from './borgerbooking/routes';
import borgerbookingPlanlaegning from './borgerbooking/planner-routes';
import type { Planlaegningssystem } from './borgerbooking/planner';

/**
 * Every /v1 route, behind the same onRequest hooks in this order: authenticate (401/403),
 * checkCitizenHeader (400/1001, 403/4575) and gateRequest (400/1014, 429, 412, 503/8236: the
 * rate limit per token subject and the x-requestId claim in one Redis round trip). The first two
 * are local, so a refused request never reaches Redis. Body validation and handlers come after.
 * Load shedding (503) applies to this scope only.
 */
export default async function v1(app: FastifyInstance, opts: { planlaegningssystem?: Planlaegningssystem } = {}) {
  await app.register(underPressure, loadSheddingOptions);
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', app.checkCitizenHeader);
  app.addHook('onRequest', app.gateRequest);

  await app.register(kodeliste, { prefix: '/Kodeliste' });
  await app.register(joboensker, { prefix: '/Tilmelding' });
  await app.register(jobnetKonto, { prefix: '/Tilmelding' });
  await app.register(jobagent, { prefix: '/Jobagent' });
  await app.register(tilmelding, { prefix: '/Tilmelding' });
  // One CvService for the CV plugins; its ReplaceCV refuses edits outside the asylum window (src/modules/cv/asyl).
  const cvService = new CvService(app.clock, app.pg, asylumEditWindowCheck);
  await app.register(cv, { prefix: '/CV', service: cvService });
  await app.register(cvAsylovergang, { prefix: '/CV' });
  await app.register(cvPdf, { prefix: '/CV', service: cvService });
  await app.register(borgerbooking, { prefix: '/Borgerbooking', planlaegningssystem: opts.planlaegningssystem });

  await app.register(cvAendringer, { prefix: '/CV', cvService });

  await app.register(borgerbookingPlanlaegning, { prefix: '/Borgerbooking/Planlaegning' });
}
