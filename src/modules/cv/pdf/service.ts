import type { Principal } from '../../../domain/access';
import { businessDay, type Clock } from '../../../domain/clock';
import { CV_STATUS, type SettableCvStatus } from '../kodelister';
import type { Cv, CvPaaStatus } from '../schemas';
import type { CvService } from '../service';
import { cvProfilToPdfView } from './mapping';
import type { RenderOptions } from './render';
import type { CvPdfView } from './view';

/**
 * pdfkit (with its fonts and font parser) and the renderer are loaded on the first PDF request,
 * not at start-up: requiring them costs about 24 MB of RSS, and most processes serve few PDFs.
 */
let renderer: Promise<typeof import('./render')> | undefined;
function renderCvPdf(view: CvPdfView, options: RenderOptions): Promise<Buffer> {
  renderer ??= import('./render');
  return renderer.then((m) => m.renderCvPdf(view, options));
}

const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "1. oktober 2026" (the Copenhagen calendar day of an instant). */
function danskDato(instant: Date): string {
  const [aar, maaned, dag] = businessDay(instant).split('-').map(Number);
  return `${dag}. ${MAANEDER[maaned - 1]} ${aar}`;
}

export interface CvPdf {
  pdf: Buffer;
  cvNummer: string;
  kommune?: Cv['kommune'];
}

export interface CvVersionPdf extends CvPdf {
  version: Omit<CvPaaStatus, 'cvProfil'>;
}

/**
 * GetCVAsPdf and the PDF of a stored version. The reads and their rules (who may read, 1010,
 * 4103, 4755, 4753/4754/4823, 9110-9113) are CvService's, so the PDF answers exactly as GetCV and
 * GetCVOnStatus do; this only draws the profile they return.
 */
export class CvPdfService {
  constructor(
    private readonly cv: Pick<CvService, 'getCv' | 'onStatus'>,
    private readonly clock: Clock,
  ) {}

  /** The CV as it is now, as employers see it. */
  async current(p: Principal, cpr: string): Promise<CvPdf> {
    const { cv, cvNummer } = await this.cv.getCv(p, cpr);
    const now = this.clock.now();
    const pdf = await renderCvPdf(cvProfilToPdfView(cv.cvProfil, `CV fra Jobnet, udskrevet ${danskDato(now)}`), { oprettet: now });
    return { pdf, cvNummer, ...(cv.kommune ? { kommune: cv.kommune } : {}) };
  }

  /** A stored status version (by status or version id), showing that version's content. */
  async version(p: Principal, cpr: string, q: { cvStatus?: SettableCvStatus; cvVersionId?: string }): Promise<CvVersionPdf> {
    const { version, cvNummer } = await this.cv.onStatus(p, cpr, q);
    const { cvProfil, ...meta } = version;
    const tidspunkt = new Date(version.versionstidspunkt);
    const fodnote = `CV-version fra ${danskDato(tidspunkt)} (${CV_STATUS[version.cvStatus] ?? `status ${version.cvStatus}`})`;
    const pdf = await renderCvPdf(cvProfilToPdfView(cvProfil, fodnote), { oprettet: tidspunkt });
    return { pdf, cvNummer, version: meta, ...(version.kommune ? { kommune: version.kommune } : {}) };
  }
}
