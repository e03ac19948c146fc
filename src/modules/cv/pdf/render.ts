import PDFDocument from 'pdfkit';
import { formatPeriode, SPROGNIVEAU_TEKST, type CvPdfErfaring, type CvPdfUddannelse, type CvPdfView } from './view';
import { summaryHtmlToBlocks, type TekstStykke } from './summary-html';
import { tilWinAnsi } from './winansi';

/**
 * Renders the CV as employers see it to a PDF with pdfkit (maintained, pure JavaScript). Fonts:
 * the standard Helvetica family (WinAnsi: æ ø å Æ Ø Å and the rest of Latin-1), so nothing is
 * embedded and a PDF is small and quick; bold and italic in the summary use the font variants,
 * underline is drawn by pdfkit. Every string passes through tilWinAnsi first.
 */

const MARGIN = 50;
const MAX_INDRYK_NIVEAU = 6;
const FARVE_TEKST = '#1a1a1a';
const FARVE_SVAG = '#555555';
const FARVE_ACCENT = '#0b4f6c';

const FONT = {
  normal: 'Helvetica',
  fed: 'Helvetica-Bold',
  kursiv: 'Helvetica-Oblique',
  fedKursiv: 'Helvetica-BoldOblique',
} as const;

function fontFor(stykke: Pick<TekstStykke, 'fed' | 'kursiv'>): string {
  if (stykke.fed && stykke.kursiv) return FONT.fedKursiv;
  if (stykke.fed) return FONT.fed;
  if (stykke.kursiv) return FONT.kursiv;
  return FONT.normal;
}

export interface RenderOptions {
  /** The PDF's CreationDate (makes the bytes reproducible); the CV's or the version's time. */
  oprettet: Date;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Lets other requests run between parts of a long CV: pdfkit lays text out synchronously, and a
 * CV of 20 KB takes about 12 ms of CPU, which would otherwise block the event loop in one piece.
 */
const giVej = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * At most this many PDFs are laid out at once in a process; the rest wait their turn (FIFO).
 * Rendering is CPU work on the one JavaScript thread, so more at once would not finish sooner,
 * only hold more half-built documents in memory.
 */
export const MAX_SAMTIDIGE_PDF = 2;
let igang = 0;
const venter: (() => void)[] = [];

async function medPlads<T>(arbejde: () => Promise<T>): Promise<T> {
  if (igang >= MAX_SAMTIDIGE_PDF) await new Promise<void>((resolve) => venter.push(resolve));
  else igang += 1;
  try {
    return await arbejde();
  } finally {
    const naeste = venter.shift();
    if (naeste) naeste();
    else igang -= 1;
  }
}

export function renderCvPdf(view: CvPdfView, options: RenderOptions): Promise<Buffer> {
  return medPlads(() => tegnPdf(view, options));
}

async function tegnPdf(view: CvPdfView, options: RenderOptions): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: tilWinAnsi(`CV – ${view.navn}`),
      Author: 'Jobnet',
      Creator: 'Jobnet citizen API',
      Producer: 'pdfkit',
      CreationDate: options.oprettet,
      ModDate: options.oprettet,
    },
    pdfVersion: '1.7',
    lang: 'da-DK',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    await tegnCv(doc, view);
  } finally {
    doc.end();
  }
  return done;
}

const bredde = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

async function tegnCv(doc: Doc, view: CvPdfView): Promise<void> {
  doc.fillColor(FARVE_TEKST).font(FONT.fed).fontSize(22).text(tilWinAnsi(view.navn), { width: bredde(doc) });

  const kontakt = [...view.kontakt.adresselinjer, view.kontakt.email, ...view.kontakt.telefonnumre.map((t) => `Tlf. ${t}`)].filter(
    (s): s is string => !!s && s.trim() !== '',
  );
  if (kontakt.length > 0) {
    doc.moveDown(0.2).font(FONT.normal).fontSize(10).fillColor(FARVE_SVAG).text(tilWinAnsi(kontakt.join('  ·  ')), { width: bredde(doc) });
  }
  streg(doc);

  if (view.fagligProfilHtml && view.fagligProfilHtml.trim() !== '') {
    overskrift(doc, 'Faglig profil');
    fagligProfil(doc, view.fagligProfilHtml);
  }
  await erfaringer(doc, 'Erhvervserfaring', view.erhvervserfaring);
  await erfaringer(doc, 'Uddannelse', view.uddannelser);
  await erfaringer(doc, 'Kurser', view.kurser);
  await erfaringer(doc, 'Certifikater', view.certifikater);
  await giVej();
  if (view.kvalifikationer.length > 0) {
    overskrift(doc, 'Kvalifikationer');
    punktliste(doc, view.kvalifikationer);
  }
  if (view.sprog.length > 0) {
    overskrift(doc, 'Sprog');
    punktliste(doc, view.sprog.map((s) => `${s.navn}: ${SPROGNIVEAU_TEKST[s.niveau] ?? s.niveau}`));
  }
  if (view.koerekort.length > 0) {
    overskrift(doc, 'Kørekort');
    punktliste(doc, view.koerekort.map((k) => (!k.navn || k.navn === k.kode ? k.kode : k.navn.includes(`(${k.kode})`) ? k.navn : `${k.kode}: ${k.navn}`)));
  }
  await erfaringer(doc, 'Andre erfaringer', view.andreErfaringer);
  if (view.websider.length > 0) {
    overskrift(doc, 'Referencer og websider');
    punktliste(doc, view.websider);
  }
  if (view.fodnote) {
    doc.moveDown(1.5).font(FONT.kursiv).fontSize(8).fillColor(FARVE_SVAG).text(tilWinAnsi(view.fodnote), MARGIN, undefined, { width: bredde(doc) });
  }
}

