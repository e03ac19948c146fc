// Extracts a PDF's text with pdfjs-dist (ESM-only, so it runs in its own Node process, outside
// Jest's CommonJS runtime). Reads the PDF from stdin; writes JSON to stdout:
// { pages, text (pages joined by "\n\f\n"), runs: [{ str, font }], info (the document information
// dictionary) }. `font` is pdfjs's id of the font a run is set in (the standard fonts are not
// embedded, so their names are not loaded): equal ids mean the same font, which is how a test
// tells bold and italic runs from normal ones.
// pdfjs-dist 5+ uses Promise.withResolvers (Node 22+); the engines field allows Node 20.19.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const task = getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
const pdf = await task.promise;
const pages = [];
const runs = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (item.str.trim() !== '') runs.push({ str: item.str, font: item.fontName });
  }
  pages.push(text);
}
const meta = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text: pages.join('\n\f\n'), runs, info: meta.info }));
await task.destroy();
