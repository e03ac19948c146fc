/**
 * TilmeldOgBook (replaces StraksbookOgTilmeld): enroll and book in one database transaction.
 * Today is 2026-11-29 (Copenhagen); the slots are on 2026-12-03. The enrollment rules are
 * Tilmelding's (src/modules/tilmelding/regler.ts) with 4338's 10-day window; each code is provoked
 * here through TilmeldOgBook, and the all-or-nothing property is shown with a booking that fails
 * after the enrollment rules passed (and after the enrollment statement ran in the transaction).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { randomCpr, testPrisma } from '../helpers/db';
import { callV1, expectProblem, fejlkoder } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { citizen, koder, randomCvNummer } from '../tilmelding/helpers';
import { opretFrist, opretMoedetilbud } from './helpers';

type Json = Record<string, unknown>;
const DAG = '2026-11-29';
const tid = (hhmm: string) => `2026-12-03T${hhmm}:00.000+01:00`;
let app: FastifyInstance;
let K: Awaited<ReturnType<typeof koder>>;
let T: Awaited<ReturnType<typeof opretMoedetilbud>>;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
  K = await koder();
  T = await opretMoedetilbud({ moedetider: Array.from({ length: 8 }, (_, n) => ({ start: tid(`${String(9 + n).padStart(2, '0')}:00`), pladser: 50 })) });
});
afterAll(async () => {
  await app?.close();
});

const body = (over: Json = {}): Json => ({
  klientKategori: K.udenYdelse,
  tilmeldingsdato: DAG,
  ledighedsgrad: K.fuldtLedig,
  moedetilbudId: T.moedetilbudId,
  moedeStarttidspunkt: tid('09:00'),
  samtaleformType: 1,
  ...over,
});
const tob = (cpr: string, b: Json, token = tokenFor({ cpr })): Promise<LightMyRequestResponse> =>
  callV1(app, 'POST', '/v1/Borgerbooking/TilmeldOgBook', cpr, { token, body: b });
const stored = async (cpr: string) => ({
  tilmeldinger: await testPrisma().tilmelding.count({ where: { cpr } }),
  haendelser: await testPrisma().tilmeldingHaendelse.count({ where: { tilmelding: { cpr } } }),
  joboensker: await testPrisma().joboenske.count({ where: { cpr } }),
  indkaldelser: await testPrisma().indkaldelse.count({ where: { cpr } }),
});
const job = () => ({ conceptUriDa: K.stilling, harUddannelse: false });

describe('TilmeldOgBook', () => {
  test('enrolls and books in one call: 201, Location, both stored; up to 10 days back without a CV number (4338)', async () => {
    const { cpr } = await citizen(DAG);
    const res = await tob(cpr, body({ tilmeldingsdato: '2026-11-19', joboensker: [job()] }));
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/v1/Borgerbooking/Indkaldelser');
    expect(res.json()).toMatchObject({ ingenSelvaktiveringskodeNoedvendig: true, indkaldelseId: expect.any(String), tilmeldingId: expect.any(String) });
    expect(await stored(cpr)).toEqual({ tilmeldinger: 1, haendelser: 1, joboensker: 1, indkaldelser: 1 });
    const ind = await testPrisma().indkaldelse.findUniqueOrThrow({ where: { id: res.json().indkaldelseId } });
    expect(ind).toMatchObject({ cpr, oprindelse: 'Selvbooket', moedetidId: T.moedetidIder[0] });
  });

  test('all or nothing: the booking fails after the enrollment rules passed (slot full: 4819): no enrollment, no job wishes, no history', async () => {
    const fuld = await opretMoedetilbud({ moedetider: [{ start: tid('09:00'), pladser: 1 }] });
    const { cpr: foerste } = await citizen(DAG);
    expect((await tob(foerste, body({ moedetilbudId: fuld.moedetilbudId }))).statusCode).toBe(201);
    const { cpr } = await citizen(DAG);
    const res = await tob(cpr, body({ moedetilbudId: fuld.moedetilbudId, joboensker: [job()] }));
    expectProblem(res, 409, 4819);
    expect(await stored(cpr)).toEqual({ tilmeldinger: 0, haendelser: 0, joboensker: 0, indkaldelser: 0 });
    // And the other way: an enrollment that loses (4316) takes no seat.
    const { cpr: c2 } = await citizen(DAG);
    expect((await tob(c2, body({ moedeStarttidspunkt: tid('10:00') }))).statusCode).toBe(201);
    const foer = (await testPrisma().moedetid.findUniqueOrThrow({ where: { id: T.moedetidIder[2] } })).optagnePladser;
    expectProblem(await tob(c2, body({ moedeStarttidspunkt: tid('11:00') })), 409, 4316);
    expect((await testPrisma().moedetid.findUniqueOrThrow({ where: { id: T.moedetidIder[2] } })).optagnePladser).toBe(foer);
  });

  test('enrollment rules: 4313, 4314, 6052, 4318, 8282, 9439, 4698, 4710, 8281, 9158, 7062', async () => {
    const { cpr } = await citizen(DAG);
    const res = await tob(cpr, body({ klientKategori: K.ukendt, ledighedsgrad: K.ukendt }));
    expectProblem(res, 400, 4313);
    expect(fejlkoder(res)).toEqual([4313, 4314]);
    expectProblem(await tob(cpr, body({ klientKategori: K.intern })), 403, 6052);
    const w = (over: Json) => ({ ...job(), ...over });
    const r2 = await tob(cpr, body({ joboensker: [w({ conceptUriDa: 'http://data.star.dk/esco/occupation/findes-ikke' }), w({ conceptUriDa: K.udloebet }), w({}), w({ aarSidstBrugt: -1 }), w({})] }));
    expect(fejlkoder(r2)).toEqual(expect.arrayContaining([4318, 8282, 9439, 4698]));
    expectProblem(await tob(cpr, body({ joboensker: [w({ aarSidstBrugt: 1850 })] })), 400, 4710);
    expectProblem(await tob(cpr, body({ joboensker: [w({ aliasIdentifier: randomUUID() })] })), 404, 8281);
    expectProblem(await tob(cpr, body({ emailadresse: 'ikke-en-mail' })), 400, 9158);
    expectProblem(await tob(cpr, body({ klientKategori: K.kraeverStilling, joboensker: [] })), 400, 7062);
    expect(await stored(cpr)).toEqual({ tilmeldinger: 0, haendelser: 0, joboensker: 0, indkaldelser: 0 });
  });

  test('the date and the citizen: 4338, 4786, 4400, 4102, 4405, 4316, 4720, 4725, 4750, 4645, 1010', async () => {
    const { cpr, cvNummer } = await citizen(DAG);
    expectProblem(await tob(cpr, body({ tilmeldingsdato: '2026-11-18' })), 422, 4338);
    expectProblem(await tob(cpr, body({ tilmeldingsdato: '2026-11-30' })), 422, 4338);
    expectProblem(await tob((await citizen(DAG, { cvNummer: null })).cpr, body({ cvNummer: randomCvNummer() })), 422, 4786);
    expectProblem(await tob(cpr, body({ cvNummer: randomCvNummer() })), 404, 4400);
    expectProblem(await tob((await citizen(DAG)).cpr, body({ cvNummer })), 404, 4102);
    expectProblem(await tob((await citizen(DAG, { doed: '2026-01-01' })).cpr, body()), 422, 4405);
    const enrolled = await citizen(DAG);
    expect((await tob(enrolled.cpr, body({ moedeStarttidspunkt: tid('12:00') }))).statusCode).toBe(201);
    expectProblem(await tob(enrolled.cpr, body({ moedeStarttidspunkt: tid('13:00') })), 409, 4316);
    expectProblem(await tob((await citizen(DAG, { udlandet: true })).cpr, body()), 422, 4720);
    expectProblem(await tob((await citizen(DAG, { midlertidigAdresse: true })).cpr, body()), 422, 4725);
    expectProblem(await tob((await citizen(DAG, { fravaer: 'Sygdom' })).cpr, body()), 422, 4750);
    expectProblem(await tob((await citizen(DAG, { fravaer: 'Ferie' })).cpr, body({ klientKategori: K.kontanthjaelp, joboensker: [job()] })), 409, 4645);
    expectProblem(await tob(randomCpr(), body()), 404, 1010);
  });

  test('category: 4641, 4339, 6014, 6033, 4763, 4385, 4417, 4321', async () => {
    expectProblem(await tob((await citizen(DAG)).cpr, body({ klientKategori: K.kanIkke })), 422, 4641);
    expectProblem(await tob((await citizen(DAG)).cpr, body({ klientKategori: K.dagpenge, ledighedsgrad: K.ikkeLedig, joboensker: [job()] })), 422, 4339);
    expect(fejlkoder(await tob((await citizen(DAG)).cpr, body({ klientKategori: K.kombi, ledighedsgrad: K.kombiGrad, joboensker: [job()] })))).toContain(6014);
    expect(fejlkoder(await tob((await citizen(DAG, { born: '1970-03-03' })).cpr, body({ klientKategori: K.ung, joboensker: [job()] })))).toContain(6033);
    expectProblem(await tob((await citizen(DAG, { born: '1961-11-29' })).cpr, body({ klientKategori: K.dagpenge, joboensker: [job()] })), 422, 4763);
    const dp = { klientKategori: K.dagpenge, joboensker: [job()] };
    expectProblem(await tob((await citizen(DAG, { akasse: null })).cpr, body(dp)), 422, 4385);
    expectProblem(await tob((await citizen(DAG, { akasse: { forsikringskategori: 1, tilDato: '2026-06-30' } })).cpr, body(dp)), 422, 4417);
    expectProblem(await tob((await citizen(DAG, { akasse: { forsikringskategori: K.ugyldigForsikring } })).cpr, body(dp)), 400, 4321);
  });

  test('booking rules: 4708, 8108, 4812, 9121, 4783, 8109, 8288, 4822, 9003, 8273, 9220; nothing enrolled', async () => {
    const { cpr } = await citizen(DAG);
    expectProblem(await tob(cpr, body({ samtaleformType: 99 })), 400, 4708);
    expectProblem(await tob(cpr, body({ moedetilbudId: randomUUID() })), 404, 8108);
    expectProblem(await tob(cpr, body({ moedetilbudId: (await opretMoedetilbud({ selvbookingTilladt: false })).moedetilbudId })), 422, 4812);
    const rehab = await opretMoedetilbud({ samtaleType: 17, moedetider: [{ start: tid('09:00') }] });
    const dagpenge = await citizen(DAG);
    await testPrisma().borger.update({ where: { cpr: dagpenge.cpr }, data: { kontaktgruppe: 1 } });
    expectProblem(await tob(dagpenge.cpr, body({ moedetilbudId: rehab.moedetilbudId })), 422, 9121);
    expectProblem(await tob(cpr, body({ moedeStarttidspunkt: '2026-11-28T09:00:00.000+01:00' })), 422, 4783);
    const kort = await opretMoedetilbud({ sidsteMoedetid: tid('09:00'), moedetider: [{ start: tid('09:00') }, { start: tid('10:00') }] });
    expectProblem(await tob(cpr, body({ moedetilbudId: kort.moedetilbudId, moedeStarttidspunkt: tid('10:00') })), 422, 8109);
    await opretFrist(cpr, { fristdato: '2026-11-30', sidsteAfholdelsesdato: '2026-12-01' });
    expectProblem(await tob(cpr, body()), 422, 8288);
    await testPrisma().bookingFrist.deleteMany({ where: { cpr } });
    expectProblem(await tob(cpr, body({ sagsbehandlerEksterntId: `ukendt-${randomUUID()}` })), 404, 4822);
    expectProblem(await tob(cpr, body({ sagsbehandlerEksterntId: kort.sagsbehandlere[0].eksterntId })), 422, 9003);
    expect(await stored(cpr)).toEqual({ tilmeldinger: 0, haendelser: 0, joboensker: 0, indkaldelser: 0 });
    // Already a booking of the type (summoned or booked before): 8273 (Jobsamtale), 9220 (Opfoelgningssamtale).
    const medJob = await citizen(DAG);
    const opf = await opretMoedetilbud({ samtaleType: 2, moedetider: [{ start: tid('09:00'), pladser: 5 }, { start: tid('10:00'), pladser: 5 }] });
    expect((await callV1(app, 'POST', `/v1/Borgerbooking/Moedetilbud/${T.moedetilbudId}/Booking`, medJob.cpr, { body: { moedeStarttidspunkt: tid('14:00'), samtaleformType: 1 } })).statusCode).toBe(201);
    expectProblem(await tob(medJob.cpr, body()), 409, 8273);
    const medOpf = await citizen(DAG);
    expect((await callV1(app, 'POST', `/v1/Borgerbooking/Moedetilbud/${opf.moedetilbudId}/Booking`, medOpf.cpr, { body: { moedeStarttidspunkt: tid('09:00'), samtaleformType: 1 } })).statusCode).toBe(201);
    expectProblem(await tob(medOpf.cpr, body({ moedetilbudId: opf.moedetilbudId, moedeStarttidspunkt: tid('10:00') })), 409, 9220);
    expect((await stored(medOpf.cpr)).tilmeldinger).toBe(0);
  });

  test('needs the Tilmelding write scope too (1013)', async () => {
    const { cpr } = await citizen(DAG);
    expectProblem(await tob(cpr, body(), tokenFor({ cpr, scope: 'borgerbooking.write' })), 403, 1013);
  });
});
