/**
 * The cached 1M-report fixture of `npm run bench -- check`: a SQLite file under .bench-cache/ and a kept PostgreSQL
 * database, both built once at the schema of FIXTURE_BASE_MIGRATION, bulk-loaded, and then brought to the current
 * schema by the hub's own migrator (server/store/migrate.ts) on every run, so each later migration runs against a
 * filled database (and must backfill). Goals get copies: a file copy for SQLite, CREATE DATABASE … TEMPLATE for
 * PostgreSQL. `--fresh` rebuilds.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import categories from '../../../resources/categories.json' with { type: 'json' };
import type { Category } from '../../../server/protocol/report';
import { upsertCategories } from '../../../server/store/categories';
import { migrateToLatest } from '../../../server/store/migrate';
import { migrations } from '../../../server/store/migrations/index';
import { openStore } from '../../../server/store/open';
import type { DB } from '../../../server/store/schema';
import { bulkLoadPostgres, bulkLoadSqlite } from '../bulk-load';
import { generateAllReports, REPORT_COLUMNS, REPORT_PG_TYPES, STREETS } from '../report-data';
import { DEN_HAAG, PG_ADMIN_URL, postgresReachable, say } from '../support';
import { refreshStatistics, repairIndexes } from './fixture-indexes';
import { sweepDeadCopies, withFixtureLock } from './fixture-lock';
import { sideRows } from './fixture-side-rows';
import type { CheckFixture } from './goal';

/** Bump when the generated data changes; the old cache is then ignored (delete .bench-cache/ by hand). */
const FIXTURE_VERSION = 1;
/** The schema the rows are loaded into; every later migration is applied to the filled database. */
const FIXTURE_BASE_MIGRATION = '0010_alert_texts';
const REPORTS = 1_000_000;

const CACHE = fileURLToPath(new URL(`../../../.bench-cache/fixture-v${FIXTURE_VERSION}/`, import.meta.url));
const SQLITE_DIR = join(CACHE, 'sqlite');
const INFO_FILE = join(CACHE, 'info.json');
const PG_NAME = `meldkamer_bench_fixture_v${FIXTURE_VERSION}`;

type Info = CheckFixture['info'] & { builtAt: string; sqlite: boolean; postgres: boolean };

const since = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

function pgUrlOf(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The migrations up to the base: the same table names as server/store/migrate.ts, so migrateToLatest continues. */
async function migrateToBase(db: Kysely<DB>): Promise<void> {
  const base = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= FIXTURE_BASE_MIGRATION));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => base },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  await insertBaseCategories(db);
}

/**
 * The categories in the columns the base schema has: the store's upsertCategories writes the current schema's columns
 * (e.g. the SLA hours of a later migration), which the base does not have yet. They are upserted in full after the
 * migrations (migrateCached).
 */
async function insertBaseCategories(db: Kysely<DB>): Promise<void> {
  let order = 0;
  for (const c of categories as Category[]) {
    order += 1;
    await sql`insert into categories (code, name_nl, name_en, department, sla_working_days, sort_order, sensitive)
      values (${c.code}, ${c.nameNl}, ${c.nameEn}, ${c.department}, ${c.slaWorkingDays}, ${order}, ${c.sensitive ? 1 : 0})`.execute(db);
  }
}

function fixtureInfo(reports: ReturnType<typeof generateAllReports>, builtAt: string): Info {
  const status = REPORT_COLUMNS.indexOf('status');
  const number = REPORT_COLUMNS.indexOf('number');
  const address = REPORT_COLUMNS.indexOf('address');
  const open = reports.filter((r) => r[status] !== 'closed').length;
  const step = Math.floor(reports.length / 20);
  const sampleNumbers = Array.from({ length: 20 }, (_, k) => String(reports[k * step + 7]![number]));
  const sampleAddresses = reports
    .filter((_, k) => k % 50_001 === 3)
    .map((r) => r[address] as string | null)
    .filter((a): a is string => !!a)
    .slice(0, 20);
  return {
    reports: reports.length,
    open,
    bbox: { minLat: DEN_HAAG.latMin, maxLat: DEN_HAAG.latMax, minLng: DEN_HAAG.lngMin, maxLng: DEN_HAAG.lngMax },
    sampleNumbers,
    sampleAddresses: sampleAddresses.length > 0 ? sampleAddresses : STREETS.map((s) => `${s} 12`),
    sampleWords: ['vuilniszakken', 'fietswrak', 'lantaarnpaal', 'geluidsoverlast', 'boomtak', 'geparkeerd'],
    builtAt,
    sqlite: false,
    postgres: false,
  };
}

