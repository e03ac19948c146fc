/**
 * The bare baseline: Fastify with no plugins, no logger and no response schemas, doing only the
 * essential work of a request (servers/common.ts, bench/sql.ts). The POST body is validated with the
 * API's JSON schema by Fastify's own validator (first error only).
 *
 * Started with the argument `merging` it is bare-merging: reads that arrive in the same tick share
 * one `= ANY($1)` statement, as Prisma batches concurrent findUnique calls (a DataLoader flushed on
 * process.nextTick). That is the practical limit for reads on this stack.
 */
import Fastify from 'fastify';
import { READ_BORGERBOOKING, READ_CV, READ_JOBAGENT, READ_TILMELDING, WRITE_BORGERBOOKING, WRITE_CV, WRITE_JOBAGENT, WRITE_TILMELDING } from '../../src/domain/access';
import { BookingInput, MoedetiderQuery } from '../../src/modules/borgerbooking/schemas';
import { TilmeldingInput } from '../../src/modules/tilmelding/schemas';
import { JobagentInput } from '../../src/modules/jobagent/schemas';
import { CvInput } from '../../src/modules/cv/schemas';
import { createBooking, createJobagent, getCv, selvbookingMoedetider, listJobagenter, listJobagenterMany, replaceCv, RuleAnswer, tilmeld, tilmeldingsstatus, tilmeldingsstatusMany, type JobagentBody } from '../sql';
import { authorize, claimRequestId, createPool, createRedis, HttpAnswer, problem, serveIpc, startOrDie, tokenVerifier, toJobagent } from './common';

const merging = process.argv.includes('merging');

type Waiter<R> = { resolve: (rows: R | undefined) => void; reject: (err: unknown) => void };

/** Collects the reads of one tick and sends them as one statement. */
function readMerger<R>(load: (cprs: string[]) => Promise<Map<string, R>>) {
  let pending = new Map<string, Waiter<R>[]>();
  const flush = () => {
    const batch = pending;
    pending = new Map();
    load([...batch.keys()]).then(
      (byCpr) => {
        for (const [cpr, waiters] of batch) for (const w of waiters) w.resolve(byCpr.get(cpr));
      },
      (err) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
      },
    );
  };
  return (cpr: string) =>
    new Promise<R | undefined>((resolve, reject) => {
      if (pending.size === 0) process.nextTick(flush);
      const waiters = pending.get(cpr);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(cpr, [{ resolve, reject }]);
    });
}

startOrDie(async () => {
  const pool = createPool();
  const redis = createRedis();
  await redis.connect();
  const verify = tokenVerifier();
  const status = merging
    ? readMerger((cprs) => tilmeldingsstatusMany(pool, cprs))
    : (cpr: string) => tilmeldingsstatus(pool, cpr).catch((err) => (err instanceof RuleAnswer ? undefined : Promise.reject(err)));
  const list = merging ? readMerger((cprs) => listJobagenterMany(pool, cprs)) : (cpr: string) => listJobagenter(pool, cpr);

  const app = Fastify({
    bodyLimit: 262_144,
    ajv: { customOptions: { removeAdditional: false, keywords: ['x-fejlkode'] } },
  });
  app.setErrorHandler((err, _request, reply) => {
    if (err instanceof HttpAnswer || err instanceof RuleAnswer) return reply.code(err.status).send(problem(err.status, err.fejlkode));
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send(problem(status));
  });

  app.get('/v1/Jobagent', async (request) => {
    const caller = authorize(verify, request.headers, READ_JOBAGENT);
    await claimRequestId(redis, caller);
    const rows = await list(caller.cpr);
    if (!rows) throw new HttpAnswer(404, 1010);
    return { jobagenter: rows.map(toJobagent) };
  });

  app.post('/v1/Jobagent', { schema: { body: JobagentInput } }, async (request, reply) => {
    const caller = authorize(verify, request.headers, WRITE_JOBAGENT);
    await claimRequestId(redis, caller);
    const row = await createJobagent(pool, caller.cpr, request.body as JobagentBody);
    return reply.code(201).header('location', `/v1/Jobagent/${row.id}`).send(toJobagent(row));
  });

  app.post('/v1/Tilmelding', { schema: { body: TilmeldingInput } }, async (request, reply) => {
    const caller = authorize(verify, request.headers, WRITE_TILMELDING);
    await claimRequestId(redis, caller);
    const svar = await tilmeld(pool, caller.cpr, caller.subject, request.body as TilmeldingInput);
    return reply.code(201).header('location', '/v1/Tilmelding/Status').send(svar);
  });

  app.get('/v1/Tilmelding/Status', async (request) => {
    const caller = authorize(verify, request.headers, READ_TILMELDING);
    await claimRequestId(redis, caller);
    const svar = await status(caller.cpr);
    if (!svar) throw new HttpAnswer(404, 1010);
    return svar;
  });

  app.get('/v1/CV', async (request) => {
    const caller = authorize(verify, request.headers, READ_CV);
    await claimRequestId(redis, caller);
    return getCv(pool, caller.cpr);
  });

  app.put('/v1/CV', { schema: { body: CvInput } }, async (request) => {
    const caller = authorize(verify, request.headers, WRITE_CV);
    await claimRequestId(redis, caller);
    return replaceCv(pool, caller.cpr, request.body as CvInput);
  });

  app.get('/v1/Borgerbooking/Moedetilbud/:moedetilbudId/Moedetider', { schema: { querystring: MoedetiderQuery } }, async (request) => {
    const caller = authorize(verify, request.headers, READ_BORGERBOOKING);
    await claimRequestId(redis, caller);
    const q = request.query as { startMoedetidsinterval: string; slutMoedetidsinterval: string };
    return selvbookingMoedetider(pool, caller.cpr, (request.params as { moedetilbudId: string }).moedetilbudId.toLowerCase(), q.startMoedetidsinterval, q.slutMoedetidsinterval);
  });

  app.post('/v1/Borgerbooking/Moedetilbud/:moedetilbudId/Booking', { schema: { body: BookingInput } }, async (request, reply) => {
    const caller = authorize(verify, request.headers, WRITE_BORGERBOOKING);
    await claimRequestId(redis, caller);
    const id = await createBooking(pool, caller.cpr, (request.params as { moedetilbudId: string }).moedetilbudId.toLowerCase(), request.body as BookingInput);
    return reply.code(201).header('location', '/v1/Borgerbooking/Indkaldelser').send({ indkaldelseId: id });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  serveIpc(typeof address === 'object' && address ? address.port : 0, async () => {
    await app.close();
    await pool.end();
    redis.disconnect();
  });
});
