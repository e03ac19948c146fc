import { Writable } from 'node:stream';

/** A pino destination for tests: keeps every log line the app writes. */
export class LineCollector extends Writable {
  readonly lines: string[] = [];
  _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get text() {
    return this.lines.join('\n');
  }
  get records(): Record<string, any>[] {
    return this.lines.map((l) => JSON.parse(l));
  }
  clear() {
    this.lines.length = 0;
  }
}

/** Log lines are written when the response has finished; let the hooks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
