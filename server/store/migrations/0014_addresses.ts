import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The offline address index (issue 12), filled by `npm run import:addresses` (store/addresses.ts):
 * - `addresses`: one row per address (street, number, letter, addition, postcode, place, point). `cell` is a grid cell
 *   of about 550 × 340 m (store/address-cells.ts) so the nearest address is found from a few cells' rows on an index.
 * - `address_names`: what can be found by name: every street of a place (at its addresses' centre) and the named
 *   places of the import file (Malieveld, Centraal Station). `search` holds the normalised words, full-text indexed
 *   with prefixes (SQLite FTS5 `address_names_fts`; PostgreSQL a GIN index on its `simple` tsvector).
 * Alerts gain the nearest address of their position, looked up after the alert was raised (commands/alert-address.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('addresses')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('house_number', 'integer', (c) => c.notNull())
    .addColumn('house_letter', 'text')
    .addColumn('addition', 'text')
    .addColumn('postcode', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('cell', 'bigint', (c) => c.notNull())
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('addresses_street_number').on('addresses').columns(['street', 'place', 'house_number']).execute();
  await db.schema.createIndex('addresses_postcode_number').on('addresses').columns(['postcode', 'house_number']).execute();
  await db.schema.createIndex('addresses_cell').on('addresses').column('cell').execute();

  await db.schema
    .createTable('address_names')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** The name normalised (lower case, no accents, words by single spaces) for ranking exact matches first. */
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('address_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('address_names_kind_name').on('address_names').columns(['kind', 'name', 'place']).execute();
  if (postgres) {
    await sql`create index address_names_search on address_names using gin (to_tsvector('simple', search))`.execute(db);
  } else {
    await sql`create virtual table address_names_fts using fts5(search, content='address_names', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`.execute(db);
  }

  await db.schema.alterTable('alerts').addColumn('address_label', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('address_distance_m', 'integer').execute();
  await db.schema.alterTable('alerts').addColumn('address_checked_at', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) await sql`drop table if exists address_names_fts`.execute(db);
  await db.schema.dropTable('address_names').execute();
  await db.schema.dropTable('addresses').execute();
  for (const column of ['address_label', 'address_distance_m', 'address_checked_at']) {
    await db.schema.alterTable('alerts').dropColumn(column).execute();
  }
}
