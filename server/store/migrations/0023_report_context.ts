import { type Kysely, sql } from 'kysely';

/**
 * Issue 13, the report's context:
 * - `address_notes`: notes on an address or area ("hond aanwezig"), a circle with an expiry; the retention job
 *   deletes expired ones (store/report-context.ts).
 * - The reporter's history counts reports by the same e-mail address or phone number: indexes on the forms the
 *   lookup compares (lower-case address, phone digits without separators), so it is no scan of every reporter.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('address_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('radius_m', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('address_notes_expires').on('address_notes').column('expires_at').execute();
  await db.schema.createIndex('address_notes_lat_lng').on('address_notes').columns(['lat', 'lng']).execute();
  await sql`create index reporters_email_lower on reporters (lower(email))`.execute(db);
  await sql`create index reporters_phone_digits on reporters
    (replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reporters_phone_digits`.execute(db);
  await sql`drop index reporters_email_lower`.execute(db);
  await db.schema.dropTable('address_notes').execute();
}
