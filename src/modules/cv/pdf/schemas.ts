import { Type, type Static } from '@sinclair/typebox';
import { d } from '../../../schemas/common';
import { CvPaaStatusFelter, Kommune } from '../schemas';

/** The longest base64 PDF a JSON answer may carry (a full CV renders to well under 100 KB). */
export const MAX_PDF_BASE64 = 8_000_000;

const Base64Pdf = (english: string) =>
  Type.String({
    contentEncoding: 'base64',
    contentMediaType: 'application/pdf',
    maxLength: MAX_PDF_BASE64,
    description: d("CV'et i PDF-format, base64-kodet", english),
    examples: ['JVBERi0xLjcKJf////8KMSAwIG9iago8PC9UeXBlIC9DYXRhbG9nIC9QYWdlcyAyIDAgUj4+CmVuZG9iago='],
  });

/** GetCVAsPdfResponse: the municipality and the PDF (GetCVAsPdfResult); the CPR is the request's header. */
export const CvPdfSvar = Type.Object(
  {
    kommune: Type.Optional(Kommune),
    cvPdf: Base64Pdf('GetCVAsPdfResult'),
  },
  {
    $id: 'CvPdfSvar',
    additionalProperties: false,
    description: d("CV'et som PDF, som det aktuelt fremstår på Jobnet for fx en arbejdsgiver", 'GetCVAsPdfResponse'),
    examples: [{ kommune: { kommunekode: '751', kommunenavn: 'Aarhus' }, cvPdf: 'JVBERi0xLjcKJf////8K' }],
  },
);
export type CvPdfSvar = Static<typeof CvPdfSvar>;

/** GetCVOnStatus's CVOnStatusItem with the PDF (CompleteCVAsPdfResult) instead of the profile. */
export const CvPaaStatusPdfSvar = Type.Object(
  {
    ...CvPaaStatusFelter,
    cvPdf: Base64Pdf('CompleteCVAsPdfResult'),
  },
  {
    $id: 'CvPaaStatusPdfSvar',
    additionalProperties: false,
    description: d("CV-versionen som PDF, som CV'et så ud, da det fik status", 'GetCVOnStatusResponse / CVOnStatusItem'),
    examples: [
      {
        kommune: { kommunekode: '751', kommunenavn: 'Aarhus' },
        cvStatus: 3,
        cvKommentar: "CV'et er gennemgået sammen med borgeren.",
        cvVersionId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        versionstidspunkt: '2026-10-01T10:00:00.000Z',
        cvPdf: 'JVBERi0xLjcKJf////8K',
      },
    ],
  },
);
export type CvPaaStatusPdfSvar = Static<typeof CvPaaStatusPdfSvar>;

/** The application/pdf body, for the OpenAPI document. */
export const PdfBinary = Type.String({ format: 'binary', description: "CV'et som PDF (application/pdf)", examples: ['%PDF-1.7 (binær)'] });
