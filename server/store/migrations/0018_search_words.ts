import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Finding reports by words on PostgreSQL at a million reports (issue 11; SQLite's FTS5 table from 0013 is unchanged).
 *
 * 0013 indexed `to_tsvector('simple', address || description)` as an expression: every query that checks the newest
 * reports one by one computed it per row again, and a word typed as a prefix (`fiets:*`) is a partial match, which
 * GIN answers by collecting every posting of every matching word into a bitmap, with no skipping: two common words
 * that never meet took ~40 ms on a quiet machine to find nothing.
 *
 * Now the words are stored in `reports.search_words`, kept by a trigger when the address or description is written
 * (an erasure that rewrites the description rewrites them too; status changes do not recompute them), and besides
 * each word the vector holds its first four letters with a `*` (`fietswrak` adds `fiet*`; the parser never yields a
 * `*`, so no word can be taken for one). A typed prefix of four letters or more asks the GIN index for that exact
 * entry, which it intersects by skipping like whole words, and the rows found are checked against the real prefix;
 * shorter prefixes stay partial matches. store/report-search.ts builds these queries.
 *
 * On a filled database the column is filled by one table rewrite (`ALTER COLUMN … TYPE … USING`), not an UPDATE of
 * every row (which would leave a dead copy of each and an entry in every index). The rewrite holds an exclusive lock
 * on reports while it runs (minutes at a million reports; docs/BENCHMARKS.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function report_search_words(address text, description text) returns tsvector
    language plpgsql immutable parallel safe as $$
    declare
      words tsvector := to_tsvector('simple', coalesce(address, '') || ' ' || description);
    begin
      return words || array_to_tsvector(array(
        select distinct left(w, 4) || '*' from unnest(tsvector_to_array(words)) w where char_length(w) > 4));
    end $$`.execute(db);
  await sql`drop index reports_words`.execute(db);
  await sql`alter table reports add column search_words tsvector`.execute(db);
  await sql`alter table reports alter column search_words type tsvector using report_search_words(address, description)`.execute(db);
  await sql`create function reports_search_words() returns trigger language plpgsql as $$
    begin
      new.search_words := report_search_words(new.address, new.description);
      return new;
    end $$`.execute(db);
  await sql`create trigger reports_search_words before insert or update of address, description on reports
    for each row execute function reports_search_words()`.execute(db);
  await sql`create index reports_search_words on reports using gin (search_words)`.execute(db);
  await sql`analyze reports`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop trigger reports_search_words on reports`.execute(db);
  await sql`drop function reports_search_words()`.execute(db);
  await sql`alter table reports drop column search_words`.execute(db);
  await sql`drop function report_search_words(text, text)`.execute(db);
  await sql`create index reports_words on reports
    using gin (to_tsvector('simple', coalesce(address, '') || ' ' || description))`.execute(db);
}
