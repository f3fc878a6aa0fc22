import type { Kysely } from 'kysely';

/**
 * Privacy: consent recorded with each report (and each reporter), consent declared per Open311 API key,
 * categories marked sensitive (left out of the public Open311 list's descriptions, coordinates rounded),
 * and the access log of personal data (who viewed, searched, exported or erased whose contact details).
 * Reports from before have no recorded consent (null), as they were taken when none was asked for.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('categories').addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The nuisance category of the default set: its reports describe neighbours and passers-by.
  await db.updateTable('categories').set({ sensitive: 1 }).where('code', '=', 'overlast').execute();

  // 1 agreed, 0 declined (no contact details kept), null: taken before consent was recorded.
  await db.schema.alterTable('reports').addColumn('contact_consent', 'integer').execute();
  await db.schema.alterTable('reports').addColumn('contact_consent_at', 'text').execute();
  await db.schema.alterTable('reporters').addColumn('consent_at', 'text').execute();
  // 'console' (asked on the phone or at the counter) or 'open311' (declared by the client app's key).
  await db.schema.alterTable('reporters').addColumn('consent_via', 'text').execute();

  await db.schema.alterTable('api_keys').addColumn('contact_consent', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    /** contacts.view | outbox.view | privacy.search | privacy.export | privacy.erase */
    .addColumn('action', 'text', (c) => c.notNull())
    /** The route, as declared: `GET /api/reports/:id/contacts`. */
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    /** The e-mail address or phone number a privacy request was about, masked (j***@***.nl). */
    .addColumn('subject', 'text')
    /** SHA-256 of the normalised address or number: finds a person's requests without keeping it readable. */
    .addColumn('subject_hash', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('access_log_at').on('access_log').column('at').execute();
  await db.schema.createIndex('access_log_report').on('access_log').columns(['report_id', 'at']).execute();
  await db.schema.createIndex('access_log_user').on('access_log').columns(['user_id', 'at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
  await db.schema.alterTable('api_keys').dropColumn('contact_consent').execute();
  await db.schema.alterTable('reporters').dropColumn('consent_via').execute();
  await db.schema.alterTable('reporters').dropColumn('consent_at').execute();
  await db.schema.alterTable('reports').dropColumn('contact_consent_at').execute();
  await db.schema.alterTable('reports').dropColumn('contact_consent').execute();
  await db.schema.alterTable('categories').dropColumn('sensitive').execute();
}
