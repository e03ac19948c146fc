/**
 * The CV as PDF: the renderer and the mapping from the stored profile, read back by extracting the
 * PDF's text with pdfjs-dist (in a child process: test/helpers/extract-pdf-text.mjs), and the negotiation
 * between application/pdf and the specification's base64 JSON.
 */
import type { FastifyInstance } from 'fastify';
import { CvInput, CvProfil } from '../../src/modules/cv/schemas';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, createJobnetKonto, randomCpr, testPrisma } from '../helpers/db';
import { callV1, expectProblem } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { cvProfilToPdfView } from '../../src/modules/cv/pdf/mapping';
import { renderCvPdf } from '../../src/modules/cv/pdf/render';
import { blocksToPlainText, summaryHtmlToBlocks } from '../../src/modules/cv/pdf/summary-html';
import { formatPeriode, type CvPdfView } from '../../src/modules/cv/pdf/view';
import { tilWinAnsi } from '../../src/modules/cv/pdf/winansi';
import { pdfFormat } from '../../src/modules/cv/pdf/accept';
import { extractPdfText } from '../helpers/pdf-text';

type Profil = typeof CvProfil.static;

/** The OpenAPI example of the profile, with a job target that appears nowhere else. */
function profil(): Profil {
  const example = structuredClone((CvProfil.examples as Profil[])[0]);
  example.jobmaal = [{ stillingsbetegnelse: 'Souschef i køkken', stillingsbetegnelseReference: 999, harUddannelse: false, maanederMedErfaring: 0 }];
  example.personligeData.fornavn = 'Søren';
  example.personligeData.efternavn = 'Ærø-Åberg';
  example.cv.fagligProfil = {
    htmlTekst:
      '<p>Erfaren <strong>pædagog</strong> med <em>blik</em> for <u>børnenes</u> trivsel: æøå ÆØÅ.</p>' +
      '<ul><li>sprogstimulering</li><li><strong><em>udeliv</em></strong> hele året</li></ul><ol><li>første</li><li>anden</li></ol>',
    tekst: 'Erfaren pædagog ...',
  };
  return example;
}

const AT = new Date('2026-06-15T08:00:00Z');

describe('the summary HTML as blocks (htmlparser2, no regex)', () => {
  it('keeps bold, italic, underline, bullets and numbers; decodes entities; collapses whitespace', () => {
    const blokke = summaryHtmlToBlocks(
      '<p>En  <b>fed</b>\n<i>kursiv</i> <u>under</u> <span style="text-decoration: underline">span</span> &amp; &aelig;&oslash;&aring;</p>' +
        '<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul><ol><li>x</li><li>y</li></ol>',
    );
    expect(blocksToPlainText(blokke)).toBe('En fed kursiv under span & æøå\n• a\n• a1\n• b\n1. x\n2. y');
    const stykker = blokke[0].stykker;
    expect(stykker.find((s) => s.tekst === 'fed')).toMatchObject({ fed: true, kursiv: false, understreget: false });
    expect(stykker.find((s) => s.tekst === 'kursiv')).toMatchObject({ fed: false, kursiv: true });
    expect(stykker.find((s) => s.tekst === 'under')).toMatchObject({ understreget: true });
    expect(stykker.find((s) => s.tekst === 'span')).toMatchObject({ understreget: true });
    expect(blokke.map((b) => [b.art, b.niveau])).toEqual([['afsnit', 0], ['punkt', 0], ['punkt', 1], ['punkt', 0], ['nummer', 0], ['nummer', 0]]);
  });

  it('a line break starts a new line; scripts and unknown markup contribute nothing but text', () => {
    const blokke = summaryHtmlToBlocks('<p>linje 1<br>linje 2</p><script>alert(1)</script><table><tr><td>celle</td></tr></table>');
    expect(blocksToPlainText(blokke)).toBe('linje 1\nlinje 2\ncelle');
  });
});

describe('WinAnsi', () => {
  it('keeps Danish letters and typographic signs, replaces what the standard fonts cannot show', () => {
    expect(tilWinAnsi('æøå ÆØÅ é ü – • €')).toBe('æøå ÆØÅ é ü – • €');
    expect(tilWinAnsi('Dvořák Łódź 北京 😀')).toBe('Dvorák ?ódz ?? ?');
  });
});

