import type { Kysely } from 'kysely';
import type { Category } from '../protocol/report';
import type { CategoryRow, DB } from './schema';

function rowToCategory(r: CategoryRow): Category {
  return {
    code: r.code,
    nameNl: r.name_nl,
    nameEn: r.name_en,
    department: r.department,
    slaWorkingDays: r.sla_working_days,
    slaUrgentHours: r.sla_urgent_hours ?? null,
    slaHighHours: r.sla_high_hours ?? null,
    sensitive: Number(r.sensitive) === 1,
    phraseNl: r.phrase_nl ?? null,
    phraseEn: r.phrase_en ?? null,
  };
}

export async function listCategories(db: Kysely<DB>): Promise<Category[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map(rowToCategory);
}

export async function getCategory(db: Kysely<DB>, code: string): Promise<Category | undefined> {
  const row = await db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? rowToCategory(row) : undefined;
}

/** Sets a category's urgent and high terms (clock hours; null: the hub's defaults); undefined when there is no such category. */
export async function updateCategorySlaTerms(
  db: Kysely<DB>,
  code: string,
  terms: { slaUrgentHours: number | null; slaHighHours: number | null },
): Promise<Category | undefined> {
  const result = await db
    .updateTable('categories')
    .set({ sla_urgent_hours: terms.slaUrgentHours, sla_high_hours: terms.slaHighHours })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? getCategory(db, code) : undefined;
}

/** Sets how a category reads in a sentence of a citizen message (null: its name); undefined when there is no such category. */
export async function updateCategoryPhrases(
  db: Kysely<DB>,
  code: string,
  phrases: { phraseNl: string | null; phraseEn: string | null },
): Promise<Category | undefined> {
  const result = await db
    .updateTable('categories')
    .set({ phrase_nl: phrases.phraseNl, phrase_en: phrases.phraseEn })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? getCategory(db, code) : undefined;
}

export async function hasCategories(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('categories').select('code').limit(1).executeTakeFirst()) !== undefined;
}

export async function upsertCategories(db: Kysely<DB>, categories: Category[]): Promise<void> {
  let order = 0;
  for (const c of categories) {
    order += 1;
    const row = {
      code: c.code,
      name_nl: c.nameNl,
      name_en: c.nameEn,
      department: c.department,
      sla_working_days: c.slaWorkingDays,
      sla_urgent_hours: c.slaUrgentHours ?? null,
      sla_high_hours: c.slaHighHours ?? null,
      sort_order: order,
      sensitive: c.sensitive ? 1 : 0,
      phrase_nl: c.phraseNl ?? null,
      phrase_en: c.phraseEn ?? null,
    };
    await db
      .insertInto('categories')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
  }
}
