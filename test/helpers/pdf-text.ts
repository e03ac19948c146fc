import { spawn } from 'node:child_process';
import path from 'node:path';

export interface PdfText {
  pages: number;
  /** Every page's text, lines ended by "\n", pages separated by "\n\f\n". */
  text: string;
  /** The text runs with pdfjs's id of their font: equal ids, same font. */
  runs: { str: string; font: string }[];
  /** The document information dictionary (Title, Author, CreationDate, ...). */
  info: Record<string, unknown>;
}

const SCRIPT = path.join(__dirname, 'extract-pdf-text.mjs');
const REPO_ROOT = path.join(__dirname, '../..');

/**
 * Extracts a PDF's text with pdfjs-dist. pdfjs-dist is ESM-only and cannot be loaded in Jest's
 * CommonJS runtime, so it runs in a child Node process (test/helpers/extract-pdf-text.mjs), fed on stdin.
 */
export function extractPdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`extract-pdf-text.mjs exited with ${code}: ${Buffer.concat(err).toString()}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfText);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(pdf);
  });
}