describe('partial dates', () => {
  it('formats periods in Danish', () => {
    expect(formatPeriode({ start: { aar: 2019, maaned: 8 } })).toBe('august 2019 – nu');
    expect(formatPeriode({ start: { aar: 2015 }, slut: { aar: 2019, maaned: 6 } })).toBe('2015 – juni 2019');
    expect(formatPeriode(undefined)).toBe('');
  });
});

describe('the PDF read back', () => {
  it('has the name, a job title, æøå and the summary, and not the job targets', async () => {
    const pdf = await renderCvPdf(cvProfilToPdfView(profil()), { oprettet: AT });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, info, pages } = await extractPdfText(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('Søren Ærø-Åberg');
    expect(text).toContain('Pædagog'); // a job title from the job experience
    expect(text).toContain('Børnehuset Ærtebjerg');
    expect(text).toContain('æøå ÆØÅ');
    expect(text).toContain('• sprogstimulering');
    expect(text).toContain('1. første');
    expect(text).toContain('Dansk: Ekspert');
    expect(text).toContain('Almindelig bil (B)');
    expect(text).toContain('Frivillig træner');
    expect(text).toContain('https://www.linkedin.com/in/anna-andersen');
    // "Jeg søger job som" is not for employers; nor are the birth date and the job conditions.
    expect(text).not.toContain('Souschef');
    expect(text).not.toContain('1990');
    expect(info).toMatchObject({ Title: 'CV – Søren Ærø-Åberg', Author: 'Jobnet', CreationDate: 'D:20260615080000Z' });
  });

  it('sets bold and italic runs in other fonts than the body text', async () => {
    const pdf = await renderCvPdf(cvProfilToPdfView(profil()), { oprettet: AT });
    const { runs } = await extractPdfText(pdf);
    const font = (str: string) => {
      const run = runs.find((r) => r.str.trim() === str);
      if (!run) throw new Error(`no run "${str}" in ${JSON.stringify(runs.map((r) => r.str))}`);
      return run.font;
    };
    const bold = font('Søren Ærø-Åberg'); // the name is set in Helvetica-Bold
    const normal = font('med');
    expect(bold).not.toBe(normal);
    expect(font('pædagog')).toBe(bold);
    const italic = font('blik');
    expect([bold, normal]).not.toContain(italic);
    const boldItalic = font('udeliv');
    expect([bold, normal, italic]).not.toContain(boldItalic);
    // Helvetica's four variants, named in the PDF's font dictionaries (not compressed).
    const raw = pdf.toString('latin1');
    for (const name of ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']) expect(raw).toContain(`/BaseFont /${name}\n`);
  });

  it('renders run a few at a time and all finish (the queue hands every one its turn)', async () => {
    const views = Array.from({ length: 7 }, (_, i) => ({ ...cvProfilToPdfView(profil()), navn: `Borger nummer ${i}` }));
    const pdfs = await Promise.all(views.map((v) => renderCvPdf(v, { oprettet: AT })));
    const texts = await Promise.all(pdfs.map(async (pdf) => (await extractPdfText(pdf)).text));
    texts.forEach((text, i) => expect(text).toContain(`Borger nummer ${i}`));
  });

  it('deeply nested lists, very long words and characters outside WinAnsi still render', async () => {
    const view: CvPdfView = {
      ...cvProfilToPdfView(profil()),
      fagligProfilHtml: '<ul><li>'.repeat(60) + 'dybt nede' + '</li></ul>'.repeat(60) + `<p>${'x'.repeat(3000)}</p><p>Łódź 😀</p>`,
    };
    const { text } = await extractPdfText(await renderCvPdf(view, { oprettet: AT }));
    expect(text).toContain('dybt nede');
    expect(text).toContain('?ódz ?');
    expect(text.split('x').length - 1).toBeGreaterThanOrEqual(3000);
  });

  it('the same view and time give the same bytes', async () => {
    const view = cvProfilToPdfView(profil());
    expect((await renderCvPdf(view, { oprettet: AT })).equals(await renderCvPdf(view, { oprettet: AT }))).toBe(true);
  });

  it('a long CV runs over several pages; an empty one still renders', async () => {
    const lang: CvPdfView = {
      ...cvProfilToPdfView(profil()),
      erhvervserfaring: Array.from({ length: 40 }, (_, i) => ({
        titel: `Stilling ${i + 1} på værkstedet`,
        sted: 'Østjysk Maskinfabrik',
        periode: { start: { aar: 1990 + (i % 30) } },
        beskrivelse: 'Ansvar for drift, vedligehold og oplæring af nye kolleger. '.repeat(4),
      })),
    };
    const { pages, text } = await extractPdfText(await renderCvPdf(lang, { oprettet: AT }));
    expect(pages).toBeGreaterThan(3);
    expect(text).toContain('Stilling 40 på værkstedet');

    const tom: CvPdfView = {
      navn: 'Bo Berg',
      kontakt: { adresselinjer: [], telefonnumre: [] },
      erhvervserfaring: [],
      uddannelser: [],
      kurser: [],
      certifikater: [],
      kvalifikationer: [],
      sprog: [],
      koerekort: [],
      andreErfaringer: [],
      websider: [],
    };
    expect((await extractPdfText(await renderCvPdf(tom, { oprettet: AT }))).text.trim()).toBe('Bo Berg');
  });
});

describe('Accept negotiation', () => {
  it.each([
    [undefined, 'pdf'],
    ['', 'pdf'],
    ['application/pdf', 'pdf'],
    ['*/*', 'pdf'],
    ['application/json', 'json'],
    ['application/json, application/pdf', 'pdf'],
    ['application/pdf;q=0.5, application/json', 'json'],
    ['application/*;q=0.2, application/json;q=0.9', 'json'],
    ['application/json;q=0, */*', 'pdf'],
    ['text/html', 'pdf'],
    ['garbage', 'pdf'],
  ] as const)('%s -> %s', (accept, format) => {
    expect(pdfFormat(accept)).toBe(format);
  });
});

// ---------------------------------------------------------------------------------------------
// Over HTTP: GetCVAsPdf and GetCVOnStatusAsPdf against the real database

const KOMMUNE = { kommunekode: '751', kommunenavn: 'Aarhus' };
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-06-15T10:00:00+02:00') });
});

