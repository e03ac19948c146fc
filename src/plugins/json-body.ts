import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { RuleViolation } from '../domain/errors';

/** JSON pointer of the first string PostgreSQL cannot store (U+0000 or a lone surrogate), if any. */
export function findUnstorableString(value: unknown, pointer = ''): string | undefined {
  const keys = unstorableStringKeys(value);
  if (!keys) return undefined;
  // The path is built only here, for the one bad string: a clean body costs no string building.
  let found = pointer;
  for (let i = keys.length - 1; i >= 0; i--) found += `/${keys[i].replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return found || '/';
}

/** The keys leading to the first unstorable string, innermost first; undefined when there is none. */
function unstorableStringKeys(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? [] : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const keys = unstorableStringKeys(value[i]);
      if (keys) return (keys.push(String(i)), keys);
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const keys = unstorableStringKeys((value as Record<string, unknown>)[key]);
    if (keys) return (keys.push(key), keys);
  }
  return undefined;
}

/**
 * JSON bodies only (text/plain is not accepted: 415), parsed by Fastify's own safe parser, and
 * refused with 400/1014 when a string holds what the database cannot store, rather than a 500
 * or a silently altered value. Query strings and path parameters get the same check before their
 * schema validation: they reach the database too (`?eksterntId=%00` answered 500 before).
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
  app.addHook('preValidation', (request, _reply, done) => {
    const felt = findUnstorableString(request.query, '/querystring') ?? findUnstorableString(request.params, '/params');
    if (!felt) return done();
    done(new RuleViolation(1014, { felt, detail: 'Strings must not contain U+0000 or unpaired surrogates' }));
  });
}

export default fp(jsonBodyPlugin, { name: 'json-body' });
