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

function templateRow(t: FeedbackTemplate, by: string | null, at: string) {
  return {
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
}

/** An admin's save (`by`: their user id); a seeded template has `by` null (seedTemplates). */
export async function saveTemplate(db: Kysely<DB>, t: FeedbackTemplate, by: string | null, at: string): Promise<void> {
  const row = templateRow(t, by, at);
  await db
    .insertInto('feedback_templates')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/**
 * The seeded defaults, at every start: a default template that is not in the table is added, and one that no admin
 * ever saved (`updated_by` null) follows the code's wording when that changed (so an existing database gets the
 * rewritten templates). A template an admin saved is never overwritten. Safe when several hub nodes start at once.
 * Returns the ids added and refreshed.
 */
export async function seedTemplates(db: Kysely<DB>, at: string): Promise<{ added: string[]; refreshed: string[] }> {
  const rows = await db.selectFrom('feedback_templates').select(['id', 'subject', 'body', 'updated_by']).execute();
  const stored = new Map(rows.map((r) => [r.id, r]));
  const added: string[] = [];
  const refreshed: string[] = [];
  for (const t of defaultTemplates) {
    const row = stored.get(t.id);
    if (!row) {
      await db.insertInto('feedback_templates').values(templateRow(t, null, at)).onConflict((oc) => oc.column('id').doNothing()).execute();
      added.push(t.id);
    } else if (row.updated_by === null && (row.subject !== t.subject || row.body !== t.body)) {
      await db
        .updateTable('feedback_templates')
        .set({ subject: t.subject, body: t.body, updated_at: at })
        .where('id', '=', t.id)
        .where('updated_by', 'is', null)
        .execute();
      refreshed.push(t.id);
    }
  }
  return { added, refreshed };
}
