/**
 * SearchCVText's facet sample (docs/cv-search.md, "Facets"): above SOEG_GRAENSER.facetStikproeve rows to count,
 * the facets are counted on a sample of the CVs (chosen by a hash of the CPR) and scaled, and the answer says so
 * (grupperAnslaaet). The HTTP searches of the small sets stay exact; here the search service runs on the test
 * database with a threshold of 8, so a set of 30 CVs takes the sampled path.
 *
 * Other test files create CVs in the same database at the same time, so the set carries its own made-up word.
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import type { CvInput } from '../../src/modules/cv/schemas';
import { CvSoegService } from '../../src/modules/cv/soegning/service';
import type { Principal } from '../../src/domain/access';
import { BASE, call, createCvCitizen, token } from './helpers';

let app: FastifyInstance;
const ord = `kvzstik${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 8)}`;
const N = 30;

beforeAll(async () => {
  app = await buildTestApp();
  for (let i = 0; i < N; i++) {
    const c = await createCvCitizen();
    const input = JSON.parse(JSON.stringify(demoCvInput('anna'))) as CvInput;
    input.cv.fagligProfil = { htmlTekst: `<p>Stabil og mødestabil. ${ord}</p>` };
    input.cv.koerekort = [{ kode: 'B' }, ...(i % 3 === 0 ? [{ kode: 'C1' as const }] : [])];
    input.cv.sprogkundskaber = [{ kode: 'da', niveau: 'Expert' }, ...(i % 2 === 0 ? [{ kode: 'en', niveau: 'Proficient' as const }] : [])];
    const res = await call(app, 'PUT', BASE, c.cpr, { body: input });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await app?.close();
});

const principal: Principal = { subject: 'stikproeve-test', role: 'system', scopes: new Set() };
const antal = (liste: { navn: string; antal: number }[], navn: string) => liste.find((x) => x.navn === navn)?.antal;

describe('facet counts above the sample threshold', () => {
  it('are exact over HTTP for a small set, and say so', async () => {
    const res = await call(app, 'POST', `${BASE}/action/soeg`, '0000000000', { body: { soegetekst: ord, antalGrupper: 50 }, token: token('jobcenter') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.antalResultater).toBe(N);
    expect(body.grupperAnslaaet).toBe(false);
    expect(antal(body.grupper.koerekort, 'B')).toBe(N);
    expect(antal(body.grupper.koerekort, 'C1')).toBe(N / 3);
    expect(antal(body.grupper.sprog, 'en')).toBe(N / 2);
  });

  it('are estimated from a sample above the threshold: flagged, the total exact, a value every CV has exact', async () => {
    const svc = new CvSoegService(app.clock, app.pg, { facetStikproeve: 8 });
    const { svar } = await svc.soeg(principal, { soegetekst: ord, antalGrupper: 50 });
    expect(svar.antalResultater).toBe(N);
    expect(svar.grupperAnslaaet).toBe(true);
    // Scaled by all rows / sampled rows: a value on every CV comes out exact; others are estimates within the set.
    expect(antal(svar.grupper.koerekort, 'B')).toBe(N);
    expect(antal(svar.grupper.sprog, 'da')).toBe(N);
    for (const g of Object.values(svar.grupper)) {
      for (const x of g) {
        expect(Number.isInteger(x.antal)).toBe(true);
        expect(x.antal).toBeGreaterThan(0);
        expect(x.antal).toBeLessThanOrEqual(N);
      }
    }
    // The sample is a hash of the CPR: the same search counts the same CVs again.
    const igen = await svc.soeg(principal, { soegetekst: ord, antalGrupper: 50 });
    expect(igen.svar.grupper).toEqual(svar.grupper);
    // Later pages keep the first page's facets and flag.
    const side2 = await svc.soeg(principal, { soegeId: svar.soegeId, sidenummer: 2, resultaterPrSide: 10 });
    expect(side2.svar.grupperAnslaaet).toBe(true);
    expect(side2.svar.grupper).toEqual(svar.grupper);
  });

  it('count exactly at or below the threshold', async () => {
    const svc = new CvSoegService(app.clock, app.pg, { facetStikproeve: N });
    const { svar } = await svc.soeg(principal, { soegetekst: ord, antalGrupper: 50 });
    expect(svar.grupperAnslaaet).toBe(false);
    expect(antal(svar.grupper.sprog, 'en')).toBe(N / 2);
    expect(antal(svar.grupper.koerekort, 'C1')).toBe(N / 3);
  });
});
