/**
 * HTTP itself: requests Node's parser refuses are answered as problem+json, a wrong method on an
 * existing path is 405 with Allow, and HEAD never uses up an x-requestId.
 */
import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { buildTestApp, v1Headers } from '../helpers/app';

/** Sends raw bytes and collects everything until the server closes (or stops sending). */
function rawRequest(port: number, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (out += chunk));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', (err) => (out ? resolve(out) : reject(err)));
    socket.write(data);
  });
}

function parse(raw: string) {
  const [head, body] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

describe('HTTP', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildTestApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('malformed HTTP is answered as problem+json', () => {
    it('a space before the colon in a header name: 400/1014', async () => {
      const res = parse(await rawRequest(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad : 1\r\n\r\n'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Failed to validate message', fejl: [expect.objectContaining({ fejlkode: 1014 })], antalFejl: 1 });
      expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('a 1 MB header: 431 problem', async () => {
      const res = parse(await rawRequest(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`));
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 431, type: 'about:blank', fejl: [], antalFejl: 0 });
    });

    it('a request line that is not HTTP: 400/1014', async () => {
      const res = parse(await rawRequest(port, 'HELLO\r\n\r\n'));
      expect(res.status).toBe(400);
      expect(res.body.fejl[0].fejlkode).toBe(1014);
    });

    it('a well-formed request on the same port still works', async () => {
      const raw = await rawRequest(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 200/);
    });
  });

  describe('methods', () => {
    it('a wrong method on an existing path: 405 with Allow, problem+json', async () => {
      const res = await app.inject({ method: 'PATCH', url: '/v1/Jobagent', headers: v1Headers(DEMO_CITIZENS.anna.cpr) });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: '/v1/Jobagent', fejl: [] });
    });

    it('405 on a path with a parameter, and with a trailing slash', async () => {
      const id = randomUUID();
      const res = await app.inject({ method: 'POST', url: `/v1/Jobagent/${id}/`, headers: v1Headers(DEMO_CITIZENS.anna.cpr) });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('DELETE, GET, PUT');
    });

    it('an unknown path stays 404, without Allow', async () => {
      for (const url of ['/v1/Findes/Ikke', '/findes-ikke', `/v1/Jobagent/${randomUUID()}/x/y`]) {
        const res = await app.inject({ method: 'PATCH', url });
        expect(res.statusCode).toBe(404);
        expect(res.headers.allow).toBeUndefined();
      }
    });

    it('HEAD /v1/Jobagent is 405 and does not use up the x-requestId', async () => {
      const headers = v1Headers(DEMO_CITIZENS.anna.cpr);
      const head = await app.inject({ method: 'HEAD', url: '/v1/Jobagent', headers });
      expect(head.statusCode).toBe(405);
      expect(head.headers.allow).toBe('GET, POST');
      const get = await app.inject({ method: 'GET', url: '/v1/Jobagent', headers });
      expect(get.statusCode).toBe(200);
    });

    it('HEAD on the health checks answers like GET, without a body', async () => {
      for (const url of ['/health/live', '/health/ready']) {
        const res = await app.inject({ method: 'HEAD', url });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('');
      }
    });
  });
});
