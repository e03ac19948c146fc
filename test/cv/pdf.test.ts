/**
 * The CV as PDF: the renderer and the mapping from the stored profile, read back by extracting the
 * PDF's text with pdfjs-dist (in a child process: test/helpers/extract-pdf-text.mjs), and the negotiation
 * between application/pdf and the specification's base64 JSON.
 */
import { CvProfil } from '../../src/modules/cv/schemas';
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
