import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { loadConfig, ConfigError, type Config } from './config';
import { buildApp } from './app';
import { applyMigrations } from './db/migrate';
import { startEmbeddedPostgres } from './db/embedded';
import { seedDemoData } from './modules/demo-data';
import { DEMO_CITIZENS } from './domain/demo-citizens';
import { loadOrCreateLocalKey, signLocalToken } from './auth/local-key';
import { ROLE_SCOPES } from './domain/access';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** Process entry: embedded database if needed, migrations, seed, listen, graceful shutdown. */
async function main() {
  const config = readConfig();
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir, maxConnections: config.database.poolSize + 5 });
  if (embedded) config.database.url = embedded.url;

  const startupLog = pino({ level: config.logLevel, base: { phase: 'startup' } });
  await applyMigrations(config.database.url!, (msg) => startupLog.info(msg));
  const app = await buildApp({ config });
  if (config.database.seedDemoData) await seedDemoData(app.prisma, app.clock);

  // On SIGTERM: readiness turns 503 at once, requests are still served for SHUTDOWN_DRAIN_DELAY_MS
  // (a load balancer stops sending meanwhile), then the server stops accepting and closes, giving
  // in-flight requests up to SHUTDOWN_GRACE_MS.
  const drainMs = config.shutdownDrainDelayMs;
  closeWithGrace({ delay: drainMs + config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) {
      app.log.error({ err }, 'shutting down after an error');
    } else {
      app.log.info({ signal, drainMs }, 'shutting down');
      app.startDraining();
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    await app.close();
    await embedded?.stop();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ address, embeddedDatabase: Boolean(embedded), redis: Boolean(config.redis.url) }, 'listening');

  if (!config.auth.jwksUrl) {
    const anna = DEMO_CITIZENS.anna;
    const token = signLocalToken(loadOrCreateLocalKey(config.auth.localKeyFile), {
      sub: `borger-${anna.fornavn.toLowerCase()}`,
      role: 'borger',
      scope: ROLE_SCOPES.borger.join(' '),
      cpr: anna.cpr,
    });
    process.stdout.write(
      `\nJobnet citizen API is running.\n` +
        `  Swagger UI:   ${address}/docs\n` +
        `  OpenAPI:      ${address}/openapi.json\n` +
        `  Demo citizen: ${anna.fornavn} ${anna.efternavn}, x-civilRegistrationIdentifier: ${anna.cpr}\n` +
        `  Demo token (Authorize in Swagger UI; 8 hours; more with npm run token):\n\n${token}\n\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
