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
