/**
 * CV (CVService, CVWorkFlowService) over HTTP: app.inject against the real PostgreSQL and Redis.
 * Every rule and fejlkode the CV routes can produce is provoked here; the role matrix is in
 * cv-access.test.ts. Tests that change a CV work on fresh citizens (createCvCitizen).
 */
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { demoCvInput, largeCvInput } from '../../src/modules/cv/demo-data';
import type { CvInput } from '../../src/modules/cv/schemas';
import { BASE, call, createCvCitizen, expectProblem, token, type Setup } from './helpers';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});

afterAll(async () => {
  await app?.close();
});

const { anna, bo, dorthe, erik, gustav, ib, lise } = DEMO_CITIZENS;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const input = (): CvInput => clone(demoCvInput('anna'));

const replace = (cpr: string, body: unknown, tok?: string) => call(app, 'PUT', BASE, cpr, { body, ...(tok ? { token: tok } : {}) });
const getCv = (cpr: string, tok?: string) => call(app, 'GET', BASE, cpr, tok ? { token: tok } : {});
const getStatus = (cpr: string, tok?: string) => call(app, 'GET', `${BASE}/Status`, cpr, tok ? { token: tok } : {});
const setStatus = (cpr: string, body: unknown, tok = token('jobcenter')) => call(app, 'PUT', `${BASE}/Status`, cpr, { body, token: tok });
const versions = (cpr: string, query = '', tok?: string) => call(app, 'GET', `${BASE}/Versioner${query}`, cpr, tok ? { token: tok } : {});
const onStatus = (cpr: string, query: string, tok?: string) => call(app, 'GET', `${BASE}/Versioner/paaStatus${query}`, cpr, tok ? { token: tok } : {});
const availability = (cpr: string, soegbarhed: string) => call(app, 'PUT', `${BASE}/Soegbarhed`, cpr, { body: { soegbarhed } });
const byNumber = (body: unknown, tok = token('jobcenter')) => call(app, 'POST', `${BASE}/action/hentPaaCvNummer`, '0000000000', { body, token: tok });

/** A fresh citizen with a CV made by ReplaceCV. */
async function withCv(setup: Setup = {}, body: CvInput = input()) {
  const c = await createCvCitizen(setup);
  const res = await replace(c.cpr, body);
  expect(res.statusCode).toBe(200);
  return c;
}

const events = (cpr: string) =>
  testPrisma().cvHaendelse.findMany({ where: { cpr }, orderBy: { id: 'asc' }, select: { type: true, operation: true, element: true, noegle: true } });

