/**
 * The Express peer: how a typical team would write the same two operations with Express 5,
 * pg, ioredis and ajv. Same essential work as bare (servers/common.ts, bench/sql.ts); the POST body
 * is parsed by express.json() and validated by ajv with the API's JSON schema. ETags are off
 * (the service sends none) and so is x-powered-by.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { READ_BORGERBOOKING, READ_CV, READ_JOBAGENT, READ_TILMELDING, WRITE_BORGERBOOKING, WRITE_CV, WRITE_JOBAGENT, WRITE_TILMELDING } from '../../src/domain/access';
import { BookingInput, MoedetiderQuery } from '../../src/modules/borgerbooking/schemas';
import { TilmeldingInput } from '../../src/modules/tilmelding/schemas';
import { JobagentInput } from '../../src/modules/jobagent/schemas';
import { CvInput } from '../../src/modules/cv/schemas';
import { createBooking, createJobagent, getCv, selvbookingMoedetider, listJobagenter, replaceCv, RuleAnswer, tilmeld, tilmeldingsstatus, type JobagentBody } from '../sql';
import { authorize, claimRequestId, createPool, createRedis, HttpAnswer, problem, serveIpc, startOrDie, tokenVerifier, toJobagent } from './common';

startOrDie(async () => {
  const pool = createPool();
  const redis = createRedis();
  await redis.connect();
  const verify = tokenVerifier();
  const ajv = new Ajv({ keywords: ['x-fejlkode'] });
  addFormats(ajv); // the service validates `format: date` as a real calendar date too
  const validateInput = ajv.compile<JobagentBody>(JobagentInput);
  const validateTilmelding = ajv.compile<TilmeldingInput>(TilmeldingInput);
  const validateCv = ajv.compile<CvInput>(CvInput);
  const validateBooking = ajv.compile<BookingInput>(BookingInput);
  const validateMoedetiderQuery = ajv.compile<{ startMoedetidsinterval: string; slutMoedetidsinterval: string }>(MoedetiderQuery);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '256kb' }));

  app.get('/v1/Jobagent', async (req, res) => {
    const caller = authorize(verify, req.headers, READ_JOBAGENT);
    await claimRequestId(redis, caller);
    const rows = await listJobagenter(pool, caller.cpr);
    if (!rows) throw new HttpAnswer(404, 1010);
    res.json({ jobagenter: rows.map(toJobagent) });
  });

  app.post('/v1/Jobagent', async (req, res) => {
    const caller = authorize(verify, req.headers, WRITE_JOBAGENT);
    await claimRequestId(redis, caller);
    if (!validateInput(req.body)) throw new HttpAnswer(400, 1014);
    const row = await createJobagent(pool, caller.cpr, req.body);
    res.status(201).location(`/v1/Jobagent/${row.id}`).json(toJobagent(row));
  });

  app.post('/v1/Tilmelding', async (req, res) => {
    const caller = authorize(verify, req.headers, WRITE_TILMELDING);
    await claimRequestId(redis, caller);
    if (!validateTilmelding(req.body)) throw new HttpAnswer(400, 1014);
    const svar = await tilmeld(pool, caller.cpr, caller.subject, req.body);
    res.status(201).location('/v1/Tilmelding/Status').json(svar);
  });

  app.get('/v1/Tilmelding/Status', async (req, res) => {
    const caller = authorize(verify, req.headers, READ_TILMELDING);
    await claimRequestId(redis, caller);
    res.json(await tilmeldingsstatus(pool, caller.cpr));
  });

  app.get('/v1/CV', async (req, res) => {
    const caller = authorize(verify, req.headers, READ_CV);
    await claimRequestId(redis, caller);
    res.json(await getCv(pool, caller.cpr));
  });

  app.put('/v1/CV', async (req, res) => {
    const caller = authorize(verify, req.headers, WRITE_CV);
    await claimRequestId(redis, caller);
    if (!validateCv(req.body)) throw new HttpAnswer(400, 1014);
    res.json(await replaceCv(pool, caller.cpr, req.body));
  });

  app.get('/v1/Borgerbooking/Moedetilbud/:moedetilbudId/Moedetider', async (req, res) => {
    const caller = authorize(verify, req.headers, READ_BORGERBOOKING);
    await claimRequestId(redis, caller);
    if (!validateMoedetiderQuery(req.query)) throw new HttpAnswer(400, 1014);
    res.json(await selvbookingMoedetider(pool, caller.cpr, String(req.params.moedetilbudId).toLowerCase(), req.query.startMoedetidsinterval, req.query.slutMoedetidsinterval));
  });

  app.post('/v1/Borgerbooking/Moedetilbud/:moedetilbudId/Booking', async (req, res) => {
    const caller = authorize(verify, req.headers, WRITE_BORGERBOOKING);
    await claimRequestId(redis, caller);
    if (!validateBooking(req.body)) throw new HttpAnswer(400, 1014);
    const id = await createBooking(pool, caller.cpr, String(req.params.moedetilbudId).toLowerCase(), req.body);
    res.status(201).location('/v1/Borgerbooking/Indkaldelser').json({ indkaldelseId: id });
  });

  // Express 5 passes rejected promises of async handlers here.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpAnswer || err instanceof RuleAnswer ? err.status : ((err as { status?: number }).status ?? 500);
    res.status(status).json(problem(status, (err as { fejlkode?: number }).fejlkode));
  });

  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  serveIpc(typeof address === 'object' && address ? address.port : 0, async () => {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
    redis.disconnect();
  });
});
