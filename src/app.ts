import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import metrics from 'fastify-metrics';
import './types';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { loggerOptions, RequestLogController } from './logging';
import { FejlSchema, ProblemSchema } from './schemas/common';
import { linearUniqueItems, storableDates } from './schemas/ajv';
import errors, { badPath, clientErrorHandler, FEJLKODE_KEYWORD, PROBLEM_CONTENT_TYPE, problemBody, sendProblem } from './plugins/errors';
import jsonBody from './plugins/json-body';
import prisma from './plugins/prisma';
import redis from './plugins/redis';
import security from './plugins/security';
import swagger from './plugins/swagger';
import health from './plugins/health';
import auth from './plugins/auth';
import cprHeader from './plugins/cpr-header';
import requestGate, { REQUEST_ID_HEADER, validRequestId, type RequestGateStore } from './plugins/request-gate';
import v1 from './modules/v1';
import { jobagentSchemas } from './modules/jobagent/routes';
import { tilmeldingSchemas } from './modules/tilmelding/routes';
import { cvSchemas } from './modules/cv/routes';
import { asylovergangSchemas } from './modules/cv/asyl/routes';
import { cvPdfSchemas } from './modules/cv/pdf/routes';
import { planlaegningSchemas } from './modules/borgerbooking/planner-routes';
import { borgerbookingSchemas } from './modules/borgerbooking/schemas';
import type { Planlaegningssystem } from './modules/borgerbooking/planner';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  /** Where log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
  /** Replace the rate-limit and request-id store (tests only). */
  requestGateStore?: RequestGateStore;
  /** Replace Borgerbooking's planning system (tests only: failing planners for 4769/9018/9303/9329). */
  planlaegningssystem?: Planlaegningssystem;
}

/** The client's x-requestId is the request id in every log line and problem body. */
function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const id = req.headers[REQUEST_ID_HEADER];
  return validRequestId(id) ? id : randomUUID();
}

/** Builds the Fastify instance with every plugin and route; does not listen. */
export async function buildApp({ config, clock = systemClock, logStream, requestGateStore, planlaegningssystem }: AppOptions) {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    logController: new RequestLogController(),
    genReqId: requestIdOf,
    bodyLimit: config.http.bodyLimit,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.requestTimeoutMs,
    trustProxy: config.http.trustProxy,
    return503OnClosing: true,
    // No automatic HEAD routes: a HEAD on /v1 would run the GET, claim the x-requestId and make the
    // following GET a 412. HEAD is 405 there; health routes declare HEAD themselves.
    exposeHeadRoutes: false,
    clientErrorHandler: clientErrorHandler(config.problemTypeBase),
    routerOptions: {
      ignoreTrailingSlash: true,
      // Answered before Fastify builds a request, hence the raw response.
      onMaxParamLength: (_path, req, res) => {
        const body = problemBody(badPath('A path segment is too long'), req.url ?? '/', requestIdOf(req), config.problemTypeBase);
        res.writeHead(400, { 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` }).end(JSON.stringify(body));
      },
    },
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, badPath(error.message), config.problemTypeBase),
    // The default joins every ajv error into one message, which nobody reads (errors.ts uses the list).
    schemaErrorFormatter: (_errors, dataVar) => new Error(`${dataVar} failed validation`),
    // allErrors: several violations give several entries (design 4); schemas/ajv.ts keeps that linear.
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, verbose: true, keywords: [FEJLKODE_KEYWORD] },
      plugins: [linearUniqueItems],
      // After ajv-formats, which the compiler adds after the plugins.
      onCreate: storableDates,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('clock', clock);
  for (const schema of [FejlSchema, ProblemSchema, ...jobagentSchemas, ...tilmeldingSchemas, ...cvSchemas, ...asylovergangSchemas, ...cvPdfSchemas, ...borgerbookingSchemas, ...planlaegningSchemas]) {
    app.addSchema(schema);
  }

  try {
    await app.register(errors);
    await app.register(jsonBody);
    await app.register(prisma);
    await app.register(redis);
    await app.register(security);
    await app.register(swagger);
    await app.register(metrics, {
      endpoint: '/metrics',
      clearRegisterOnInit: true,
      routeMetrics: { enabled: { histogram: true, summary: false } },
    });
    await app.register(health);
    await app.register(auth);
    await app.register(cprHeader);
    await app.register(requestGate, { store: requestGateStore });
    await app.register(v1, { prefix: '/v1', planlaegningssystem });
  } catch (err) {
    // Close what did start (database pool, Redis) so a failed start leaves nothing running.
    await app.close().catch(() => undefined);
    throw err;
  }

  return app as unknown as FastifyInstance;
}