describe('GetCV', () => {
  it('gives the demo citizen Anna her CV with Danish letters, status, municipality and the sanitised summary', async () => {
    const res = await getCv(anna.cpr);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kommune).toEqual({ kommunekode: '751', kommunenavn: 'Aarhus' });
    expect(body.cvStatus).toBe(3);
    expect(body.cvProfil.cvNummer).toBe('10000001');
    expect(body.cvProfil.personligeData).toMatchObject({
      fornavn: 'Anna',
      efternavn: 'Andersen',
      foedselsdato: '1990-01-01',
      koen: 'Female',
      postadresse: { adresselinje: 'Åboulevarden 12, 2. th.', postnummer: '8000' },
    });
    expect(body.cvProfil.jobmaal[0].stillingsbetegnelse).toBe('Pædagog');
    expect(body.cvProfil.cv.sprogkundskaber).toContainEqual({ kode: 'da', navn: 'Dansk', niveau: 'Expert' });
    expect(body.cvProfil.cv.koerekort).toEqual([{ kode: 'B', navn: 'Almindelig bil (B)' }]);
    expect(body.cvProfil.cv.fagligProfil.htmlTekst).toContain('<strong>pædagog</strong>');
    expect(body.cvProfil.cv.fagligProfil.tekst).toBe('Erfaren pædagog med fokus på:\n• sprogstimulering\n• udeliv og natur');
  });

  it('every demo citizen with an active CV has a full one', async () => {
    for (const key of ['anna', 'erik', 'frida', 'hanne', 'jens', 'karen', 'lise', 'mads'] as const) {
      const c = DEMO_CITIZENS[key];
      const res = await getCv(c.cpr);
      expect({ key, status: res.statusCode }).toEqual({ key, status: 200 });
      const profil = res.json().cvProfil;
      expect(profil.cvNummer).toBe(c.cvNummer);
      expect(profil.jobmaal.length).toBeGreaterThan(0);
      expect(profil.cv.sprogkundskaber.length).toBeGreaterThan(0);
      expect(JSON.stringify(profil)).toMatch(/[æøåÆØÅ]/);
    }
  });

  it('404/1010 for an unknown citizen, 404/4103 without a Jobnet account, 404/4755 without a CV', async () => {
    expectProblem(await getCv('0101011234'), 404, 1010);
    expectProblem(await getCv(bo.cpr), 404, 4103);
    const c = await createCvCitizen();
    expectProblem(await getCv(c.cpr), 404, 4755);
  });

  it('409/4753 archived (Gustav), 409/4823 locked (Ib), 409/4754 disabled', async () => {
    expectProblem(await getCv(gustav.cpr), 409, 4753);
    expectProblem(await getCv(ib.cpr), 409, 4823);
    const c = await withCv();
    await testPrisma().cv.update({ where: { cpr: c.cpr }, data: { tilstand: 'Deaktiveret' } });
    expectProblem(await getCv(c.cpr), 409, 4754);
  });
});

