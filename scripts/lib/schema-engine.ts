/**
 * Development-time driver for Prisma's official schema engine compiled to WebAssembly
 * (`@prisma/schema-engine-wasm`, a devDependency). The native schema engine cannot be
 * downloaded on our machines, so `prisma migrate dev/diff` do not run; this module gives
 * us the same engine's `diff` to (a) generate new migration SQL (scripts/migration-new.ts)
 * and (b) prove in a test that schema.prisma and prisma/migrations do not drift.
 *
 * Applying migrations at runtime does NOT use this module: see src/db/migrate.ts.
 *
 * Pitfalls handled here (found while getting the wasm engine to run on Node 20):
 * - The package is ESM and imports its `.wasm` as a module, which Node 20 (and Jest in
 *   CommonJS mode) cannot load. We evaluate the wasm-bindgen glue (`schema_engine_bg.js`)
 *   ourselves as a plain function and instantiate the `.wasm` with WebAssembly.Instance.
 *   Loaded once per process (per Jest module registry) and cached.
 * - The engine's timers (advisory-lock timeout) are unref'd so they never keep Node alive.
 * - @prisma/adapter-pg throws "Unsupported column type char" on PostgreSQL's internal
 *   `"char"` columns (pg_class.relkind etc.) that the introspection queries return: our pg
 *   Client reports them as `text`.
 * - adapter-pg's own `connectToShadowDb` is broken (the connection string wins over the
 *   shadow database name, and it drops the database before closing its pool): we provide
 *   our own shadow-database factory on the real PostgreSQL server.
 * - adapter-pg's `executeScript` splits scripts on ';': we run scripts as one simple query.
 * - Pool of 1 connection, with connect/idle timeouts.
 * - Driver errors come back from the engine as "External error id#N": we translate them
 *   through the adapter's error registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from '@prisma/schema-engine-wasm';
import { findProjectRoot } from '../../src/db/migrate';

type EngineModule = {
  SchemaEngine: { new: (options: { datamodels: [string, string][] | undefined }, log: (msg: string) => void, adapter: object) => Promise<SchemaEngine> };
  version: () => string;
};

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

const CACHE_KEY = Symbol.for('jobnet.schemaEngineWasm');

/** Loads and instantiates the wasm schema engine once per process (per module registry). */
export function loadSchemaEngineModule(): EngineModule {
  const g = globalThis as unknown as Record<symbol, EngineModule | undefined>;
  const cached = g[CACHE_KEY];
  if (cached) return cached;

  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(gluePath), 'schema_engine_bg.wasm');
  let source = fs.readFileSync(gluePath, 'utf8');

  // Turn the ESM glue into a function body returning its exports.
  const exported: string[] = [];
  source = source.replace(/^export function (\w+)/gm, (_m, name: string) => {
    exported.push(name);
    return `function ${name}`;
  });
  source = source.replace(/^export class (\w+)/gm, (_m, name: string) => {
    exported.push(name);
    return `class ${name}`;
  });
  if (/^export /m.test(source) || /^import /m.test(source)) {
    throw new Error(`Unexpected module syntax left in ${gluePath}; the schema-engine-wasm glue changed shape`);
  }
  const unrefSetTimeout = (fn: () => void, ms: number) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('setTimeout', `"use strict";\n${source}\nreturn { ${exported.join(', ')} };`) as (
    st: typeof unrefSetTimeout,
  ) => Record<string, unknown>;
  const glue = factory(unrefSetTimeout);

  // (tsconfig has no DOM lib, hence no WebAssembly typings)
  const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const wasmModule = new WA.Module(fs.readFileSync(wasmPath));
  const instance = new WA.Instance(wasmModule, { './schema_engine_bg.js': glue });
  (glue.__wbg_set_wasm as (w: unknown) => void)(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();

  const mod: EngineModule = {
    SchemaEngine: glue.SchemaEngine as EngineModule['SchemaEngine'],
    version: glue.version as () => string,
  };
  g[CACHE_KEY] = mod;
  return mod;
}

// ---------------------------------------------------------------------------------------
// pg / adapter plumbing

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type
const PG_TEXT_OID = 25;

type FieldLike = { dataTypeID: number };
type ResultLike = { fields?: FieldLike[] };

function fixCharFields<T>(res: T): T {
  const fix = (r: ResultLike | undefined) => {
    if (r && Array.isArray(r.fields)) {
      for (const f of r.fields) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
    }
  };
  if (Array.isArray(res)) res.forEach((r) => fix(r as ResultLike));
  else fix(res as unknown as ResultLike);
  return res;
}

