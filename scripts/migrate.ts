/** npm run migrate: applies prisma/migrations to DATABASE_URL (same bookkeeping as `prisma migrate deploy`). */
import { applyMigrations } from '../src/db/migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required (the embedded database is migrated by npm start itself).\n');
  process.exit(2);
}
applyMigrations(url, (msg) => process.stdout.write(`${msg}\n`))
  .then((applied) => process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Database is up to date\n'))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