describe('ReplaceCV', () => {
  it('creates the CV: receipt, one version with the search columns, a Create event per element, and GetCV shows it', async () => {
    const c = await createCvCitizen();
    const res = await replace(c.cpr, input());
    expect(res.statusCode).toBe(200);
    expect(res.json().serviceKvittering).toEqual({ haendelsestidspunkt: expect.any(String), beskedId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const got = (await getCv(c.cpr)).json();
    expect(got.cvStatus).toBe(1);
    expect(got.cvProfil.personligeData).toMatchObject({ fornavn: 'Søren', efternavn: 'Østergård' });
    expect(got.cvProfil.cv.tidligereErhvervserfaring[0].arbejdsgiver).toBe('Børnehuset Ærtebjerg');
    const [v] = await testPrisma().cvVersion.findMany({ where: { cpr: c.cpr } });
    expect(v).toMatchObject({
      aarsag: 'ReplaceCV',
      status: null,
      stillinger: expect.arrayContaining([4711, 4712]),
      uddannelsesniveauer: ['Bachelor'],
      sprog: ['da', 'en', 'de'],
      koerekort: ['B'],
      postnummer: '8000',
    });
    const ev = await events(c.cpr);
    expect(ev.every((e) => e.type === 'Element' && e.operation === 'Create')).toBe(true);
    expect(ev.map((e) => e.element)).toEqual(expect.arrayContaining(['Jobmaal', 'Uddannelse', 'Sprogkundskab', 'Koerekort', 'FagligProfil', 'Webside']));
  });

  it('replacing records Create, Update and Delete events for the changed elements only', async () => {
    const c = await withCv();
    const next = input();
    next.cv.sprogkundskaber = [{ kode: 'da', niveau: 'Expert' }, { kode: 'en', niveau: 'Expert' }, { kode: 'fr', niveau: 'Novice' }];
    next.cv.koerekort = [];
    await testPrisma().cvHaendelse.deleteMany({ where: { cpr: c.cpr } });
    expect((await replace(c.cpr, next)).statusCode).toBe(200);
    const ev = await events(c.cpr);
    expect(ev).toEqual(
      expect.arrayContaining([
        { type: 'Element', operation: 'Update', element: 'Sprogkundskab', noegle: 'en' },
        { type: 'Element', operation: 'Create', element: 'Sprogkundskab', noegle: 'fr' },
        { type: 'Element', operation: 'Delete', element: 'Sprogkundskab', noegle: 'de' },
        { type: 'Element', operation: 'Delete', element: 'Koerekort', noegle: 'B' },
      ]),
    );
    expect(ev).toHaveLength(4);
  });

  it('a realistic 20 KB CV round-trips', async () => {
    const big = largeCvInput();
    expect(JSON.stringify(big).length).toBeGreaterThan(19_000);
    const c = await withCv({}, big);
    const got = (await getCv(c.cpr)).json();
    expect(got.cvProfil.cv.tidligereErhvervserfaring).toHaveLength(12);
    expect(got.cvProfil.jobmaal).toEqual(big.jobmaal);
  });

  it('reduces the summary HTML to lists, italic, underline, bold, paragraphs and breaks (sanitize-html), and derives the plain text', async () => {
    const body = input();
    body.cv.fagligProfil = {
      htmlTekst:
        '<p class="x" onclick="steal()">Jeg er <b>flink</b> &amp; <i>grundig</i><script>alert(1)</script></p>' +
        '<ul><li><u>æøå</u></li><li><a href="javascript:alert(1)">link</a></li></ul><img src=x onerror=alert(1)><h1>Overskrift</h1><style>p{}</style>',
    };
    const c = await withCv({}, body);
    const profil = (await getCv(c.cpr)).json().cvProfil.cv.fagligProfil;
    expect(profil.htmlTekst).toBe('<p>Jeg er <b>flink</b> &amp; <i>grundig</i></p><ul><li><u>æøå</u></li><li>link</li></ul><p>Overskrift</p>');
    expect(profil.tekst).toBe('Jeg er flink & grundig\n• æøå\n• link\nOverskrift');
  });

  it('400/1014 for a summary with no text left, a repeated licence, language, job target or website, and an end before the start', async () => {
    const c = await createCvCitizen();
    const cases: [(b: CvInput) => void, string][] = [
      [(b) => (b.cv.fagligProfil = { htmlTekst: '<script>x</script><img src=x>' }), '/cv/fagligProfil/htmlTekst'],
      [(b) => (b.cv.koerekort = [{ kode: 'B' }, { kode: 'B' }]), '/cv/koerekort/1'],
      [(b) => (b.cv.sprogkundskaber = [{ kode: 'da', niveau: 'Expert' }, { kode: 'da', niveau: 'Novice' }]), '/cv/sprogkundskaber/1'],
      [(b) => (b.jobmaal = [b.jobmaal[0], b.jobmaal[0]]), '/jobmaal/1'],
      [(b) => (b.cv.websider = ['https://a.dk', 'https://a.dk']), '/cv/websider/1'],
      [(b) => (b.cv.tidligereErhvervserfaring[0].slutdato = { aar: 2018 }), '/cv/tidligereErhvervserfaring/0/slutdato'],
      [(b) => (b.cv.andreErfaringer[0].slutdato = { aar: 2021, maaned: 1 }), undefined as unknown as string],
    ];
    for (const [change, felt] of cases.slice(0, 6)) {
      const b = input();
      change(b);
      expectProblem(await replace(c.cpr, b), 400, 1014, felt);
    }
    // Same year without months is not "before".
    const ok = input();
    cases[6][0](ok);
    expect((await replace(c.cpr, ok)).statusCode).toBe(200);
  });

  it('400/1014 beyond the section limits and for unknown codes; 400/9157 and 400/9158 for a bad phone number or e-mail', async () => {
    const c = await createCvCitizen();
    const tooMany = input();
    tooMany.cv.sprogkundskaber = Object.keys({ da: 1, en: 1, de: 1, fr: 1, es: 1, it: 1, pt: 1, nl: 1, sv: 1, no: 1, is: 1, fo: 1, kl: 1, fi: 1, et: 1, lv: 1, lt: 1, pl: 1, cs: 1, sk: 1, hu: 1, ro: 1, bg: 1, hr: 1, sr: 1, bs: 1, sl: 1, el: 1, tr: 1, ru: 1, uk: 1 }).map((kode) => ({ kode, niveau: 'Novice' as const }));
    expectProblem(await replace(c.cpr, tooMany), 400, 1014, '/cv/sprogkundskaber');
    const unknownLanguage = input();
    (unknownLanguage.cv.sprogkundskaber[0] as { kode: string }).kode = 'xx';
    expectProblem(await replace(c.cpr, unknownLanguage), 400, 1014, '/cv/sprogkundskaber/0/kode');
    const longSummary = input();
    longSummary.cv.fagligProfil = { htmlTekst: 'x'.repeat(20_001) };
    expectProblem(await replace(c.cpr, longSummary), 400, 1014, '/cv/fagligProfil/htmlTekst');
    const longDescription = input();
    longDescription.cv.andreErfaringer[0].beskrivelse = 'æ'.repeat(4001);
    expectProblem(await replace(c.cpr, longDescription), 400, 1014, '/cv/andreErfaringer/0/beskrivelse');
    const phone = input();
    phone.kontaktoplysninger.telefonnumre = ['12-34'];
    expectProblem(await replace(c.cpr, phone), 400, 9157, '/kontaktoplysninger/telefonnumre/0');
    const email = input();
    email.kontaktoplysninger.email = 'ikke en e-mail';
    expectProblem(await replace(c.cpr, email), 400, 9158, '/kontaktoplysninger/email');
    const extra = { ...input(), ekstra: true };
    expectProblem(await replace(c.cpr, extra), 400, 1014);
  });

  it('404/1010 unknown citizen, 422/4405 deceased (Dorthe), 404/4103 no Jobnet account (Bo), 409/4753 archived, 409/4823 locked, 409/4754 disabled', async () => {
    expectProblem(await replace('0101011234', input()), 404, 1010);
    expectProblem(await replace(dorthe.cpr, input()), 422, 4405);
    expectProblem(await replace(bo.cpr, input()), 404, 4103);
    expectProblem(await replace(gustav.cpr, input()), 409, 4753);
    expectProblem(await replace(ib.cpr, input()), 409, 4823);
    const c = await withCv();
    await testPrisma().cv.update({ where: { cpr: c.cpr }, data: { tilstand: 'Deaktiveret' } });
    expectProblem(await replace(c.cpr, input()), 409, 4754);
  });

  it('the asylum window: 422/9248 before the early CV date, 422/9231 before the transition date, allowed inside it', async () => {
    const transition = async (overgangsdato: string, tidlig: string | null) => {
      const c = await createCvCitizen();
      await testPrisma().$executeRaw`INSERT INTO asyl_overgang (cpr, overgangsdato, "cvRedigeringSlutdato", "tidligCvOvergangsdato", overgangskommune)
        VALUES (${c.cpr}, ${overgangsdato}::date, '2099-12-31'::date, ${tidlig}::date, '751')`;
      return c;
    };
    expectProblem(await replace((await transition('2099-01-01', '2098-06-01')).cpr, input()), 422, 9248);
    expectProblem(await replace((await transition('2099-01-01', null)).cpr, input()), 422, 9231);
    expect((await replace((await transition('2020-01-01', null)).cpr, input())).statusCode).toBe(200);
  });

  it('concurrent first ReplaceCVs for one citizen: both succeed, one after the other (one CV, two versions)', async () => {
    const c = await createCvCitizen();
    const results = await Promise.all([replace(c.cpr, input()), replace(c.cpr, largeCvInput())]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await testPrisma().cv.count({ where: { cpr: c.cpr } })).toBe(1);
    expect(await testPrisma().cvVersion.count({ where: { cpr: c.cpr } })).toBe(2);
    // The second saw the first's CV: its events are changes against it, not a second creation.
    const created = (await events(c.cpr)).filter((e) => e.element === 'Kontaktoplysninger');
    expect(created.map((e) => e.operation)).toEqual(['Create', 'Update']);
  });

  it('concurrent replaces of one CV queue: each diffs against the one before, so the events tell the whole story', async () => {
    const c = await withCv();
    const bodies = ['da', 'en', 'de', 'fr', 'es'].map((kode) => {
      const b = input();
      b.cv.sprogkundskaber = [{ kode, niveau: 'Expert' }];
      return b;
    });
    await testPrisma().cvHaendelse.deleteMany({ where: { cpr: c.cpr } });
    expect((await Promise.all(bodies.map((b) => replace(c.cpr, b)))).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const sprog = (await events(c.cpr)).filter((e) => e.element === 'Sprogkundskab');
    // Replaying the events from Anna's three languages must end with the language of the last version.
    const present = new Set(['da', 'en', 'de']);
    for (const e of sprog) {
      if (e.operation === 'Create') present.add(e.noegle!);
      if (e.operation === 'Delete') present.delete(e.noegle!);
    }
    const current = (await getCv(c.cpr)).json().cvProfil.cv.sprogkundskaber.map((s: { kode: string }) => s.kode);
    expect([...present]).toEqual(current);
  });

  it('a version is an immutable snapshot: the database refuses to change it', async () => {
    const c = await withCv();
    const v = await testPrisma().cvVersion.findFirstOrThrow({ where: { cpr: c.cpr } });
    await expect(testPrisma().$executeRaw`UPDATE cv_version SET postnummer = '9999' WHERE id = ${v.id}::uuid`).rejects.toThrow(/immutable/);
  });
});

describe('GetCVStatus and UpdateCVAvailability', () => {
  it('gives status, comment and availability; UpdateCVAvailability switches it and records an event when it changes', async () => {
    expect((await getStatus(anna.cpr)).json()).toEqual({ cvNummer: '10000001', cvStatus: 3, soegbarhed: 'Active' });
    expect((await getStatus(lise.cpr)).json()).toMatchObject({ soegbarhed: 'Inactive' });
    const c = await withCv();
    await testPrisma().cvHaendelse.deleteMany({ where: { cpr: c.cpr } });
    const res = await availability(c.cpr, 'Inactive');
    expect(res.statusCode).toBe(200);
    expect(res.json().serviceKvittering.beskedId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await getStatus(c.cpr)).json()).toMatchObject({ soegbarhed: 'Inactive' });
    expect((await availability(c.cpr, 'Inactive')).statusCode).toBe(200);
    expect(await events(c.cpr)).toEqual([{ type: 'Soegbarhed', operation: 'Update', element: 'Inactive', noegle: null }]);
  });

  it('GetCVStatus: 404/4103, 404/4755, 404/1010', async () => {
    expectProblem(await getStatus(bo.cpr), 404, 4103);
    expectProblem(await getStatus((await createCvCitizen()).cpr), 404, 4755);
    expectProblem(await getStatus('0101011234'), 404, 1010);
  });

  it('UpdateCVAvailability: 400/1014 for another value, 404/1010, 404/4103, 404/4755, 409/4753, 409/4823, 409/4754', async () => {
    const c = await withCv();
    expectProblem(await availability(c.cpr, 'Aktiv'), 400, 1014, '/soegbarhed');
    expectProblem(await availability('0101011234', 'Active'), 404, 1010);
    expectProblem(await availability(bo.cpr, 'Active'), 404, 4103);
    expectProblem(await availability((await createCvCitizen()).cpr, 'Active'), 404, 4755);
    expectProblem(await availability(gustav.cpr, 'Active'), 409, 4753);
    expectProblem(await availability(ib.cpr, 'Active'), 409, 4823);
    await testPrisma().cv.update({ where: { cpr: c.cpr }, data: { tilstand: 'Deaktiveret' } });
    expectProblem(await availability(c.cpr, 'Active'), 409, 4754);
  });
});

describe('SetCVStatus (UpdateCVStatus)', () => {
  it('a job centre sets the status: a status version is stored, the event recorded, and GetCVStatus shows status and comment', async () => {
    const c = await withCv({ ydelsesgruppe: 'Kontanthjaelp' });
    await testPrisma().cvHaendelse.deleteMany({ where: { cpr: c.cpr } });
    const res = await setStatus(c.cpr, { cvNummer: c.cvNummer, cvStatus: 3, kommentar: 'Godkendt efter samtale på jobcentret.' });
    expect(res.statusCode).toBe(200);
    expect((await getStatus(c.cpr)).json()).toEqual({ cvNummer: c.cvNummer, cvStatus: 3, soegbarhed: 'Active', cvKommentar: 'Godkendt efter samtale på jobcentret.' });
    expect(await events(c.cpr)).toEqual([{ type: 'Status', operation: 'Update', element: 'CvStatus', noegle: null }]);
    const v = await testPrisma().cvVersion.findFirstOrThrow({ where: { cpr: c.cpr, aarsag: 'Status' } });
    expect(v).toMatchObject({ status: 3, kommentar: 'Godkendt efter samtale på jobcentret.' });
  });

  it('an a-kasse sets the status for a member in contact group 1, 8 or 23, without a comment (UpdateCVStatus has no CV number)', async () => {
    for (const kontaktgruppe of [1, 8, 23]) {
      const c = await withCv({ ydelsesgruppe: 'Dagpenge', kontaktgruppe });
      expect((await setStatus(c.cpr, { cvStatus: 2 }, token('a-kasse'))).statusCode).toBe(200);
    }
  });

  it('403/9008 an a-kasse may not comment; 403/9009 only contact groups 1, 8 and 23', async () => {
    const c = await withCv({ ydelsesgruppe: 'Dagpenge', kontaktgruppe: 1 });
    expectProblem(await setStatus(c.cpr, { cvStatus: 3, kommentar: 'Fint' }, token('a-kasse')), 403, 9008, '/kommentar');
    for (const kontaktgruppe of [3, null]) {
      const d = await withCv({ ydelsesgruppe: 'Dagpenge', kontaktgruppe });
      expectProblem(await setStatus(d.cpr, { cvStatus: 3 }, token('a-kasse')), 403, 9009);
    }
  });

  it('403/4368 only an a-kasse for dagpenge, 403/4369 only a job centre for kontanthjælp/uddannelseshjælp, 403/4370 for the integration programme', async () => {
    const dagpenge = await withCv({ ydelsesgruppe: 'Dagpenge', kontaktgruppe: 1 });
    expectProblem(await setStatus(dagpenge.cpr, { cvStatus: 3 }), 403, 4368);
    for (const ydelsesgruppe of ['Kontanthjaelp', 'Uddannelseshjaelp'] as const) {
      const k = await withCv({ ydelsesgruppe, kontaktgruppe: 1 });
      expectProblem(await setStatus(k.cpr, { cvStatus: 3 }, token('a-kasse')), 403, 4369);
      expect((await setStatus(k.cpr, { cvStatus: 3 })).statusCode).toBe(200);
    }
    const integration = await withCv({ ydelsesgruppe: 'Integrationsprogram', kontaktgruppe: 8 });
    expectProblem(await setStatus(integration.cpr, { cvStatus: 3 }, token('a-kasse')), 403, 4370);
    expect((await setStatus(integration.cpr, { cvStatus: 5, kommentar: 'Mangler sprogkundskaber.' })).statusCode).toBe(200);
  });

  it('status changes racing replaces: every status change stores its version, of a document that was current', async () => {
    const c = await withCv({ ydelsesgruppe: 'Kontanthjaelp' });
    const bodies = ['da', 'en', 'de', 'fr', 'es'].map((kode) => {
      const b = input();
      b.cv.sprogkundskaber = [{ kode, niveau: 'Expert' }];
      return b;
    });
    const results = await Promise.all(bodies.flatMap((b, i) => [replace(c.cpr, b), setStatus(c.cpr, { cvStatus: ([2, 3, 5] as const)[i % 3] })]));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const status = await testPrisma().cvVersion.findMany({ where: { cpr: c.cpr, aarsag: 'Status' } });
    expect(status).toHaveLength(5);
    const replaced = await testPrisma().cvVersion.findMany({ where: { cpr: c.cpr, aarsag: 'ReplaceCV' } });
    const docs = new Set(replaced.map((v) => JSON.stringify(v.dokument)));
    for (const v of status) expect(docs.has(JSON.stringify(v.dokument))).toBe(true);
  });

  it('400/1014 for a comment over 400 characters or a status other than 2, 3, 5; 400 is accepted', async () => {
    const c = await withCv();
    expectProblem(await setStatus(c.cpr, { cvStatus: 3, kommentar: 'ø'.repeat(401) }), 400, 1014, '/kommentar');
    expect((await setStatus(c.cpr, { cvStatus: 3, kommentar: 'ø'.repeat(400) })).statusCode).toBe(200);
    for (const cvStatus of [1, 4, 6]) expectProblem(await setStatus(c.cpr, { cvStatus }), 400, 1014, '/cvStatus');
  });

  it('404/4103 no Jobnet account, 404/4102 another CV number, 404/4755 no CV, 404/1010 unknown citizen', async () => {
    const noAccount = await createCvCitizen({ utenKonto: true });
    expectProblem(await setStatus(noAccount.cpr, { cvStatus: 3 }), 404, 4103);
    const c = await withCv();
    expectProblem(await setStatus(c.cpr, { cvNummer: '10000001', cvStatus: 3 }), 404, 4102, '/cvNummer');
    expectProblem(await setStatus((await createCvCitizen()).cpr, { cvStatus: 3 }), 404, 4755);
    expectProblem(await setStatus('0101011234', { cvStatus: 3 }), 404, 1010);
  });

  it('409/4753 archived, 409/4754 disabled, 409/4823 locked', async () => {
    const tok = token('jobcenter', { org: '461' });
    expectProblem(await setStatus(gustav.cpr, { cvStatus: 3 }, tok), 409, 4753);
    const locked = await withCv();
    await testPrisma().cv.update({ where: { cpr: locked.cpr }, data: { tilstand: 'Laast' } });
    expectProblem(await setStatus(locked.cpr, { cvStatus: 3 }), 409, 4823);
    const disabled = await withCv();
    await testPrisma().cv.update({ where: { cpr: disabled.cpr }, data: { tilstand: 'Deaktiveret' } });
    expectProblem(await setStatus(disabled.cpr, { cvStatus: 3 }), 409, 4754);
  });
});

describe('GetAvailableVersions and GetCVOnStatus', () => {
  it('lists Anna\'s three status versions, newest first, and filters by status', async () => {
    const all = (await versions(anna.cpr)).json().versioner;
    expect(all.map((v: { cvStatus: number }) => v.cvStatus)).toEqual([3, 5, 2]);
    const five = (await versions(anna.cpr, '?cvStatus=5')).json().versioner;
    expect(five).toEqual([{ cvStatus: 5, cvVersionId: all[1].cvVersionId, versionstidspunkt: all[1].versionstidspunkt }]);
    expectProblem(await versions(anna.cpr, '?cvStatus=4'), 400, 1014);
    expect((await versions(erik.cpr)).json()).toEqual({ versioner: [] });
    expectProblem(await versions(bo.cpr), 404, 4103);
    expectProblem(await versions('0101011234'), 404, 1010);
  });

  it('GetCVOnStatus returns the version as it was, not today\'s CV', async () => {
    const c = await withCv({ ydelsesgruppe: 'Kontanthjaelp' });
    expect((await setStatus(c.cpr, { cvStatus: 2 })).statusCode).toBe(200);
    const changed = input();
    changed.jobmaal[0].stillingsbetegnelse = 'Souschef';
    expect((await replace(c.cpr, changed)).statusCode).toBe(200);
    expect((await setStatus(c.cpr, { cvStatus: 3, kommentar: 'OK' })).statusCode).toBe(200);
    const byStatus2 = (await onStatus(c.cpr, '?cvStatus=2')).json();
    expect(byStatus2.cvProfil.jobmaal[0].stillingsbetegnelse).toBe('Pædagog');
    expect(byStatus2).toMatchObject({ cvStatus: 2, kommune: { kommunekode: '751' } });
    const byStatus3 = (await onStatus(c.cpr, '?cvStatus=3')).json();
    expect(byStatus3).toMatchObject({ cvStatus: 3, cvKommentar: 'OK' });
    expect(byStatus3.cvProfil.jobmaal[0].stillingsbetegnelse).toBe('Souschef');
    const byId = (await onStatus(c.cpr, `?cvVersionId=${byStatus2.cvVersionId.toUpperCase()}`)).json();
    expect(byId).toEqual(byStatus2);
    expect((await onStatus(c.cpr, `?cvVersionId=${byStatus2.cvVersionId}&cvStatus=2`)).statusCode).toBe(200);
  });

  it('the four error cases: 400/9113 neither, 404/9110 unknown version, 404/9111 no version of the status, 422/9112 version and status disagree', async () => {
    expectProblem(await onStatus(anna.cpr, ''), 400, 9113);
    expectProblem(await onStatus(anna.cpr, '?cvVersionId=7c9e6679-7425-40de-944b-e07fc1f90ae7'), 404, 9110, '/cvVersionId');
    expectProblem(await onStatus(erik.cpr, '?cvStatus=3'), 404, 9111, '/cvStatus');
    const annasFive = (await versions(anna.cpr, '?cvStatus=5')).json().versioner[0].cvVersionId;
    expectProblem(await onStatus(anna.cpr, `?cvVersionId=${annasFive}&cvStatus=3`), 422, 9112, '/cvStatus');
    // Another citizen's version is as unknown as a missing one.
    expectProblem(await onStatus(erik.cpr, `?cvVersionId=${annasFive}`), 404, 9110);
    expectProblem(await onStatus(anna.cpr, '?cvStatus=4'), 400, 1014);
    expectProblem(await onStatus(anna.cpr, '?cvVersionId=nope'), 400, 1014);
    expectProblem(await onStatus(bo.cpr, '?cvStatus=3'), 404, 4103);
    expectProblem(await onStatus('0101011234', '?cvStatus=3'), 404, 1010);
  });
});

describe('GetCVByCVNumber', () => {
  it('returns the profile with the citizen\'s consent', async () => {
    const res = await byNumber({ cvNummer: anna.cvNummer, borgerSamtykke: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().cvProfil).toMatchObject({ cvNummer: '10000001', personligeData: { fornavn: 'Anna' } });
    expect(Object.keys(res.json())).toEqual(['cvProfil']);
  });

  it('403/9192 without consent, 404/4400 unknown number, 404/4755 no CV, 409/4753 archived, 409/4823 locked, 400/1014 malformed', async () => {
    expectProblem(await byNumber({ cvNummer: anna.cvNummer, borgerSamtykke: false }), 403, 9192, '/borgerSamtykke');
    expectProblem(await byNumber({ cvNummer: '99999999', borgerSamtykke: true }), 404, 4400, '/cvNummer');
    const c = await createCvCitizen();
    expectProblem(await byNumber({ cvNummer: c.cvNummer, borgerSamtykke: true }), 404, 4755);
    expectProblem(await byNumber({ cvNummer: gustav.cvNummer, borgerSamtykke: true }), 409, 4753);
    expectProblem(await byNumber({ cvNummer: ib.cvNummer, borgerSamtykke: true }), 409, 4823);
    const d = await withCv();
    await testPrisma().cv.update({ where: { cpr: d.cpr }, data: { tilstand: 'Deaktiveret' } });
    expectProblem(await byNumber({ cvNummer: d.cvNummer, borgerSamtykke: true }), 409, 4754);
    expectProblem(await byNumber({ cvNummer: '1234567', borgerSamtykke: true }), 400, 1014, '/cvNummer');
    expectProblem(await byNumber({ cvNummer: anna.cvNummer }), 400, 1014);
  });
});
