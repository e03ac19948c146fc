import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { RuleViolation } from '../domain/errors';

/** JSON pointer of the first string PostgreSQL cannot store (U+0000 or a lone surrogate), if any. */
export function findUnstorableString(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? pointer || '/' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findUnstorableString(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * JSON bodies only (text/plain is not accepted: 415), parsed by Fastify's own safe parser, and
 * refused with 400/1014 when a string holds what the database cannot store, rather than a 500
 * or a silently altered value.
 */
async function jsonBodyPlugin(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (err, parsed) => {
      if (err) return done(err, undefined);
      const felt = findUnstorableString(parsed);
      if (felt) {
        return done(new RuleViolation(1014, { felt, detail: 'Strings must not contain U+0000 or unpaired surrogates' }), undefined);
      }
      done(null, parsed);
    });
  });
}

export default fp(jsonBodyPlugin, { name: 'json-body' });
