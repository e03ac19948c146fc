/**
 * Redis Cluster (REDIS_CLUSTER_NODES): the request gate's two keys share a hash slot (one script
 * may only touch one slot), replays are refused across instances and the rate limit is shared.
 * The test starts its own 3-node cluster (redis-server --cluster-enabled yes on ports 7101-7103,
 * a fourth node without slots on 7104,
 * joined with redis-cli --cluster create) and stops it afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Cluster, Redis } from 'ioredis';
import { gateKeys } from '../../src/plugins/request-gate';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, testPrisma } from '../helpers/db';

const PORTS = [7101, 7102, 7103];
const NODES = PORTS.map((p) => `127.0.0.1:${p}`);
const PREFIX = 'jobnet-cluster-test:';
const MAX = 5;

const haveRedis = ['redis-server', 'redis-cli'].every((bin) => spawnSync(bin, ['--version']).status === 0);
if (!haveRedis) {
  console.warn('redis-cluster.test.ts skipped: redis-server and redis-cli are not installed (apt-get install redis-server)');
}
const describeCluster = haveRedis ? describe : describe.skip;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilTrue(what: string, check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`Redis Cluster test setup: ${what} did not happen`);
}

async function withNode<T>(port: number, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

describeCluster('Redis Cluster (3 local nodes)', () => {
  const servers: ChildProcess[] = [];
  let dir: string;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobnet-redis-cluster-'));
    for (const port of PORTS) {
      const server = spawn(
        'redis-server',
        [
          '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
          '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--dir', dir,
          '--save', '', '--appendonly', 'no', '--daemonize', 'no',
        ],
        { stdio: 'ignore' },
      );
      servers.push(server);
    }
    for (const port of PORTS) await untilTrue(`redis-server on ${port} answering`, () => withNode(port, async (r) => (await r.ping()) === 'PONG'));
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...NODES, '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    // What the app's start needs: every node answers CLUSTER INFO with cluster_state:ok (ioredis's ready
    // check asks a random node) and knows all three masters (CLUSTER SLOTS from any node is complete).
    for (const port of PORTS) {
      await untilTrue(`cluster_state:ok with 3 known nodes on ${port}`, () =>
        withNode(port, async (r) => {
          const info = String(await r.cluster('INFO'));
          return info.includes('cluster_state:ok') && info.includes('cluster_known_nodes:3') && (await r.cluster('SLOTS')).length === 3;
        }),
      );
    }

    const env = { REDIS_URL: '', REDIS_CLUSTER_NODES: NODES.join(','), REDIS_KEY_PREFIX: PREFIX, RATE_LIMIT_MAX: String(MAX) };
    // One after the other: building an app compiles every route's schemas synchronously, which can block
    // this process's event loop for seconds on a loaded machine and time out the other app's start-up
    // commands (one app a process in production).
    a = await buildTestApp({ env });
    b = await buildTestApp({ env });
    cluster = new Cluster(NODES.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })), { keyPrefix: PREFIX });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), cluster?.quit()]);
    const exits = servers.map((s) => new Promise((resolve) => (s.exitCode !== null ? resolve(null) : s.once('exit', resolve))));
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(exits);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the app runs on the cluster and reports it ready', async () => {
    expect(a.redis).toBeInstanceOf(Cluster);
    const res = await a.inject({ method: 'GET', url: '/health/ready' });
    expect(res.json()).toMatchObject({ status: 'ok', checks: { redis: 'ok' } });
  });

  it('a request id claimed on one instance is refused (412) on the other', async () => {
    const { cpr } = await createCitizen();
    const token = tokenFor({ cpr });
    const headers = v1Headers(cpr, token);
    const first = await a.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: { titel: 'Klynge', soegeparametre: {} } });
    expect(first.statusCode).toBe(201);
    const replay = await b.inject({ method: 'POST', url: '/v1/Jobagent', headers, payload: { titel: 'Klynge igen', soegeparametre: {} } });
    expect(replay.statusCode).toBe(412);
    expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await testPrisma().jobagent.count({ where: { cpr } })).toBe(1);
  });

  it('concurrent duplicates spread over both instances: exactly one runs', async () => {
    const { cpr } = await createCitizen();
    const headers = v1Headers(cpr);
    const statuses = (
      await Promise.all(Array.from({ length: 4 }, (_, i) => (i % 2 ? a : b).inject({ method: 'GET', url: '/v1/Jobagent', headers })))
    ).map((r) => r.statusCode);
    expect(statuses.sort()).toEqual([200, 412, 412, 412]);
  });

  it('the rate limit per subject is shared by both instances; a limited id stays unused', async () => {
    const { cpr } = await createCitizen();
    const sub = `borger-limit-${randomUUID()}`;
    const token = tokenFor({ cpr, sub });
    for (let i = 0; i < MAX; i++) expect((await (i % 2 ? a : b).inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, token) })).statusCode).toBe(200);
    const headers = v1Headers(cpr, token);
    const limited = await a.inject({ method: 'GET', url: '/v1/Jobagent', headers });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await b.inject({ method: 'GET', url: '/v1/Jobagent', headers })).statusCode).toBe(429);
    // Another client is not limited.
    expect((await b.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, tokenFor({ cpr })) })).statusCode).toBe(200);
    // The window ends (as its PEXPIRE would): the limited id runs.
    expect(await cluster.del(gateKeys(sub, '').rateKey)).toBe(1);
    expect((await b.inject({ method: 'GET', url: '/v1/Jobagent', headers })).statusCode).toBe(200);
  });

  it("one request's keys share a hash slot (CLUSTER KEYSLOT), whatever the subject holds; subjects spread over the slots", async () => {
    const subjects = ['borger-1', 'borger-2', '}starts-with-brace', 'a{b}c', '{}', '{', 'æøå', '%7B', 'x'.repeat(300)];
    const slots = await withNode(PORTS[0], (node) =>
      Promise.all(
        subjects.map(async (sub) => {
          const { rateKey, idKey } = gateKeys(sub, randomUUID());
          const [rate, id] = await Promise.all([node.cluster('KEYSLOT', PREFIX + rateKey), node.cluster('KEYSLOT', PREFIX + idKey)]);
          return { sub, rate, id };
        }),
      ),
    );
    for (const s of slots) expect({ sub: s.sub, slot: s.id }).toEqual({ sub: s.sub, slot: s.rate });
    expect(new Set(slots.map((s) => s.rate)).size).toBeGreaterThan(1);
  });

  it('the keys a request leaves behind are in one slot on the node that owns it', async () => {
    const { cpr } = await createCitizen();
    const sub = `borger-slot-${randomUUID()}`;
    const requestId = randomUUID();
    const res = await b.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, tokenFor({ cpr, sub }), requestId) });
    expect(res.statusCode).toBe(200);
    const { rateKey, idKey } = gateKeys(sub, requestId);
    expect(await cluster.exists(rateKey)).toBe(1);
    expect(await cluster.exists(idKey)).toBe(1);
    const slot = await withNode(PORTS[0], (node) => node.cluster('KEYSLOT', PREFIX + idKey));
    const owner = (await cluster.cluster('SLOTS')).find(([from, to]) => (from as number) <= Number(slot) && Number(slot) <= (to as number));
    const ownerPort = Number((owner![2] as unknown[])[1]);
    const onOwner = await withNode(ownerPort, (node) => node.exists(PREFIX + rateKey, PREFIX + idKey));
    expect(onOwner).toBe(2);
  });

  // Last: it stops a node.
  it('a node down: requests whose keys live there fail closed with 503/8236 at once, not a hang', async () => {
    const { cpr } = await createCitizen();
    const slots = await cluster.cluster('SLOTS');
    const ownerOf = async (sub: string) => {
      const slot = Number(await withNode(PORTS[0], (node) => node.cluster('KEYSLOT', PREFIX + gateKeys(sub, 'x').rateKey)));
      return slots.find(([from, to]) => from <= slot && slot <= to)![2][1];
    };
    let sub = '';
    for (let i = 0; !sub; i++) if ((await ownerOf(`borger-down-${i}`)) === PORTS[2]) sub = `borger-down-${i}`;

    const server = servers[PORTS.indexOf(PORTS[2])];
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;

    const res = await a.inject({ method: 'GET', url: '/v1/Jobagent', headers: v1Headers(cpr, tokenFor({ cpr, sub })) });
    expect(res.statusCode).toBe(503);
    expect(res.json().fejl[0].fejlkode).toBe(8236);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('an app on a cluster that is not ok (a node holding no slots) fails to start with a clear message, within the plugin timeout', async () => {
    const port = 7104;
    const lonely = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => lonely.once('exit', resolve));
    try {
      await untilTrue(`redis-server on ${port} answering`, () => withNode(port, async (r) => (await r.ping()) === 'PONG'));
      const error = await buildTestApp({ env: { REDIS_URL: '', REDIS_CLUSTER_NODES: `127.0.0.1:${port}`, REDIS_COMMAND_TIMEOUT_MS: '200' } }).then(
        (app) => app.close().then(() => undefined),
        (err: Error) => err,
      );
      expect(error?.message).toMatch(/^Redis is not reachable at the cluster nodes 127\.0\.0\.1:7104: /);
      expect(error?.message).not.toMatch(/did not start in time/);
    } finally {
      lonely.kill('SIGTERM');
      await exited;
    }
  });

  it('an app whose cluster nodes are unreachable fails to start with a clear message', async () => {
    const error = await buildTestApp({
      env: { REDIS_URL: '', REDIS_CLUSTER_NODES: '127.0.0.1:7199', REDIS_COMMAND_TIMEOUT_MS: '200' },
    }).then(
      (app) => app.close().then(() => undefined),
      (err: Error) => err,
    );
    expect(error?.message).toMatch(/Redis is not reachable at the cluster nodes 127\.0\.0\.1:7199/);
  });
});
