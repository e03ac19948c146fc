/**
 * CPR numbers never reach the logs (design §6) in the Borgerbooking area, the planning API, SearchCVText
 * and the CV change feeds: real requests through the whole app, at LOG_LEVEL=debug, with a log capture.
 * Besides the CPRs themselves, no line may carry the scrubber's marker "[cpr]": the scrubber in
 * src/logging.ts is the last line of defence, and these areas must not lean on it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../src/domain/clock';
import { buildTestApp, tokenFor } from '../helpers/app';
import { LineCollector, settle } from '../helpers/log-capture';
import { callV1, type Method } from '../helpers/api';
import { opretFrist, opretIndkaldelse, opretMoedetilbud } from '../borgerbooking/helpers';
import { createCvCitizen } from '../cv/helpers';

const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const clock: Clock = { now: () => new Date(NOW) };
const tid = (hhmm: string, dag = '2026-12-03') => `${dag}T${hhmm}:00.000+01:00`;
const BB = '/v1/Borgerbooking';
/** Ten digits standing alone (a CPR with or without its hyphen), as the scrubber would look for them. */
const TEN_DIGITS = /(?<![\d.])\d{6}-?\d{4}(?![\d.])/;
/** Request ids are UUIDs: ten digits inside one (…-7b4130596314) are not a CPR. */
const UUID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi;
const cprLike = (line: string) => TEN_DIGITS.test(line.replace(UUID, '<uuid>')) || line.includes('[cpr]');

