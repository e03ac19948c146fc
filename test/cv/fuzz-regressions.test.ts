/**
 * Regression tests for defects test/integration/fuzz.test.ts found in the CV operations.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { fixedClock } from '../../src/domain/clock';
import { call, createCvCitizen, expectProblem, token } from './helpers';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
});
afterAll(async () => {
  await app?.close();
});

// The year 0000 passed the `date` format and PostgreSQL (which has no year 0) refused it on write:
// 500. Now the schema refuses it: 400/1014 on the field.
describe('an asylum transition date in the year 0000', () => {
  it.each(['POST', 'PUT'] as const)('%s /v1/CV/Asylovergang: 400/1014 on /overgangsdato', async (method) => {
    const { cpr } = await createCvCitizen({ ydelsesgruppe: 'Kontanthjaelp' });
    const body = { cvRedigeringSlutdato: '9999-12-31', overgangsdato: '0000-01-01', overgangskommune: '751', ...(method === 'PUT' ? { rettelseskommentar: 'Rettet' } : {}) };
    expectProblem(await call(app, method, '/v1/CV/Asylovergang', cpr, { token: token('jobcenter'), body }), 400, 1014, '/overgangsdato');
  });

  it('0001-01-01 and 9999-12-31 are still dates: the transition is created', async () => {
    const { cpr } = await createCvCitizen({ ydelsesgruppe: 'Kontanthjaelp' });
    const body = { cvRedigeringSlutdato: '9999-12-31', overgangsdato: '0001-01-01', overgangskommune: '751' };
    expect((await call(app, 'POST', '/v1/CV/Asylovergang', cpr, { token: token('jobcenter'), body })).statusCode).toBe(201);
  });
});
