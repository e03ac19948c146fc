/**
 * The PDF uses the 14 standard fonts (Helvetica and its bold/oblique variants), which pdfkit
 * writes with WinAnsiEncoding: Latin-1 (so æ ø å Æ Ø Å é ü ...) plus a few typographic signs.
 * A character outside it would come out as a wrong glyph, so it is replaced before rendering:
 * by its base letter when it decomposes to one (ł stays '?', ă becomes a), otherwise by '?'.
 */
const EKSTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

export function erWinAnsi(kode: number): boolean {
  return (kode >= 0x20 && kode <= 0x7e) || (kode >= 0xa0 && kode <= 0xff) || EKSTRA.has(kode);
}

export function tilWinAnsi(tekst: string): string {
  let ud = '';
  for (const tegn of tekst) {
    const kode = tegn.codePointAt(0)!;
    if (erWinAnsi(kode)) {
      ud += tegn;
    } else if (kode === 0x09 || kode === 0x0a || kode === 0x0d) {
      ud += tegn === '\t' ? ' ' : tegn;
    } else if (kode < 0x20 || (kode >= 0x7f && kode < 0xa0)) {
      // control characters: dropped
    } else {
      let erstatning = '';
      for (const del of tegn.normalize('NFKD')) {
        const k = del.codePointAt(0)!;
        if (erWinAnsi(k)) erstatning += del;
      }
      ud += erstatning || '?';
    }
  }
  return ud;
}