async function build(withPostgres: boolean): Promise<Info> {
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(SQLITE_DIR, { recursive: true });
  const t0 = performance.now();
  const now = Date.now();
  say(`fixture: generating ${REPORTS.toLocaleString('en-US')} reports (takes a few minutes in all; cached afterwards in ${CACHE})`);
  const reports = generateAllReports(REPORTS, now);
  const side = sideRows(reports, now);
  const tables = [{ name: 'reports', columns: REPORT_COLUMNS, pgTypes: REPORT_PG_TYPES, rows: reports }, side.reporters, side.outbox, side.events];
  say(
    `fixture: generated in ${since(t0)}: ${tables.map((t) => `${t.rows.length.toLocaleString('en-US')} ${t.name}`).join(', ')}`,
  );
  const info = fixtureInfo(reports, new Date(now).toISOString());
  const progress = (m: string) => say(`fixture: ${m} (${since(t0)})`);

  const sqlite = openStore({ dataDir: SQLITE_DIR });
  await migrateToBase(sqlite.db);
  const file = sqlite.location!;
  await sqlite.close();
  bulkLoadSqlite(file, tables, progress);
  info.sqlite = true;
  say(`fixture: SQLite loaded (${since(t0)})`);

  if (withPostgres) {
    await admin(async (c) => {
      await c.query(`drop database if exists ${PG_NAME} with (force)`);
      await c.query(`create database ${PG_NAME}`);
    });
    const store = openStore({ dataDir: SQLITE_DIR, databaseUrl: pgUrlOf(PG_NAME) });
    try {
      await migrateToBase(store.db);
    } finally {
      await store.close();
    }
    await bulkLoadPostgres(pgUrlOf(PG_NAME), tables, progress);
    info.postgres = true;
    say(`fixture: PostgreSQL loaded (${since(t0)})`);
  }
  writeFileSync(INFO_FILE, JSON.stringify(info, null, 2));
  return info;
}

/** Pending migrations applied in place; a failure is said with the migration's name and keeps that store out. */
async function migrateCached(kind: 'sqlite' | 'postgres'): Promise<string | undefined> {
  const store = kind === 'sqlite' ? openStore({ dataDir: SQLITE_DIR }) : openStore({ dataDir: SQLITE_DIR, databaseUrl: pgUrlOf(PG_NAME) });
  const t0 = performance.now();
  try {
    const applied = await migrateToLatest(store.db);
    await upsertCategories(store.db, categories as Category[]);
    if (applied.length > 0) say(`fixture: ${kind}: migrations applied to the filled database in ${since(t0)}: ${applied.join(', ')}`);
    const t1 = performance.now();
    const repaired = await repairIndexes(store.db, kind);
    if (repaired.length > 0) say(`fixture: ${kind}: indexes re-created to their migration's current definition in ${since(t1)}: ${repaired.join(', ')}`);
    if (applied.length > 0 || repaired.length > 0) {
      const t2 = performance.now();
      await refreshStatistics(store.db, kind);
      say(`fixture: ${kind}: ${kind === 'postgres' ? 'VACUUM ANALYZE' : 'PRAGMA optimize'} in ${since(t2)}`);
    }
    return undefined;
  } catch (err) {
    const why = `fixture: ${kind}: MIGRATION FAILED on the cached 1M-report database: ${(err as Error).message}`;
    say(why);
    return why;
  } finally {
    await store.close();
  }
}

