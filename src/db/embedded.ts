/**
 * Embedded PostgreSQL for the default (zero-setup) run and for tests that must not need a
 * server: PGlite (PostgreSQL compiled to WebAssembly) served over TCP on 127.0.0.1 by
 * pglite-socket, so `pg` / @prisma/adapter-pg connect to it like to any PostgreSQL.
 *
 * Things to know:
 * - PGlite is ONE database and ONE backend session. All TCP connections share that session:
 *   SET commands, advisory locks and temp tables are visible to every connection, and a
 *   transaction on one connection makes the server queue the other connections' queries
 *   until it ends. Fine for a demo/dev run, not a stand-in for concurrency tests.
 * - The socket server drops connections beyond `maxConnections` (its own default is 1), so
 *   keep it >= the pg pool size (default here 10).
 * - The session time zone is forced to UTC (Prisma 7 timestamps go wrong otherwise).
 * - `@electric-sql/pglite` and `@electric-sql/pglite-socket` versions must match each other
 *   exactly (0.5.14 / 0.2.17).
 * - Never generate migrations against PGlite (a shadow database would replay into it).
 * - Extensions the migrations create must be loaded here (cube, earthdistance).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';

// The contrib extensions are subpath exports, which this project's CommonJS module resolution cannot type;
// Node resolves them at run time.
/* eslint-disable @typescript-eslint/no-require-imports */
const { cube } = require('@electric-sql/pglite/contrib/cube') as { cube: Extension };
const { earthdistance } = require('@electric-sql/pglite/contrib/earthdistance') as { earthdistance: Extension };
/* eslint-enable @typescript-eslint/no-require-imports */
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgresql:// URL for pg / @prisma/adapter-pg (user postgres, database postgres). */
  url: string;
  /** Closes the TCP server (dropping its connections), then the database (flushing dataDir). */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory for the data files; persisted across restarts. In memory when undefined. */
  dataDir?: string;
  /** Max concurrent TCP connections; must be >= your pool size. Default 10. */
  maxConnections?: number;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const maxConnections = opts.maxConnections ?? 10;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`maxConnections must be a positive integer, got ${opts.maxConnections}`);
  }
  let dataDir: string | undefined;
  if (opts.dataDir !== undefined) {
    dataDir = path.resolve(opts.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }

  // cube + earthdistance: the CV search's distance filter (the migration creates the extensions; PGlite
  // must have their files loaded first, as contrib extensions of PostgreSQL are on a server's disk).
  const extensions = { cube, earthdistance };
  const db = await PGlite.create(dataDir !== undefined ? { dataDir, extensions } : { extensions });
  try {
    // Persist UTC for future sessions (restart with the same dataDir) and set it now: all
    // socket connections share this one session.
    await db.exec(`ALTER DATABASE postgres SET "TimeZone" TO 'UTC'; SET TIME ZONE 'UTC';`);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }

  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  try {
    await server.start();
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  const conn = server.getServerConn(); // "127.0.0.1:<port>" once listening
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0) {
    await server.stop().catch(() => {});
    await db.close().catch(() => {});
    throw new Error(`pglite-socket did not report a port (got "${conn}")`);
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop() {
      stopped ??= (async () => {
        try {
          await server.stop();
        } finally {
          await db.close();
        }
      })();
      return stopped;
    },
  };
}
