import fp from 'fastify-plugin';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { createVerifier, type DecodedJwt } from 'fast-jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, RuleViolation } from '../domain/errors';
import { ROLES, type Principal, type Role } from '../domain/access';
import { LOCAL_ISSUER, loadOrCreateLocalKey } from '../auth/local-key';

const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256'] as const;

function unauthorized(detail: string) {
  return new ApiError(401, 'Unauthorized', detail);
}

type Verify = (token: string) => Promise<Record<string, unknown>>;

const JWKS_TIMEOUT_MS = 5000;
/** Keys are refreshed after this; until then no request causes a fetch. */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** An unknown kid refetches the set at most this often, so forged kids cannot cause a fetch storm. */
const JWKS_MIN_REFETCH_MS = 10_000;

/**
 * Public keys by kid from the JWKS: one fetch (single-flight, 5 s timeout) fills the whole set,
 * refreshed every 10 minutes or, for an unknown kid, at most every 10 seconds. If a refresh fails,
 * the keys already known keep working; with no key to use, the outage is 503/8236, not a bad token.
 */
function jwksKeyResolver(jwksUrl: string) {
  let keys = new Map<string, string>();
  let fetchedAt = 0;
  let inFlight: Promise<void> | undefined;

  async function fetchKeys(): Promise<void> {
    const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const next = new Map<string, string>();
    for (const jwk of body.keys ?? []) {
      if (typeof jwk.kid !== 'string' || (jwk.use && jwk.use !== 'sig')) continue;
      try {
        next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
      } catch {
        // A key this runtime cannot read is skipped, not fatal for the others.
      }
    }
    keys = next;
    fetchedAt = Date.now();
  }

  function refresh(): Promise<void> {
    inFlight ??= fetchKeys().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return async (decoded: DecodedJwt): Promise<string> => {
    const { kid } = decoded.header;
    if (typeof kid !== 'string') throw unauthorized('The token has no key id');
    const age = Date.now() - fetchedAt;
    if (age > JWKS_MAX_AGE_MS || (!keys.has(kid) && age > JWKS_MIN_REFETCH_MS)) {
      try {
        await refresh();
      } catch {
        if (!keys.has(kid)) throw new RuleViolation(8236, { detail: 'The token keys (JWKS) could not be fetched; try again later' });
      }
    }
    const pem = keys.get(kid);
    if (!pem) throw unauthorized('Unknown key id');
    return pem;
  };
}

/**
 * Token verification without a network call per request: the local key is read once, JWKS
 * keys are cached by kid, and verified tokens are cached (fast-jwt) until expiry.
 * iss, exp and sub are required (aud too when AUTH_AUDIENCE is set): fast-jwt checks them only if present.
 */
function buildVerifier(app: FastifyInstance): Verify {
  const { jwksUrl, issuer, audience, localKeyFile } = app.config.auth;
  const common = {
    algorithms: [...ALGORITHMS],
    cache: 10_000,
    requiredClaims: ['iss', 'exp', 'sub', ...(audience ? ['aud'] : [])],
    ...(audience ? { allowedAud: audience } : {}),
  };
  if (jwksUrl) {
    const verifier = createVerifier({ ...common, allowedIss: issuer, key: jwksKeyResolver(jwksUrl) });
    return async (token) => verifier(token);
  }
  const { publicKeyPem } = loadOrCreateLocalKey(localKeyFile);
  const verifier = createVerifier({ ...common, allowedIss: issuer ?? LOCAL_ISSUER, key: publicKeyPem });
  return async (token) => verifier(token);
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const { sub, role, scope, cpr, org } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthorized('The token has no subject');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw unauthorized('The token has no known role');
  if (role === 'borger' && typeof cpr !== 'string') throw unauthorized('A citizen token must carry the citizen\'s cpr');
  const scopes = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  return {
    subject: sub,
    role: role as Role,
    scopes,
    ...(typeof cpr === 'string' ? { cpr } : {}),
    ...(typeof org === 'string' && org ? { organisation: org } : {}),
  };
}

/**
 * `authenticate`, the first onRequest hook of every /v1 route: 401 without a valid bearer
 * token, 403 when the route's roles or scopes do not admit it. It runs before anything
 * looks at headers or body, so an unauthenticated caller learns nothing else.
 */
async function authPlugin(app: FastifyInstance) {
  const verify = buildVerifier(app);

  app.decorateRequest('principal', null as unknown as Principal);
  app.decorate('authenticate', async function authenticate(request: FastifyRequest) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(header) : null;
    if (!match) throw unauthorized('A bearer token is required');
    let claims: Record<string, unknown>;
    try {
      claims = await verify(match[1]);
    } catch (err) {
      // fast-jwt wraps what the key resolver throws (401 for an unknown kid, 503 for a JWKS outage).
      const cause = (err as { originalError?: unknown }).originalError;
      if (cause instanceof ApiError) throw cause;
      throw unauthorized('The bearer token is invalid or has expired');
    }
    const principal = toPrincipal(claims);
    request.principal = principal;

    const access = request.routeOptions.config.access;
    if (!access) {
      request.log.error('route has no access rule; refusing');
      throw new RuleViolation(4575);
    }
    if (!access.roles.includes(principal.role)) throw new RuleViolation(4575);
    if (!access.scopes.some((s) => principal.scopes.has(s))) {
      throw new RuleViolation(1013, { detail: `One of the scopes ${access.scopes.join(', ')} is required` });
    }
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>;
  }
}

export default fp(authPlugin, { name: 'auth', decorators: { fastify: ['config'] } });
