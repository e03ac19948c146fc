/**
 * The nearest valid values to an unknown one, for the 400/1014 answers of SearchCVText: values that contain
 * the given text (or are contained in it) first, then by edit distance (Levenshtein, case- and accent-blind
 * for æøå only by lower-casing). Runs on the error path only; the vocabularies are at most a few thousand.
 */

/** Levenshtein distance, with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `n` values of `vocabulary` nearest to `value`. */
export function nearest(value: string, vocabulary: Iterable<string>, n = 3): string[] {
  const v = value.toLowerCase().trim();
  const scored: { navn: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const navn of vocabulary) {
    if (seen.has(navn)) continue;
    seen.add(navn);
    const l = navn.toLowerCase();
    const contains = v.length >= 3 && (l.includes(v) || v.includes(l));
    const dist = editDistance(v, l, 12);
    scored.push({ navn, score: contains ? dist / 100 : dist });
  }
  scored.sort((a, b) => a.score - b.score || a.navn.localeCompare(b.navn, 'da'));
  return scored.slice(0, n).map((s) => s.navn);
}

/** Nearest postal codes to a 4-digit value by number; by text otherwise. */
export function nearestPostalCodes(value: string, codes: readonly string[], n = 3): string[] {
  if (!/^[0-9]{1,4}$/.test(value)) return nearest(value, codes, n);
  const x = Number(value.padEnd(4, '0'));
  return [...codes].sort((a, b) => Math.abs(Number(a) - x) - Math.abs(Number(b) - x) || Number(a) - Number(b)).slice(0, n);
}