describe('no CPR in the logs: Borgerbooking, planning API, SearchCVText, CV feeds', () => {
  const logs = new LineCollector();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ clock, env: { LOG_LEVEL: 'debug' }, logStream: logs });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs neither the CPRs nor anything the scrubber had to remove, whatever the request', async () => {
    const a = await createCvCitizen();
    const b = await createCvCitizen({ kommunekode: '101' });
    const t = await opretMoedetilbud({ kommunekode: '751', moedetider: [{ start: tid('09:00') }, { start: tid('10:00'), pladser: 2 }, { start: tid('11:00') }] });
    await opretFrist(a.cpr, { fristdato: '2026-12-05', sidsteAfholdelsesdato: '2026-12-10' });
    const andensIndkaldelse = await opretIndkaldelse(b.cpr, { start: tid('13:00'), samtaleType: 2, sagsbehandlerId: t.sagsbehandlere[0]!.id });
    const A = tokenFor({ cpr: a.cpr });
    const SYS = tokenFor({ role: 'system' });
    const JC = tokenFor({ role: 'jobcenter', org: '751' });
    const AA = tokenFor({ role: 'anden-aktoer', org: 'AA-42' });
    const res: LightMyRequestResponse[] = [];
    const citizenAnswers: string[] = [];
    const call = async (method: Method, url: string, cpr: string, token: string, body?: unknown) => {
      const r = await callV1(app, method, url, cpr, { token, body });
      res.push(r);
      // (The problem body's `instance` is the path the caller sent: leave out the calls with B's CPR in it.)
      if (token === A && !url.includes(b.cpr)) citizenAnswers.push(`${r.statusCode} ${r.body}`);
      return r;
    };

    // The citizen side, happy path and errors (other citizen's meeting, twice deleted, bad bodies with a CPR in them).
    await call('GET', `${BB}/Borgerstatus`, a.cpr, A);
    await call('GET', `${BB}/Moedetilbud`, a.cpr, A);
    await call('GET', `${BB}/Moedetilbud/${t.moedetilbudId}/Moedetider?startMoedetidsinterval=2026-12-02T00:00:00Z&slutMoedetidsinterval=2026-12-05T00:00:00Z`, a.cpr, A);
    const hold = await call('POST', `${BB}/Moedetilbud/${t.moedetilbudId}/action/reserver`, a.cpr, A, { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1 });
    const booking = await call('POST', `${BB}/Moedetilbud/${t.moedetilbudId}/Booking`, a.cpr, A, {
      moedeStarttidspunkt: tid('10:00'),
      samtaleformType: 1,
      reservationId: hold.json().reservationId,
    });
    expect(booking.statusCode).toBe(201);
    const ind = booking.json().indkaldelseId as string;
    await call('GET', `${BB}/Indkaldelser`, a.cpr, A);
    await call('POST', `${BB}/Indkaldelser/${ind}/Ombooking`, a.cpr, A, { moedeStarttidspunkt: tid('11:00') });
    await call('POST', `${BB}/Indkaldelser/${andensIndkaldelse}/action/accepter`, a.cpr, A);
    await call('DELETE', `${BB}/Indkaldelser/${andensIndkaldelse}`, a.cpr, A);
    await call('DELETE', `${BB}/Indkaldelser/${ind}`, a.cpr, A);
    await call('DELETE', `${BB}/Indkaldelser/${ind}`, a.cpr, A);
    await call('POST', `${BB}/Moedetilbud/${t.moedetilbudId}/Booking`, a.cpr, A, { moedeStarttidspunkt: b.cpr, samtaleformType: 1, sagsbehandlerEksterntId: b.cpr });
    await call('POST', `${BB}/Fejlmeldinger`, a.cpr, A, { fejlkode: 1001, fejltekst: `borgeren ${b.cpr} kan ikke booke`, fejlOphav: 31, fejlTidspunkt: tid('08:00', '2026-12-01') });
    await call('POST', `${BB}/TilmeldOgBook`, a.cpr, A, { cpr: b.cpr });
    // A citizen token for another CPR; a CPR in the path and the query.
    await call('GET', `${BB}/Indkaldelser?cpr=${b.cpr}`, b.cpr, A);
    await call('GET', `${BB}/Indkaldelser/${b.cpr}/Ombooking/Sagsbehandlere`, a.cpr, A);
    // The planning API.
    await call('GET', `${BB}/Planlaegning/Frister`, a.cpr, SYS);
    await call('PUT', `${BB}/Planlaegning/Frister/2`, a.cpr, JC, { friststatusType: 1, fristdato: '2026-12-04', sidsteAfholdelsesdato: '2026-12-09' });
    await call('GET', `${BB}/Planlaegning/Moedetilbud/${t.moedetilbudId}/Bookinger?alle=true`, '0000000000', JC);
    await call('GET', `${BB}/Planlaegning/Fejlmeldinger`, '0000000000', SYS);
    await call('GET', `${BB}/Planlaegning/Moedetilbud`, a.cpr, A);
    // SearchCVText, with a CPR as the search text, and the feeds.
    for (const tok of [JC, AA, SYS]) await call('POST', '/v1/CV/action/soeg', '0000000000', tok, { soegetekst: `${a.cpr} ${b.cpr}` });
    await call('POST', '/v1/CV/action/soeg', '0000000000', JC, { soegetekst: 'pædagog', naerPostnummer: b.cpr });
    await call('GET', '/v1/CV/Haendelser', a.cpr, JC);
    await call('GET', '/v1/CV/Haendelser', b.cpr, JC);
    await call('GET', `/v1/CV/Haendelser?efter=${Buffer.from(`v1.${a.cpr}.${b.cpr}`).toString('base64url')}`, '0000000000', SYS);
    await call('GET', `/v1/CV/OpdateredeCVer?fra=2026-11-01T00:00:00Z&til=2026-12-02T00:00:00Z&jobcenter=751`, '0000000000', JC);
    await call('GET', `/v1/CV/Aendringsliste?fra=2026-11-01T00:00:00Z&til=${a.cpr}`, '0000000000', SYS);
    await settle();

    // Every request was answered, none with a 500, and the capture saw them.
    for (const r of res) expect(r.statusCode).toBeLessThan(500);
    // Citizen A's answers (8107 for B's meeting, 4575 for B's CPR, ...) never carry B's data: nor the
    // CPR, nor the meeting's start.
    expect(citizenAnswers.filter((x) => x.includes(b.cpr) || x.includes('12:00:00.000Z'))).toEqual([]);
    expect(logs.lines.length).toBeGreaterThanOrEqual(res.length);
    for (const cpr of [a.cpr, b.cpr]) {
      expect(logs.text).not.toContain(cpr);
      expect(logs.text).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    }
    const lines = logs.lines.filter(cprLike);
    expect(lines).toEqual([]);
  });

  it('an unexpected error in the new areas is logged without the CPR (request id stays)', async () => {
    const requestId = randomUUID();
    const a = await createCvCitizen();
    logs.lines.length = 0;
    // A hold id that is a GUID but not the citizen's: refused, nothing about the owner leaks into the log.
    const r = await callV1(app, 'POST', `${BB}/Moedetilbud/${randomUUID()}/Booking`, a.cpr, {
      token: tokenFor({ cpr: a.cpr }),
      body: { moedeStarttidspunkt: tid('10:00'), samtaleformType: 1, reservationId: randomUUID() },
      requestId,
    });
    expect(r.statusCode).toBe(404);
    await settle();
    expect(logs.text).toContain(requestId);
    expect(logs.text).not.toContain(a.cpr);
    expect(logs.lines.filter(cprLike)).toEqual([]);
  });
});
