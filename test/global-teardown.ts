/**
 * Jest globalTeardown. By default the test database (jobnet_test) is left in place so a
 * failed run can be inspected (psql postgresql://postgres@127.0.0.1:5432/jobnet_test);
 * the next run's global setup drops and recreates it anyway.
 * Set TEST_DROP_DATABASE=1 to drop it at the end of the run.
 */
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  if (!process.env.TEST_DROP_DATABASE) return;
  const base = process.env.TEST_DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
  const dbName = process.env.TEST_DATABASE_NAME ?? 'jobnet_test';
  const u = new URL(base);
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