/**
 * Puts what earlier goals wrote on disk before the next goal measures: the file system's dirty pages (a 0.9 GB copy
 * of the SQLite fixture is otherwise written back by the kernel during the next goal) and PostgreSQL's (a
 * CHECKPOINT: a copied 1.4 GB database, or a migration's backfill, is otherwise written out by a spread checkpoint
 * for minutes after, beside the next goal's commits). Returns what was done, for the log.
 */
export async function settleWrites(withPostgres: boolean): Promise<string> {
  const t0 = performance.now();
  const synced = spawnSync('sync');
  const done = [synced.status === 0 ? `sync ${since(t0)}` : `sync failed (${synced.error?.message ?? `exit ${synced.status}`})`];
  if (withPostgres) {
    const t1 = performance.now();
    // A goal still measures when this fails (PostgreSQL gone: its goals say so themselves); the log says it.
    await admin((c) => c.query('checkpoint')).then(
      () => done.push(`PostgreSQL checkpoint ${since(t1)}`),
      (err: unknown) => done.push(`PostgreSQL checkpoint failed (${(err as Error).message})`),
    );
  }
  return done.join(', ');
}

async function pgFixtureExists(): Promise<boolean> {
  return admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [PG_NAME])).rowCount === 1);
}

export interface OpenedFixture {
  fixture: CheckFixture;
  /** Why a store is unusable (a failed migration), for the goals' notes. */
  problems: string[];
  dispose(): Promise<void>;
}

export async function openFixture(options: { fresh: boolean }): Promise<OpenedFixture> {
  const withPostgres = await postgresReachable();
  const { info, problems, sqliteProblem, pgProblem } = await withFixtureLock(join(CACHE, '..'), async () => {
    await sweepDeadCopies(CACHE, withPostgres ? PG_NAME : undefined);
    let cached: Info | undefined = !options.fresh && existsSync(INFO_FILE) ? (JSON.parse(readFileSync(INFO_FILE, 'utf8')) as Info) : undefined;
    if (cached && withPostgres && (!cached.postgres || !(await pgFixtureExists()))) cached = undefined;
    if (!cached) cached = await build(withPostgres);
    else say(`fixture: cached (built ${cached.builtAt}) in ${CACHE}${withPostgres ? ` and PostgreSQL database ${PG_NAME}` : ''}`);
    const found: string[] = [];
    const sqliteFailure = await migrateCached('sqlite');
    if (sqliteFailure) found.push(sqliteFailure);
    const pgFailure = withPostgres ? await migrateCached('postgres') : undefined;
    if (pgFailure) found.push(pgFailure);
    return { info: cached, problems: found, sqliteProblem: sqliteFailure, pgProblem: pgFailure };
  });
  const pgUsable = withPostgres && !pgProblem;

  const copies: string[] = [];
  const pgCopies: string[] = [];
  const fixture: CheckFixture = {
    info,
    pgUrl: pgUsable ? pgUrlOf(PG_NAME) : undefined,
    sqliteDataDir: async () => {
      if (sqliteProblem) throw new Error(sqliteProblem);
      const dir = mkdtempSync(join(CACHE, `copy-${process.pid}-`));
      copies.push(dir);
      await withFixtureLock(join(CACHE, '..'), async () => copyFileSync(join(SQLITE_DIR, 'meldkamer.sqlite'), join(dir, 'meldkamer.sqlite')));
      return dir;
    },
    pgCopy: async () => {
      if (!pgUsable) return undefined;
      const name = `${PG_NAME}_copy_${process.pid}_${pgCopies.length + 1}`;
      await withFixtureLock(join(CACHE, '..'), () => admin(async (c) => {
        try {
          await c.query(`create database ${name} template ${PG_NAME}`);
        } catch {
          // A template must have no other sessions: end the idle ones goals left on the shared fixture, then retry.
          await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [PG_NAME]);
          await c.query(`create database ${name} template ${PG_NAME}`);
        }
      }));
      pgCopies.push(name);
      return pgUrlOf(name);
    },
  };
  return {
    fixture,
    problems,
    dispose: async () => {
      for (const dir of copies) rmSync(dir, { recursive: true, force: true });
      if (pgCopies.length > 0) await admin(async (c) => {
        for (const name of pgCopies) await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}
