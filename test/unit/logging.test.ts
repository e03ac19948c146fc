import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions, scrubCpr } from '../../src/logging';

describe('scrubCpr', () => {
  it.each([
    ['0101901234', '[cpr]'],
    ['010190-1234', '[cpr]'],
    ['cpr 0101901234 here', 'cpr [cpr] here'],
    ['{"x-civilregistrationidentifier":"1502851237"}', '{"x-civilregistrationidentifier":"[cpr]"}'],
    ['"msg":"no borger 0707451239"', '"msg":"no borger [cpr]"'],
    ['a=0101901234&b=3112991234', 'a=[cpr]&b=[cpr]'],
    ['/v1/Borger/0101901234/x', '/v1/Borger/[cpr]/x'],
    ['x0101901234y', 'x[cpr]y'],
  ])('masks %j', (input, expected) => {
    expect(scrubCpr(input)).toBe(expected);
  });

  it('masks a CPR at the end of a sentence', () => {
    expect(scrubCpr('Unknown citizen 0101901234.')).toBe('Unknown citizen [cpr].');
    expect(scrubCpr('Citizen.0101901234 is unknown')).not.toContain('0101901234');
  });

  it.each([
    ['01019012345', 'eleven digits'],
    ['10101901234', 'eleven digits, CPR at the end'],
    ['"time":1763900000000', 'an epoch-milliseconds timestamp'],
    ['"time":1732354500123', 'another epoch-milliseconds timestamp'],
    ['"time":"2026-11-23T09:15:00.000Z"', 'an ISO timestamp'],
    ['"durationMs":12', 'a duration'],
    ['"elapsed":0.0101901234', 'a decimal fraction'],
    ['1234567890', 'ten digits that are no date (day 12, month 34)'],
    ['3f2b8c1e-6d4a-4e8b-9c1a-2b7d5e8f9a01', 'a uuid'],
    ['"reqId":"1b4e28ba-2fa1-41d2-883f-0101901234ab"', 'a uuid whose last group starts with a date-shaped ten digits'],
    ['1b4e28ba-2fa1-41d2-883f-a10101901234', 'a uuid whose last group ends with them'],
    ['0000000000', 'the unknown CPR (not a person)'],
  ])('leaves %j alone (%s)', (input) => {
    expect(scrubCpr(input)).toBe(input);
  });
});

describe('loggerOptions', () => {
  function capture(level = 'info') {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const options = loggerOptions({ logLevel: level as 'info' }, stream) as pino.LoggerOptions & { stream: NodeJS.WritableStream };
    const { stream: out, ...rest } = options;
    return { log: pino(rest, out as pino.DestinationStream), lines };
  }

  it('redacts the authorization and CPR headers and cpr properties', () => {
    const { log, lines } = capture();
    log.info(
      {
        req: {
          method: 'GET',
          url: '/v1/Jobagent?cpr=0101901234',
          headers: { authorization: 'Bearer secret-token', 'x-civilregistrationidentifier': '0101901234' },
        },
        headers: { authorization: 'Bearer secret-token', 'x-civilregistrationidentifier': '0101901234' },
        borger: { cpr: '0101901234' },
        cpr: '0101901234',
      },
      'hello',
    );
    const out = lines.join('');
    expect(out).toContain('hello');
    expect(JSON.parse(out).req).toEqual({ method: 'GET', url: '/v1/Jobagent' });
    expect(out).not.toContain('secret-token');
    expect(out).not.toContain('0101901234');
  });

  it('scrubs CPR numbers from messages and error stacks', () => {
    const { log, lines } = capture();
    log.error({ err: new Error('borger 1502851237 not found') }, 'lookup of 0707451239 failed');
    const out = lines.join('');
    expect(out).toContain('[cpr]');
    expect(out).not.toMatch(/1502851237|0707451239/);
  });

  it('respects the level', () => {
    const { log, lines } = capture('warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines.join('')).not.toContain('quiet');
    expect(lines.join('')).toContain('loud');
  });
});
