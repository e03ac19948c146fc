/**
 * Security headers: the JSON API answers with helmet's headers and a CSP that lets nothing load;
 * Swagger UI (/docs) gets a CSP it can work with (checked in a real browser by
 * npm run check:swagger-ui) and nothing looser anywhere else.
 */
import type { FastifyInstance } from 'fastify';
import { DOCS_CSP } from '../../src/plugins/swagger';
import { SECURITY_HEADER_OPTIONS, staticSecurityHeaders } from '../../src/plugins/security';
import { buildTestApp, v1Headers } from '../helpers/app';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';

const STRICT_CSP = "default-src 'none';frame-ancestors 'none'";

/** Every header helmet 8 can set (so a header added or lost is seen), with the value we expect. */
const EXPECTED = {
  'content-security-policy': STRICT_CSP,
  'content-security-policy-report-only': undefined,
  'cross-origin-embedder-policy': undefined,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-powered-by': undefined,
  'x-xss-protection': '0',
};

function securityHeadersOf(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, headers[name]]));
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('the JSON API', () => {
  const anna = DEMO_CITIZENS.anna.cpr;
  it.each([
    ['GET /v1/Jobagent (200)', 'GET', '/v1/Jobagent', () => v1Headers(anna), 200],
    ['GET /health/live', 'GET', '/health/live', () => ({}), 200],
    ['GET /openapi.json', 'GET', '/openapi.json', () => ({}), 200],
    ['an unknown path (404)', 'GET', '/nowhere', () => ({}), 404],
  ] as const)('%s: helmet headers with the strict CSP', async (_name, method, url, headers, status) => {
    const res = await app.inject({ method, url, headers: headers() });
    expect(res.statusCode).toBe(status);
    expect(securityHeadersOf(res.headers)).toEqual(EXPECTED);
  });

  it('computes the headers once, from the same options', () => {
    expect(staticSecurityHeaders(SECURITY_HEADER_OPTIONS)).toEqual(
      Object.fromEntries(Object.entries(EXPECTED).filter(([, v]) => v !== undefined)),
    );
  });

  it('refuses to precompute a CSP computed per request', () => {
    expect(() => staticSecurityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: [() => "'nonce-x'"] } } })).toThrow(
      /precomputed/,
    );
  });
});

describe('Swagger UI (/docs)', () => {
  it.each(['/docs', '/docs/', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui.css'])(
    '%s: the Swagger UI CSP, the other helmet headers unchanged',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
      expect(securityHeadersOf(res.headers)).toEqual({ ...EXPECTED, 'content-security-policy': DOCS_CSP });
    },
  );

  it('the Swagger UI CSP allows only the service itself for scripts, and inline styles', () => {
    const csp = directives(DOCS_CSP);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('script-src-attr')).toBe("'none'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });
});
