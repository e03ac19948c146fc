import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidCpr, UNKNOWN_CPR } from '../../domain/cpr';
import type { ApiError } from '../../domain/errors';
import { CPR_HEADER } from '../../plugins/cpr-header';
import { isOwner, type CvService } from './service';

/** Per request: what the audit log needs to know besides the principal (the CV read, the refusal's fejlkode). */
export interface CvAuditInfo {
  /** The citizen whose CV was read, when it is not the CPR header's (the lookup by CV number). */
  cpr?: string | null;
  cvNummer?: string | null;
  fejlkode?: number;
  /** A search (SearchCVText): its criteria (no CPR numbers) and how many CVs matched. */
  kriterier?: unknown;
  antalHits?: number;
  done?: boolean;
}

/**
 * The audit log of CV reads, for the routes of one plugin (src/modules/cv/routes.ts, src/modules/cv/pdf/routes.ts):
 * every read of a route whose config.cvAudit names the operation, by someone other than its owner, is
 * written before the answer is sent, allowed or refused, including refusals by the authentication hooks.
 * If the entry cannot be written, the read is not answered (503): no unlogged reads. A read is logged once.
 *
 * Returns the accessor of a request's audit info, for the handlers to fill in (cvNummer, cpr).
 */
export function addCvAuditHooks(app: FastifyInstance, service: Pick<CvService, 'audit'>): (request: FastifyRequest) => CvAuditInfo {
  const audit = new WeakMap<FastifyRequest, CvAuditInfo>();
  const info = (request: FastifyRequest) => {
    let i = audit.get(request);
    if (!i) audit.set(request, (i = {}));
    return i;
  };

  app.addHook('onError', async (request, _reply, error) => {
    const fejl = (error as unknown as Partial<ApiError>).fejl;
    if (Array.isArray(fejl) && fejl[0]) info(request).fejlkode = fejl[0].fejlkode;
    else if ((error as { validation?: unknown }).validation) info(request).fejlkode = 1014;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const operation = request.routeOptions.config.cvAudit;
    const principal = request.principal;
    if (!operation || !principal) return payload;
    const header = request.headers[CPR_HEADER];
    const headerCpr = isValidCpr(header) && header !== UNKNOWN_CPR ? header : null;
    const i = info(request);
    // A search is about no one citizen: logged with no CPR, whoever asks (a citizen's own attempt too).
    const cpr = request.routeOptions.config.cvAuditIngenBorger ? null : i.cpr !== undefined ? i.cpr : headerCpr;
    if (i.done || isOwner(principal, cpr ?? undefined)) return payload;
    i.done = true;
    await service.audit({
      subjekt: principal.subject,
      rolle: principal.role,
      organisation: principal.organisation,
      cpr,
      cvNummer: i.cvNummer ?? null,
      operation,
      tilladt: reply.statusCode < 400,
      fejlkode: i.fejlkode,
      httpStatus: reply.statusCode,
      ...(i.kriterier !== undefined ? { kriterier: i.kriterier } : {}),
      ...(i.antalHits !== undefined ? { antalHits: i.antalHits } : {}),
    });
    return payload;
  });

  return info;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation of a CV read that is written to the audit log when someone other than the owner makes it. */
    cvAudit?: string;
    /** The operation is about no one citizen (SearchCVText): the entry has no CPR and is written for every caller. */
    cvAuditIngenBorger?: boolean;
  }
}
