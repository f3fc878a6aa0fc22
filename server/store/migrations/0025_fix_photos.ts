import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Issue 15, a photo of the fix:
 * - `photos.kind`: 'before' or 'after', as the field unit marked it on its proposal; null for a photo sent before
 *   (a single photo without a kind) or not yet sent with a finding. Existing rows keep null: nothing says which it was.
 * - The approval for the citizen: `approval_state` ('none' | 'approved', every existing row 'none': never public
 *   without approval), the crop and blur rectangles the dispatcher drew (`approval_params`, JSON), who and when, and
 *   the approved variant itself (`approved_data`, a separate JPEG made on the image worker; the original stays
 *   staff-only) with its size.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema.alterTable('photos').addColumn('kind', 'text').execute();
  await db.schema
    .alterTable('photos')
    .addColumn('approval_state', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('photos').addColumn('approval_params', 'text').execute();
  await db.schema.alterTable('photos').addColumn('approved_data', bytes).execute();
  await db.schema.alterTable('photos').addColumn('approved_size', 'integer').execute();
  await db.schema.alterTable('photos').addColumn('approved_width', 'integer').execute();
  await db.schema.alterTable('photos').addColumn('approved_height', 'integer').execute();
  await db.schema.alterTable('photos').addColumn('approved_by', 'text').execute();
  await db.schema.alterTable('photos').addColumn('approved_at', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['approved_at', 'approved_by', 'approved_height', 'approved_width', 'approved_size', 'approved_data', 'approval_params', 'approval_state', 'kind']) {
    await db.schema.alterTable('photos').dropColumn(column).execute();
  }
}