afterAll(async () => {
  await app?.close();
});

type Input = typeof CvInput.static;

/** The OpenAPI example input with its own first job title and a job target found nowhere else. */
function input(stilling: string): Input {
  const i = structuredClone((CvInput.examples as Input[])[0]);
  i.cv.tidligereErhvervserfaring[0].stillingsbetegnelse = stilling;
  i.jobmaal = [{ stillingsbetegnelse: 'Souschef i køkken', stillingsbetegnelseReference: 999, harUddannelse: false, maanederMedErfaring: 0 }];
  i.cv.fagligProfil = { htmlTekst: '<p>Glad for <strong>børn</strong>, <em>udeliv</em> og <u>musik</u>: æøå ÆØÅ</p><ul><li>sprog</li></ul>' };
  return i;
}

/** A citizen with a Jobnet account, registry data (Aarhus, kontanthjælp) and, unless told, a CV. */
async function citizen(opts: { konto?: boolean; cv?: string | null } = {}) {
  const b = await createCitizen({ fornavn: 'Søren', efternavn: 'Ærø-Åberg' });
  if (opts.konto !== false) {
    await createJobnetKonto(b.cpr);
    await testPrisma().$executeRaw`INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, ydelsesgruppe, adresselinje, postnummer, postdistrikt)
      VALUES (${b.cpr}, ${KOMMUNE.kommunekode}, ${KOMMUNE.kommunenavn}, 'Kontanthjaelp', 'Åboulevarden 12, 2. th.', '8000', 'Aarhus C')`;
    if (opts.cv !== null) await replace(b.cpr, opts.cv ?? 'Pædagog');
  }
  return b.cpr;
}

async function replace(cpr: string, stilling: string) {
  const res = await app.inject({ method: 'PUT', url: '/v1/CV', headers: v1Headers(cpr), payload: input(stilling) });
  expect(res.statusCode).toBe(200);
}