function streg(doc: Doc) {
  doc.moveDown(0.6);
  const y = doc.y;
  doc
    .save()
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.8)
    .strokeColor(FARVE_ACCENT)
    .stroke()
    .restore();
  doc.moveDown(0.4);
}

function overskrift(doc: Doc, tekst: string) {
  // Keep a heading with at least a few lines of its content.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.8).font(FONT.fed).fontSize(13).fillColor(FARVE_ACCENT).text(tilWinAnsi(tekst), MARGIN, undefined, { width: bredde(doc) });
  doc.moveDown(0.3).fillColor(FARVE_TEKST);
}

function punktliste(doc: Doc, linjer: string[], indryk = 0) {
  doc.font(FONT.normal).fontSize(10).fillColor(FARVE_TEKST);
  for (const linje of linjer) {
    const x = MARGIN + indryk + 12;
    const y = doc.y;
    doc.text('•', MARGIN + indryk, y, { lineBreak: false });
    doc.text(tilWinAnsi(linje), x, y, { width: bredde(doc) - indryk - 12 });
  }
  doc.x = MARGIN;
}

async function erfaringer(doc: Doc, titel: string, poster: (CvPdfErfaring | CvPdfUddannelse)[]): Promise<void> {
  if (poster.length === 0) return;
  overskrift(doc, titel);
  for (const [i, post] of poster.entries()) {
    if (i > 0) {
      if (i % 4 === 0) await giVej();
      doc.moveDown(0.5);
    }
    doc.font(FONT.fed).fontSize(11).fillColor(FARVE_TEKST).text(tilWinAnsi(post.titel), MARGIN, undefined, { width: bredde(doc) });
    const linje = [post.sted, formatPeriode(post.periode)].filter((s) => !!s && s.trim() !== '').join('  ·  ');
    if (linje) doc.font(FONT.normal).fontSize(9.5).fillColor(FARVE_SVAG).text(tilWinAnsi(linje), { width: bredde(doc) });
    if (post.beskrivelse && post.beskrivelse.trim() !== '') {
      doc.moveDown(0.15).font(FONT.normal).fontSize(10).fillColor(FARVE_TEKST).text(tilWinAnsi(post.beskrivelse.trim()), { width: bredde(doc) });
    }
  }
}

function fagligProfil(doc: Doc, html: string) {
  const blokke = summaryHtmlToBlocks(html);
  doc.fontSize(10).fillColor(FARVE_TEKST);
  for (const blok of blokke) {
    // Deeper lists than this are drawn at this depth, so the text keeps a usable width.
    const indryk = Math.min(blok.niveau, MAX_INDRYK_NIVEAU) * 14;
    const x = MARGIN + indryk + (blok.art === 'afsnit' ? 0 : 14);
    const width = bredde(doc) - (x - MARGIN);
    const y = doc.y;
    if (blok.art !== 'afsnit') {
      doc.font(FONT.normal).text(blok.art === 'punkt' ? '•' : `${blok.nummer}.`, MARGIN + indryk, y, { lineBreak: false });
    }
    blok.stykker.forEach((stykke, i) => {
      const sidste = i === blok.stykker.length - 1;
      doc.font(fontFor(stykke));
      const tekst = tilWinAnsi(stykke.tekst);
      if (i === 0) doc.text(tekst, x, y, { width, continued: !sidste, underline: stykke.understreget });
      else doc.text(tekst, { continued: !sidste, underline: stykke.understreget });
    });
    if (blok.art === 'afsnit' && blok.niveau === 0) doc.moveDown(0.3);
  }
  doc.x = MARGIN;
  doc.font(FONT.normal);
}
