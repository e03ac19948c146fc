/**
 * Content negotiation of the PDF operations: application/pdf (the default) or the specification's
 * JSON shape with the PDF base64-encoded (application/json). Reads the Accept header's media
 * ranges and q-values (RFC 9110 section 12.5.1) by splitting on ',' and ';', no regex. Ties go to
 * the more specific range and then to PDF; an Accept that admits neither also gets the PDF.
 */
export type PdfFormat = 'pdf' | 'json';

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parse(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.slice(0, 1000).split(',')) {
    const [media, ...params] = part.split(';');
    const slash = media.indexOf('/');
    if (slash < 0) continue;
    let q = 1;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = Number(param.slice(eq + 1).trim());
      q = Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
    }
    ranges.push({ type: media.slice(0, slash).trim().toLowerCase(), subtype: media.slice(slash + 1).trim().toLowerCase(), q });
  }
  return ranges;
}

/** The q of a concrete type under the ranges: the most specific matching range decides. */
function quality(ranges: Range[], type: string, subtype: string): number {
  let best: { specificity: number; q: number } | undefined;
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity) best = { specificity, q: r.q };
  }
  return best?.q ?? 0;
}

export function pdfFormat(accept: string | undefined): PdfFormat {
  if (!accept || accept.trim() === '') return 'pdf';
  const ranges = parse(accept);
  const pdf = quality(ranges, 'application', 'pdf');
  const json = quality(ranges, 'application', 'json');
  return json > pdf ? 'json' : 'pdf';
}
