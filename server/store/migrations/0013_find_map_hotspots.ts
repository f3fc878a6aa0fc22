import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { fillReportCells } from '../report-cells';

/**
 * Finding, the map view and hotspots at a million reports (issue 11).
 *
 * Finding: SQLite keeps an FTS5 index over the address and description (external content: the words live only in
 * the index, kept by triggers, so an erasure that rewrites the description also drops its words; keyed by the report
 * number, which VACUUM does not renumber as it may the rowid); PostgreSQL a GIN
 * index over the same text as a `simple` tsvector. Both get an index on the lower-cased address for prefixes
 * (bytewise order: COLLATE "C" on PostgreSQL, SQLite's own) with the newest first within one address.
 *
 * Map view: the recent reports by `created_at` with the place in the index, the older open ones by place in a
 * partial index (the store says `status <> 'closed'` literally so SQLite uses it).
 *
 * Hotspots: the H3 cell (resolution 8) of each report in `h3_r8`, set by the store on insert and filled here for the
 * reports that exist; `hotspot_days` counts the reports per UTC day and cell (merged duplicates left out), kept by
 * triggers on every insert, delete and change of outcome, cell or creation time, so a window of whole days is a
 * read of a few thousand counts (store/hotspots.ts reads the partial days at its edges from the reports).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable('reports').addColumn('h3_r8', 'text').execute();
  await fillReportCells(db);
  await sql`create index reports_cell_missing on reports (created_at) where h3_r8 is null`.execute(db);
  await sql`create index reports_hotspot_cells on reports (created_at, h3_r8)
    where outcome is null or outcome <> 'duplicate'`.execute(db);
  await createHotspotDays(db, postgres);

  // The map's columns in the index: the recent part of the map view reads no table rows.
  await sql`create index reports_map_recent on reports (created_at, lat, lng, status, category, priority, number, id)`.execute(db);
  await sql`create index reports_map_open on reports (lat, lng) where status <> 'closed'`.execute(db);

  if (postgres) {
    await sql`create index reports_address_prefix on reports ((lower(address) collate "C"), created_at desc)`.execute(db);
    await sql`create index reports_words on reports
      using gin (to_tsvector('simple', coalesce(address, '') || ' ' || description))`.execute(db);
    await sql`analyze reports`.execute(db);
    return;
  }
  await sql`create index reports_address_prefix on reports (lower(address), created_at desc)`.execute(db);
  await sql`create virtual table reports_fts using fts5(address, description,
    content='reports', content_rowid='number', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6')`.execute(db);
  await sql`create trigger reports_fts_insert after insert on reports begin
      insert into reports_fts (rowid, address, description) values (new.number, new.address, new.description);
    end`.execute(db);
  await sql`create trigger reports_fts_delete after delete on reports begin
      insert into reports_fts (reports_fts, rowid, address, description) values ('delete', old.number, old.address, old.description);
    end`.execute(db);
  await sql`create trigger reports_fts_update after update of address, description on reports begin
      insert into reports_fts (reports_fts, rowid, address, description) values ('delete', old.number, old.address, old.description);
      insert into reports_fts (rowid, address, description) values (new.number, new.address, new.description);
    end`.execute(db);
  await sql`insert into reports_fts (reports_fts) values ('rebuild')`.execute(db);
}

const COUNTED_NEW = "new.h3_r8 is not null and (new.outcome is null or new.outcome <> 'duplicate')";
const COUNTED_OLD = "old.h3_r8 is not null and (old.outcome is null or old.outcome <> 'duplicate')";

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createHotspotDays(db: Kysely<any>, postgres: boolean): Promise<void> {
  await sql`create table hotspot_days (day text not null, cell text not null, n integer not null, primary key (day, cell))`.execute(db);
  await sql`insert into hotspot_days (day, cell, n)
    select substr(created_at, 1, 10), h3_r8, count(*) from reports
     where h3_r8 is not null and (outcome is null or outcome <> 'duplicate')
     group by substr(created_at, 1, 10), h3_r8`.execute(db);
  const add = sql.raw(`insert into hotspot_days (day, cell, n) select substr(new.created_at, 1, 10), new.h3_r8, 1 where ${COUNTED_NEW}
      on conflict (day, cell) do update set n = hotspot_days.n + 1`);
  const remove = sql.raw('update hotspot_days set n = n - 1 where day = substr(old.created_at, 1, 10) and cell = old.h3_r8');
  if (postgres) {
    await sql`create function reports_hotspot_days() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' and ${sql.raw(COUNTED_OLD)} then ${remove}; end if;
        if tg_op <> 'DELETE' then ${add}; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger reports_hotspot_days after insert or delete or update of outcome, h3_r8, created_at on reports
      for each row execute function reports_hotspot_days()`.execute(db);
    return;
  }
  await sql`create trigger reports_hotspot_days_insert after insert on reports begin ${add}; end`.execute(db);
  await sql`create trigger reports_hotspot_days_delete after delete on reports when ${sql.raw(COUNTED_OLD)} begin ${remove}; end`.execute(db);
  await sql`create trigger reports_hotspot_days_update after update of outcome, h3_r8, created_at on reports begin
      ${remove} and ${sql.raw(COUNTED_OLD)};
      ${add};
    end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`drop index reports_words`.execute(db);
    await sql`drop trigger reports_hotspot_days on reports`.execute(db);
    await sql`drop function reports_hotspot_days()`.execute(db);
  } else {
    const triggers = ['reports_fts_insert', 'reports_fts_delete', 'reports_fts_update'];
    for (const trigger of [...triggers, 'reports_hotspot_days_insert', 'reports_hotspot_days_delete', 'reports_hotspot_days_update']) {
      await sql`drop trigger ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table reports_fts`.execute(db);
  }
  await sql`drop table hotspot_days`.execute(db);
  for (const index of ['reports_address_prefix', 'reports_map_open', 'reports_map_recent', 'reports_hotspot_cells', 'reports_cell_missing']) {
    await sql`drop index ${sql.raw(index)}`.execute(db);
  }
  await db.schema.alterTable('reports').dropColumn('h3_r8').execute();
}
