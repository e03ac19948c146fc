/**
 * Counts the SQL statements the pg driver sends (every statement, BEGIN/COMMIT included), for the
 * tests of the write pattern (docs/write-pattern.md): one statement on a success path, one more
 * on a failure path to name the rule.
 */
import type { LightMyRequestResponse } from 'fastify';
import { Client as PgClient } from 'pg';

export interface StatementCounter {
  /** Starts recording what is sent. */
  start(): void;
  /** Stops recording; returns what was sent since start(). */
  stop(): string[];
  /** How many statements one request sends; asserts its status too. */
  statementsOf(run: () => Promise<LightMyRequestResponse>, status: number): Promise<number>;
}

/** Call inside a describe: wraps pg's Client.prototype.query in beforeAll and restores it in afterAll. */
export function countSqlStatements(): StatementCounter {
  let sent: string[] | undefined;
  const original = PgClient.prototype.query;
  beforeAll(() => {
    PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      sent?.push(typeof q === 'string' ? q : (q?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(() => {
    PgClient.prototype.query = original;
  });
  const counter: StatementCounter = {
    start: () => {
      sent = [];
    },
    stop: () => {
      const done = sent ?? [];
      sent = undefined;
      return done;
    },
    async statementsOf(run, status) {
      counter.start();
      const res = await run();
      const n = counter.stop().length;
      expect(res.statusCode).toBe(status);
      return n;
    },
  };
  return counter;
}
