import type { Pool } from 'pg';
import type { Prisma } from '../generated/prisma/client';

/**
 * Runs a statement built with Prisma.sql on the app's pg pool, without Prisma's per-call work
 * (request building, the query interpreter, result mapping: about 90 µs of CPU and extra garbage per
 * call in the benchmark's profile). For the hot statements only; see docs/write-pattern.md. Values
 * are bound parameters as with $queryRaw; pg returns timestamptz as Date, jsonb parsed, uuid as text.
 */
export async function rawQuery<Row>(pool: Pool, statement: Prisma.Sql): Promise<Row[]> {
  const result = await pool.query(statement.text, statement.values);
  return result.rows as Row[];
}

/**
 * Runs `statements` in order in one transaction on one connection of the pool and returns the
 * rows of the last. Each statement takes a fresh snapshot (READ COMMITTED), so a statement after a
 * lock sees what the lock's previous holder committed. Rolled back on any error.
 */
export async function rawTransaction<Row>(pool: Pool, statements: readonly Prisma.Sql[]): Promise<Row[]> {
  const client = await pool.connect();
  let rows: Row[] = [];
  try {
    await client.query('BEGIN');
    for (const s of statements) rows = (await client.query(s.text, s.values)).rows as Row[];
    await client.query('COMMIT');
    return rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
