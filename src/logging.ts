import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';

/**
 * CPR numbers must never reach the logs. Headers and bodies are redacted by path, and as a
 * last line of defence every written line is scrubbed of anything shaped like a CPR
 * (ten digits, optionally DDMMYY-XXXX) that is not part of a longer number, a decimal or the last
 * group of a UUID (a request id such as ...-883f-0101901234ab must stay whole for correlation).
 */
const CPR_LIKE =
  /(?<!\d|\d\.|[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{0,2})(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d|\.\d)/g;

export function scrubCpr(line: string): string {
  return line.replace(CPR_LIKE, '[cpr]');
}

export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-civilregistrationidentifier"]',
        'headers.authorization',
        'headers["x-civilregistrationidentifier"]',
        '*.cpr',
        'cpr',
      ],
      censor: '[redacted]',
    },
    hooks: { streamWrite: scrubCpr },
    serializers: {
      // Only what is needed to follow a request; never headers, bodies or query strings.
      req: (req) => ({ method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0] }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  };
}

/** One line per request, written when it completes: request id, method, route, status, duration. */
export class RequestLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: (request: FastifyRequest) => request.url.startsWith('/health/') });
  }

  incomingRequest() {}

  requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