async function setStatus(cpr: string, cvStatus: number) {
  const token = tokenFor({ role: 'jobcenter', org: KOMMUNE.kommunekode });
  const res = await app.inject({ method: 'PUT', url: '/v1/CV/Status', headers: v1Headers(cpr, token), payload: { cvStatus, kommentar: `Status ${cvStatus}` } });
  expect(res.statusCode).toBe(200);
}

const get = (url: string, cpr: string, opts: { token?: string; accept?: string } = {}) =>
  callV1(app, 'GET', url, cpr, { token: opts.token, ...(opts.accept ? { extraHeaders: { accept: opts.accept } } : {}) });

async function auditRows(cpr: string, operation: string) {
  return testPrisma().$queryRaw<{ rolle: string; tilladt: boolean; fejlkode: number | null; cvNummer: string | null }[]>`
    SELECT rolle, tilladt, fejlkode, "cvNummer" FROM cv_adgangslog WHERE cpr = ${cpr} AND operation = ${operation} ORDER BY id`;
}

describe('GetCVAsPdf', () => {
  it('answers application/pdf by default: name, job title and æøå read back, no job targets', async () => {
    const cpr = await citizen();
    const res = await get('/v1/CV/Pdf', cpr);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cv-[0-9]{8}\.pdf"$/);
    const { text } = await extractPdfText(res.rawPayload);
    expect(text).toContain('Søren Ærø-Åberg');
    expect(text).toContain('Pædagog');
    expect(text).toContain('æøå ÆØÅ');
    expect(text).toContain('Åboulevarden 12, 2. th.');
    expect(text).toContain('CV fra Jobnet, udskrevet 15. juni 2026');
    expect(text).not.toContain('Souschef');
  });

  it('with Accept: application/json, the specification\'s shape with the PDF base64-encoded', async () => {
    const cpr = await citizen();
    const res = await get('/v1/CV/Pdf', cpr, { accept: 'application/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['cvPdf', 'kommune']);
    expect(body.kommune).toEqual(KOMMUNE);
    const pdf = Buffer.from(body.cvPdf, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await extractPdfText(pdf)).text).toContain('Søren Ærø-Åberg');
  });

  it('the job centre of the municipality reads it, and the read is in the audit log; another job centre gets 403/8292, logged too', async () => {
    const cpr = await citizen();
    const ok = await get('/v1/CV/Pdf', cpr, { token: tokenFor({ role: 'jobcenter', org: '751' }) });
    expect(ok.statusCode).toBe(200);
    expectProblem(await get('/v1/CV/Pdf', cpr, { token: tokenFor({ role: 'jobcenter', org: '101' }) }), 403, 8292);
    const rows = await auditRows(cpr, 'GetCVAsPdf');
    expect(rows).toEqual([
      { rolle: 'jobcenter', tilladt: true, fejlkode: null, cvNummer: expect.stringMatching(/^[0-9]{8}$/) },
      { rolle: 'jobcenter', tilladt: false, fejlkode: 8292, cvNummer: null },
    ]);
    // The owner's own reads are not logged.
    await get('/v1/CV/Pdf', cpr);
    expect(await auditRows(cpr, 'GetCVAsPdf')).toHaveLength(2);
  });

  it('roles: system reads; another actor 403/4511; STAR 403/4575', async () => {
    const cpr = await citizen();
    expect((await get('/v1/CV/Pdf', cpr, { token: tokenFor({ role: 'system' }) })).statusCode).toBe(200);
    expectProblem(await get('/v1/CV/Pdf', cpr, { token: tokenFor({ role: 'anden-aktoer' }) }), 403, 4511);
    expectProblem(await get('/v1/CV/Pdf', cpr, { token: tokenFor({ role: 'star' }) }), 403, 4575);
  });

  it('4103 without a Jobnet account, 4755 without a CV, 4753 archived, 4754 disabled, 4823 locked', async () => {
    expectProblem(await get('/v1/CV/Pdf', await citizen({ konto: false })), 404, 4103);
    expectProblem(await get('/v1/CV/Pdf', await citizen({ cv: null })), 404, 4755);
    for (const [tilstand, kode] of [['Arkiveret', 4753], ['Deaktiveret', 4754], ['Laast', 4823]] as const) {
      const cpr = await citizen();
      await testPrisma().$executeRaw`UPDATE cv SET tilstand = ${tilstand} WHERE cpr = ${cpr}`;
      expectProblem(await get('/v1/CV/Pdf', cpr), 409, kode);
    }
  });
});

describe('GetCVOnStatusAsPdf: a stored version as PDF', () => {
  it('shows the version, not today\'s CV (by status and by version id)', async () => {
    const cpr = await citizen({ cv: 'Tømrerlærling' });
    await setStatus(cpr, 3);
    await replace(cpr, 'Bådebygger');

    const byStatus = await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=3', cpr);
    expect(byStatus.statusCode).toBe(200);
    expect(byStatus.headers['content-type']).toBe('application/pdf');
    const old = (await extractPdfText(byStatus.rawPayload)).text;
    expect(old).toContain('Tømrerlærling');
    expect(old).not.toContain('Bådebygger');
    expect(old).toContain('CV-version fra 15. juni 2026 (CV godkendt)');

    const now = (await extractPdfText((await get('/v1/CV/Pdf', cpr)).rawPayload)).text;
    expect(now).toContain('Bådebygger');
    expect(now).not.toContain('Tømrerlærling');

    const versions = (await get('/v1/CV/Versioner', cpr)).json().versioner;
    expect(versions).toHaveLength(1);
    const json = await get(`/v1/CV/Versioner/paaStatus/Pdf?cvVersionId=${versions[0].cvVersionId.toUpperCase()}`, cpr, { accept: 'application/json' });
    expect(json.statusCode).toBe(200);
    const body = json.json();
    expect(body).toMatchObject({ kommune: KOMMUNE, cvStatus: 3, cvKommentar: 'Status 3', cvVersionId: versions[0].cvVersionId, versionstidspunkt: versions[0].versionstidspunkt });
    expect((await extractPdfText(Buffer.from(body.cvPdf, 'base64'))).text).toContain('Tømrerlærling');
  });

  it('9113 without status and id, 9111 no version with the status, 9110 unknown id, 9112 id and status disagree', async () => {
    const cpr = await citizen();
    await setStatus(cpr, 2);
    const id = (await get('/v1/CV/Versioner', cpr)).json().versioner[0].cvVersionId;
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf', cpr), 400, 9113);
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=5', cpr), 404, 9111);
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf?cvVersionId=7c9e6679-7425-40de-944b-e07fc1f90ae7', cpr), 404, 9110);
    expectProblem(await get(`/v1/CV/Versioner/paaStatus/Pdf?cvVersionId=${id}&cvStatus=3`, cpr), 422, 9112);
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=4', cpr), 400, 1014);
  });

  it('the same access rules as GetCV, audited as GetCVOnStatusAsPdf', async () => {
    const cpr = await citizen();
    await setStatus(cpr, 3);
    expect((await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=3', cpr, { token: tokenFor({ role: 'jobcenter', org: '751' }) })).statusCode).toBe(200);
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=3', cpr, { token: tokenFor({ role: 'anden-aktoer' }) }), 403, 4511);
    expect((await auditRows(cpr, 'GetCVOnStatusAsPdf')).map((r) => [r.rolle, r.tilladt, r.fejlkode])).toEqual([
      ['jobcenter', true, null],
      ['anden-aktoer', false, 4511],
    ]);
    expectProblem(await get('/v1/CV/Versioner/paaStatus/Pdf?cvStatus=3', await citizen({ konto: false })), 404, 4103);
  });
});

describe('the PDFs for an unknown citizen', () => {
  // Found by the fejlkode guard (test/integration/fejlkoder-coverage.test.ts): documented, never provoked.
  it.each(['/v1/CV/Pdf', '/v1/CV/Versioner/paaStatus/Pdf?cvStatus=3'])('GET %s: 404/1010', async (url) => {
    let cpr = randomCpr();
    while (await testPrisma().borger.findUnique({ where: { cpr } })) cpr = randomCpr();
    expectProblem(await get(url, cpr, { token: tokenFor({ role: 'system' }) }), 404, 1010);
    expectProblem(await get(url, cpr), 404, 1010);
  });
});
