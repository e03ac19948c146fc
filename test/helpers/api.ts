/**
 * Calling the /v1 API in tests and checking its problem answers: one way for every area's tests.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { tokenFor, v1Headers } from './app';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The content type of every error answer (RFC 9457). */
export const PROBLEM_JSON = /^application\/problem\+json/;

export interface CallOptions {
  /** The bearer token; the citizen's own (tokenFor({ cpr })) unless given. */
  token?: string;
  /** The x-requestId; a fresh one unless given. */
  requestId?: string;
  /** A JSON body. */
  body?: unknown;
  /** A raw payload (e.g. malformed JSON); sent with content-type application/json. */
  raw?: string;
  /** Replace the headers completely. */
  headers?: Record<string, string>;
  /** Headers added to the usual ones (e.g. accept). */
  extraHeaders?: Record<string, string>;
}

/** A /v1 request for the citizen `cpr` (CPR header, bearer token, fresh x-requestId unless told otherwise). */
export function callV1(app: FastifyInstance, method: Method, url: string, cpr: string, opts: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = opts.headers ?? {
    ...v1Headers(cpr, opts.token ?? tokenFor({ cpr })),
    ...(opts.requestId !== undefined ? { 'x-requestId': opts.requestId } : {}),
    ...opts.extraHeaders,
  };
  if (opts.raw !== undefined) {
    return app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: opts.raw });
  }
  return app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
}

/**
 * Asserts an application/problem+json answer with the given status, first fejlkode and (when
 * given) first felt; returns the body. Without a fejlkode the `fejl` list must be empty.
 */
export function expectProblem(res: LightMyRequestResponse, status: number, fejlkode?: number, felt?: string) {
  const body = res.json();
  expect({
    status: res.statusCode,
    contentType: res.headers['content-type'],
    bodyStatus: body.status,
    fejlkode: body.fejl?.[0]?.fejlkode,
    ...(felt !== undefined ? { felt: body.fejl?.[0]?.felt } : {}),
  }).toEqual({
    status,
    contentType: expect.stringMatching(PROBLEM_JSON),
    bodyStatus: status,
    fejlkode,
    ...(felt !== undefined ? { felt } : {}),
  });
  if (fejlkode === undefined) expect(body.fejl).toEqual([]);
  else expect(body.type).toBe(`https://api.jobnet.dk/fejl/${fejlkode}`);
  return body;
}

/** Every fejlkode of a problem answer, in order (a refusal lists every rule it broke). */
export const fejlkoder = (res: LightMyRequestResponse): number[] => res.json().fejl.map((f: { fejlkode: number }) => f.fejlkode);
