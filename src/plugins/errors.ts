import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, fejlEntry, RuleViolation, type FejlEntry } from '../domain/errors';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { Fejlkodenummer } from '../domain/fejlkoder';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Seconds a client is asked to wait after a 503 (unless the answer sets its own). */
export const RETRY_AFTER_SECONDS = 5;

/** A problem body lists at most this many `fejl` entries; `antalFejl` states how many there were. */
export const MAX_FEJL = 20;

/** Custom schema keyword: the fejlkode a violation of this (sub)schema is reported with. */
export const FEJLKODE_KEYWORD = 'x-fejlkode';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
}

const escapePointer = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer an ajv error is about, prefixed with the request part unless it is the body. */
function pointer(error: AjvError, context: string | undefined): string {
  let path = error.instancePath;
  const child = error.params.missingProperty ?? error.params.additionalProperty;
  if (typeof child === 'string') path += `/${escapePointer(child)}`;
  if (context && context !== 'body') path = `/${context}${path}`;
  return path || '/';
}

/**
 * The distinct violations (one per fejlkode and field) of an ajv error list: the first MAX_FEJL as
 * entries, and how many there were. Linear in the number of errors, which allErrors makes
 * proportional to the body size.
 */
export function validationFejl(errors: AjvError[], context: string | undefined): { fejl: FejlEntry[]; antalFejl: number } {
  const seen = new Set<string>();
  const fejl: FejlEntry[] = [];
  for (const error of errors) {
    const kode = (error.parentSchema?.[FEJLKODE_KEYWORD] as Fejlkodenummer | undefined) ?? 1014;
    const felt = pointer(error, context);
    const key = `${kode}${felt}`;
    if (seen.has(key)) continue; // anyOf/oneOf branches can repeat one violation
    seen.add(key);
    if (fejl.length === MAX_FEJL) continue;
    const entry = fejlEntry(kode, felt);
    fejl.push({ ...entry, beskrivelse: `${entry.beskrivelse}: ${felt} ${error.message ?? 'is invalid'}` });
  }
  return { fejl, antalFejl: seen.size };
}

/** A schema validation failure; `fejl` holds at most MAX_FEJL of its `antalFejl` violations. */
export class ValidationProblem extends ApiError {
  constructor(
    fejl: FejlEntry[],
    readonly antalFejl: number,
  ) {
    super(400, 'Failed to validate message', 'The submitted message could not be validated', fejl);
  }
}

function toApiError(error: FastifyError & { validation?: AjvError[] }): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const { fejl, antalFejl } = validationFejl(error.validation, error.validationContext);
    return new ValidationProblem(fejl, antalFejl);
  }
  if (isDatabaseUnavailable(error)) {
    return new RuleViolation(8236, { detail: 'The database is not available; try again shortly' });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, empty body, too large, unsupported media type.
    const fejl = status === 400 ? [fejlEntry(1014)] : [];
    return new ApiError(status, STATUS_CODES[status] ?? 'Client error', error.message, fejl);
  }
  return new ApiError(500, 'Internal Server Error', 'An unexpected error occurred. Quote the requestId when reporting it.');
}

export function problemBody(problem: ApiError, instance: string, requestId: string, typeBase: string) {
  const kode = problem.fejl[0]?.fejlkode;
  return {
    type: kode ? `${typeBase}${kode}` : 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: instance.split('?')[0],
    requestId,
    fejl: problem.fejl.slice(0, MAX_FEJL),
    antalFejl: problem instanceof ValidationProblem ? problem.antalFejl : problem.fejl.length,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ApiError, typeBase: string) {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemBody(problem, request.url, request.id, typeBase));
}

/** A path that cannot be routed (bad percent-escape, over-long parameter) is malformed input: 400/1014. */
export function badPath(detail: string) {
  return new ApiError(400, 'Failed to validate message', detail, [fejlEntry(1014, '/path')]);
}

/**
 * Requests Node's HTTP parser refuses (a malformed header, headers over the size limit, a request
 * timeout) never become a Fastify request; they are answered on the raw socket, as problem+json too.
 */
export function clientErrorHandler(typeBase: string) {
  return function handleClientError(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const problem =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError(408, 'Request Timeout', 'The request was not received in time')
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? new ApiError(431, 'Request Header Fields Too Large', 'The request headers are too large')
          : new ApiError(400, 'Failed to validate message', 'The request is not valid HTTP', [fejlEntry(1014)]);
    this.log.debug({ code: err.code }, 'malformed request');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(problemBody(problem, '/', randomUUID(), typeBase));
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
      () => socket.destroy(),
    );
  };
}

/**
 * The methods routed for each path, to answer a wrong method with 405 and Allow. A second
 * find-my-way router (the one Fastify routes with) fed by onRoute, so "which methods match this
 * path" follows Fastify's own matching.
 */
class RouteMethods {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true });
  private readonly methods = new Set<HTTPMethod>();

  add(url: string, method: string | string[]) {
    if (url === '*' || url === '/*') return; // catch-alls (CORS preflight) say nothing about a path
    for (const m of [method].flat() as HTTPMethod[]) {
      if (this.router.hasRoute(m, url)) continue;
      this.router.on(m, url, () => undefined);
      this.methods.add(m);
    }
  }

  allowed(path: string): string[] {
    return [...this.methods].filter((m) => this.router.find(m, path) !== null).sort();
  }
}

async function errorsPlugin(app: FastifyInstance) {
  const typeBase = app.config.problemTypeBase;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toApiError(error);
    if (problem.status === 503) {
      // A dependency is down, not a bug: one line without a stack.
      // Prisma's message quotes our source first; its last line is the reason.
      const reason = String(error.message).trim().split('\n').pop()?.slice(0, 200);
      if (!(error instanceof ApiError)) request.log.error({ reason, code: error.code }, 'database unavailable');
      if (!reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500 && !(error instanceof ApiError)) {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendProblem(request, reply, problem, typeBase);
  });

  // Registered first (app.ts), so this sees every route that follows.
  const routes = new RouteMethods();
  app.addHook('onRoute', (route) => routes.add(route.url, route.method));

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = routes.allowed(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, new ApiError(405, 'Method Not Allowed', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`), typeBase);
    }
    return sendProblem(request, reply, new ApiError(404, 'Not Found', `No route ${request.method} ${path}`), typeBase);
  });
}

export default fp(errorsPlugin, { name: 'errors', decorators: { fastify: ['config'] } });
