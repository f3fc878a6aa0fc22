import { type Kysely, sql } from 'kysely';

/**
 * Issue 15, messages that read as from a person at the municipality:
 * - `reporters.salutation`: how the reporter wishes to be addressed ("mevrouw Jansen"), given at intake; the
 *   greeting uses it, else the name, else "melder". Existing reporters keep null (greeted by name).
 * - `categories.phrase_nl` / `phrase_en`: the category written for a sentence ("uw melding over een boomtak").
 *   Backfilled for the demo categories that exist (the values of resources/categories.json at this migration);
 *   other categories keep null and read as their name until someone sets a phrase (PUT /api/categories/:code/phrases).
 * The new seeded templates reach an existing database at start (store/templates.ts seedTemplates), not here.
 */
const PHRASES: Record<string, { nl: string; en: string }> = {
  afval: { nl: 'afval naast een container', en: 'waste next to a container' },
  parkeren: { nl: 'een fout geparkeerd voertuig', en: 'a wrongly parked vehicle' },
  zwerffiets: { nl: 'een zwerffiets of fietswrak', en: 'an abandoned bicycle' },
  overlast: { nl: 'overlast', en: 'nuisance' },
  groen: { nl: 'een boomtak of ander groen', en: 'a tree branch or other greenery' },
  verlichting: { nl: 'straatverlichting die niet goed werkt', en: 'street lighting that does not work well' },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reporters').addColumn('salutation', 'text').execute();
  await db.schema.alterTable('categories').addColumn('phrase_nl', 'text').execute();
  await db.schema.alterTable('categories').addColumn('phrase_en', 'text').execute();
  for (const [code, phrase] of Object.entries(PHRASES)) {
    await db
      .updateTable('categories')
      .set({ phrase_nl: phrase.nl, phrase_en: phrase.en })
      .where('code', '=', code)
      .where('phrase_nl', 'is', null)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table categories drop column phrase_en`.execute(db);
  await sql`alter table categories drop column phrase_nl`.execute(db);
  await sql`alter table reporters drop column salutation`.execute(db);
}
