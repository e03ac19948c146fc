/**
 * Regression tests for defects test/integration/fuzz.test.ts found in the Tilmelding operations.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { fixedClock } from '../../src/domain/clock';
import { citizen, koder } from './helpers';

const DAG = '2026-11-29';
let app: FastifyInstance;
let K: Awaited<ReturnType<typeof koder>>;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
  K = await koder();
});
afterAll(async () => {
  await app?.close();
});

function post(url: string, cpr: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: v1Headers(cpr, tokenFor({ cpr })), payload: payload as object });
}

// The year 0000 passed the `date` format and PostgreSQL refused it: 500 (KanTilmelde reads the
// enrollments on that date before any rule). Now the schema refuses it: 400/1014 on the field.
describe('a date in the year 0000 (PostgreSQL has none)', () => {
  it.each([
    ['/v1/Tilmelding/action/kanTilmelde', '/tilmeldingsdato'],
    ['/v1/Tilmelding', '/tilmeldingsdato'],
  ])('POST %s: 400/1014 on %s', async (url, felt) => {
    const { cpr } = await citizen(DAG);
    const res = await post(url, cpr, { klientKategori: K.udenYdelse, ledighedsgrad: K.fuldtLedig, tilmeldingsdato: '0000-01-01' });
    expect({ status: res.statusCode, fejl: res.json().fejl }).toEqual({ status: 400, fejl: [expect.objectContaining({ fejlkode: 1014, felt })] });
  });

  it('POST /v1/Tilmelding/action/afmeld: 400/1014 on /afmeldingsdato', async () => {
    const { cpr } = await citizen(DAG);
    const res = await post('/v1/Tilmelding/action/afmeld', cpr, { afmeldingsdato: '0000-12-31', afmeldingsaarsag: K.aarsag30 });
    expect({ status: res.statusCode, fejl: res.json().fejl }).toEqual({ status: 400, fejl: [expect.objectContaining({ fejlkode: 1014, felt: '/afmeldingsdato' })] });
  });

  it('the first and last storable days are still dates: KanTilmelde answers 200 with the rules they break', async () => {
    const { cpr } = await citizen(DAG);
    for (const tilmeldingsdato of ['0001-01-01', '9999-12-31']) {
      const res = await post('/v1/Tilmelding/action/kanTilmelde', cpr, { klientKategori: K.udenYdelse, ledighedsgrad: K.fuldtLedig, tilmeldingsdato });
      expect({ status: res.statusCode, tilladt: res.json().tilladt }).toEqual({ status: 200, tilladt: false });
    }
  });
});
