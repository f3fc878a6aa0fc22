import type { Kysely } from 'kysely';
import { defaultTemplates } from '../domain/feedback';
import type { FeedbackTemplate } from '../protocol/resolution';
import type { DB } from './schema';

export async function loadTemplates(db: Kysely<DB>): Promise<FeedbackTemplate[]> {
  const rows = await db.selectFrom('feedback_templates').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    trigger: r.trigger as FeedbackTemplate['trigger'],
    ...(r.outcome ? { outcome: r.outcome as NonNullable<FeedbackTemplate['outcome']> } : {}),
    locale: r.locale as FeedbackTemplate['locale'],
    subject: r.subject,
    body: r.body,
  }));
}

export async function saveTemplate(db: Kysely<DB>, t: FeedbackTemplate, by: string | null, at: string): Promise<void> {
  const row = {
    id: t.id,
    category: t.category,
    trigger: t.trigger,
    outcome: t.outcome ?? null,
    locale: t.locale,
    subject: t.subject,
    body: t.body,
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('feedback_templates')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** The seeded defaults on an empty table; an admin's edits are never overwritten. */
export async function seedTemplates(db: Kysely<DB>, at: string): Promise<void> {
  const existing = await db.selectFrom('feedback_templates').select('id').limit(1).execute();
  if (existing.length > 0) return;
  for (const t of defaultTemplates) await saveTemplate(db, t, null, at);
}
