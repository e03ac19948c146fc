/**
 * npm run generate:cvs -- <N> [--seed <n>] [--no-bulk]
 *
 * Writes N generated CVs (src/modules/cv/generator: deterministic for a seed, realistic Danish CVs)
 * into the database at DATABASE_URL, which must be migrated (npm run migrate). Idempotent: CVs that
 * exist are skipped. By default loads with the search triggers off and rebuilds the search projection
 * once at the end (docs/cv-search.md); --no-bulk keeps the triggers on (each row indexed as written).
 */
import { Client } from 'pg';
import { loadGeneratedCvs, type Exec } from '../src/modules/cv/generator/load';

export const DEFAULT_SEED = 42;

async function main() {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^[0-9]+$/.test(a)));
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  const url = process.env.DATABASE_URL;
  if (!url || !Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: DATABASE_URL=postgresql://... npm run generate:cvs -- <N> [--seed <n>] [--no-bulk]\n');
    process.exit(2);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  const exec: Exec = async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[];
  const started = Date.now();
  try {
    const inserted = await loadGeneratedCvs(exec, {
      seed,
      n,
      bulk: !args.includes('--no-bulk'),
      progress: (done) => {
        if (done % 10_000 === 0 || done === n) process.stdout.write(`  ${done}/${n} generated (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      },
    });
    process.stdout.write(`Inserted ${inserted} CVs (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
