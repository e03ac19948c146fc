import fp from 'fastify-plugin';
import buildGetJwks from 'get-jwks';
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

/**
 * Token verification without a network call per request: the local key is read once, JWKS
 * keys are cached by kid (get-jwks), and verified tokens are cached (fast-jwt) until expiry.
 */
function buildVerifier(app: FastifyInstance): Verify {
  const { jwksUrl, issuer, audience, localKeyFile } = app.config.auth;
  const common = { algorithms: [...ALGORITHMS], cache: 10_000, ...(audience ? { allowedAud: audience } : {}) };
  if (jwksUrl) {
    const url = new URL(jwksUrl);
    const jwks = buildGetJwks({ max: 100, ttl: 10 * 60_000, jwksPath: url.pathname });
    const verifier = createVerifier({
      ...common,
      allowedIss: issuer,
      key: async (decoded: DecodedJwt) =>
        jwks.getPublicKey({ domain: url.origin, kid: decoded.header.kid, alg: decoded.header.alg }),
    });
    return async (token) => verifier(token);
  }
  const { publicKeyPem } = loadOrCreateLocalKey(localKeyFile);
  const verifier = createVerifier({ ...common, allowedIss: issuer ?? LOCAL_ISSUER, key: publicKeyPem });
  return async (token) => verifier(token);
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const { sub, role, scope, cpr } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthorized('The token has no subject');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw unauthorized('The token has no known role');
  if (role === 'borger' && typeof cpr !== 'string') throw unauthorized('A citizen token must carry the citizen\'s cpr');
  const scopes = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  return { subject: sub, role: role as Role, scopes, ...(typeof cpr === 'string' ? { cpr } : {}) };
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
    } catch {
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