/** pg Client that reports `"char"` result columns as text, which adapter-pg understands. */
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: Error | null, res: unknown) => void;
      args[cbIndex] = (err: Error | null, res: unknown) => cb(err, err ? res : fixCharFields(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ret = (super.query as any)(...args);
    return ret && typeof ret.then === 'function' ? ret.then(fixCharFields) : ret;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function poolConfig(url: string): pg.PoolConfig {
  return {
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 10_000,
    options: '-c TimeZone=UTC',
    Client: CharAsTextClient,
  };
}

type Disposer = () => Promise<void>;

async function connectAdapter(
  url: string,
  track: Set<Disposer>,
  onDispose?: () => Promise<void>,
): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool(poolConfig(url));
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  const adapter = (await factory.connect()) as unknown as SqlDriverAdapter & { onError(e: unknown): never };
  // The engine reads pg_constraint.contype (check and exclusion constraints) as a char, which
  // adapter-pg reports as text: hand that one column over as a character.
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (name === 'constraint_type') result.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return result;
  };
  // Run scripts as one simple query (multi-statement), not split on ';'.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  // Idempotent dispose, also run by withSchemaEngine at the end: engine.free() does not
  // dispose adapters, and a pooled connection left open would keep holding Prisma's
  // session-level advisory lock (72707369) until the pool's idle timeout.
  const dispose = adapter.dispose.bind(adapter);
  let disposed: Promise<void> | undefined;
  const disposeOnce: Disposer = () => {
    disposed ??= (async () => {
      track.delete(disposeOnce);
      try {
        await dispose();
      } finally {
        await onDispose?.();
      }
    })();
    return disposed;
  };
  adapter.dispose = disposeOnce;
  track.add(disposeOnce);
  return adapter;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server of `url`; returns its URL and a drop function. */
export async function createTemporaryDatabase(
  url: string,
  prefix = 'prisma_shadow',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(url, name),
    name,
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Migration-aware adapter factory for the engine: main database = `url`; shadow databases
 * are created next to it (same server) and dropped on dispose. Never use PGlite here: it has
 * a single database, so a shadow database would replay into the main one.
 */
export function engineAdapterFactory(
  url: string,
  track: Set<Disposer> = new Set(),
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(url, track),
    connectToShadowDb: async () => {
      const shadow = await createTemporaryDatabase(url);
      try {
        return await connectAdapter(shadow.url, track, shadow.drop);
      } catch (e) {
        await shadow.drop().catch(() => {});
        throw e;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// Engine session

export interface EngineSession {
  engine: SchemaEngine;
  /** Runs an engine command, translating "External error id#N" into the driver error. */
  run<T>(fn: (engine: SchemaEngine) => Promise<T>): Promise<T>;
}

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Opens the wasm engine against the database at `url` (real PostgreSQL), runs `fn`, frees
 * the engine. `log` receives the engine's tracing output (noisy; default: discarded).
 */
export async function withSchemaEngine<T>(
  url: string,
  fn: (session: EngineSession) => Promise<T>,
  opts: { schemaFiles?: [string, string][]; log?: (msg: string) => void } = {},
): Promise<T> {
  const { SchemaEngine } = loadSchemaEngineModule();
  const adapters = new Set<Disposer>();
  const disposeAll = async () => {
    await Promise.allSettled([...adapters].map((d) => d()));
  };
  const bound = bindMigrationAwareSqlAdapterFactory(engineAdapterFactory(url, adapters));
  const translate = (e: unknown): unknown => {
    const id = e instanceof Error ? /id#(\d+)/.exec(e.message)?.[1] : undefined;
    const found = id !== undefined ? bound.errorRegistry.consumeError(Number(id)) : undefined;
    if (found) {
      const inner = found.error as { message?: string; kind?: string; originalMessage?: string };
      const msg = inner.originalMessage ?? inner.message ?? JSON.stringify(inner);
      return new Error(`Schema engine driver error: ${msg}`, { cause: found.error });
    }
    return e;
  };
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngine.new({ datamodels: opts.schemaFiles }, opts.log ?? (() => {}), bound);
  } catch (e) {
    await disposeAll();
    throw translate(e);
  }
  const session: EngineSession = {
    engine,
    run: async (f) => {
      try {
        return await f(engine);
      } catch (e) {
        throw translate(e);
      }
    },
  };
  try {
    return await fn(session);
  } finally {
    engine.free();
    await disposeAll();
  }
}

// ---------------------------------------------------------------------------------------
// Project files

export function projectPaths(root = findProjectRoot()) {
  return {
    root,
    schema: path.join(root, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(root, 'prisma', 'migrations'),
  };
}

/** The migrations directory in the shape Prisma's CLI hands to the engine. */
export function readMigrationList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null;
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort((a, b) => a.localeCompare(b))
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
      try {
        content = { tag: 'ok', value: fs.readFileSync(file, 'utf8') };
      } catch (e) {
        content = { tag: 'error', value: (e as Error).message };
      }
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

export function schemaTarget(schemaPath: string): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }] };
}

/** SQL script taking `from` to `to`; empty string when there is nothing to do. */
export async function diffScript(session: EngineSession, from: DiffTarget, to: DiffTarget): Promise<string> {
  const res = await session.run((e) => e.diff({ from, to, script: true, exitCode: true, filters: NO_FILTER }));
  return res.exitCode === 2 ? res.stdout ?? '' : '';
}

export const LOCKFILE_CONTENT =
  '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n';
