import type { FastifyUnderPressureOptions } from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../domain/errors';

/**
 * Load shedding for the /v1 scope only (registered in modules/v1.ts): health, metrics and docs
 * keep answering, so an orchestrator does not restart a busy but healthy instance. Given to
 * register() as a function of the instance, so the thresholds come from the config
 * (LOAD_SHEDDING_*; 0 turns a check off).
 */
export function loadSheddingOptions(app: FastifyInstance): FastifyUnderPressureOptions {
  const { maxEventLoopDelayMs, sampleIntervalMs } = app.config.loadShedding;
  return {
    maxEventLoopDelay: maxEventLoopDelayMs,
    sampleInterval: sampleIntervalMs,
    pressureHandler: (_request, reply) => {
      reply.header('retry-after', '10');
      throw new ApiError(503, 'Service Unavailable', 'The service is under too much load; try again shortly');
    },
  };
}
