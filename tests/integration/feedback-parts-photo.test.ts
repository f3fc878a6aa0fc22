import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeForReport } from '../../server/commands/feedback';
import type { Report } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore, type Store } from '../../server/store/open';
import { seedTemplates } from '../../server/store/templates';

/**
 * A main report's closing message with both the parts' summary (deelmeldingen) and the approved photo of the fix:
 * the HTML mail still shows the photo and links the status page, as a closing without parts does.
 */
describe('closing message of a split report with a photo of the fix', () => {
  let dataDir: string;
  let store: Store;
  const at = '2026-03-01T10:00:00.000Z';

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-parts-photo-'));
    store = openStore({ dataDir });
    await migrateToLatest(store.db);
    await seedTemplates(store.db, at);
    // biome-ignore lint/suspicious/noExplicitAny: a category row with the columns' defaults
    await (store.db as unknown as Kysely<any>)
      .insertInto('categories')
      .values({ code: 'afval', name_nl: 'Afval', name_en: 'Waste', department: 'Toezicht afval', sla_working_days: 3, sort_order: 1 })
      .execute();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the photo as an image in the HTML when the summary is added as its own paragraph', async () => {
    const report = { id: 'r1', number: 'M-000001', category: 'afval', address: 'Spui 1', priority: 'normal', createdAt: at } as Report;
    const resolution: Resolution = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'overig', text: 'bank en vuilniszakken naast de container' },
      action: { code: 'overig', text: 'alles opgehaald' },
    } as Resolution;
    const request = {
      trigger: 'closed' as const,
      report,
      citizenToken: 'Tok3nTok3n',
      citizenCode: 'EY7WVY',
      locale: 'nl' as const,
      resolution,
      now: new Date(at),
      fixPhoto: true,
      recipient: { name: 'Jan Jansen' },
    };
    const photo = 'https://meldkamer.example/status/Tok3nTok3n/foto';
    const without = await composeForReport(store.db, 'https://meldkamer.example', request);
    expect(without.html).toContain(`<img src="${photo}"`);
    const withParts = await composeForReport(store.db, 'https://meldkamer.example', {
      ...request,
      partsSummary: 'Het team Handhaving heeft de dumping onderzocht.',
    });
    expect(withParts.text).toContain('Het team Handhaving heeft de dumping onderzocht.');
    expect(withParts.html).toContain('Het team Handhaving heeft de dumping onderzocht.');
    expect(withParts.html).toContain(`<img src="${photo}"`);
    expect(withParts.personal?.html).toContain(`<img src="${photo}"`);
  });

  it('places the summary where a template puts {?deelmeldingen}, once', async () => {
    const summary = 'Uw melding is in delen opgepakt door verschillende teams:\n- Handhaving: dumping onderzocht.';
    for (const row of await store.db.selectFrom('feedback_templates').select(['id', 'body']).where('trigger', '=', 'closed').where('locale', '=', 'nl').execute()) {
      // The seeded closings hold it after what was found and done; an admin moves it up to below the greeting.
      const body = row.body.replace('\n\n{?deelmeldingen}', '').replace(/\n\n/, '\n\n{?deelmeldingen}\n\n');
      await store.db.updateTable('feedback_templates').set({ body }).where('id', '=', row.id).execute();
    }
    const report = { id: 'r1', number: 'M-000001', category: 'afval', address: 'Spui 1', priority: 'normal', createdAt: at } as Report;
    const composed = await composeForReport(store.db, 'https://meldkamer.example', {
      trigger: 'closed',
      report,
      citizenToken: 'Tok3nTok3n',
      citizenCode: 'EY7WVY',
      locale: 'nl',
      resolution: { kind: 'close', outcome: 'resolved', found: { code: 'overig', text: 'bank naast de container' }, action: { code: 'overig', text: 'opgehaald' } } as Resolution,
      now: new Date(at),
      recipient: { name: 'Jan Jansen' },
      partsSummary: summary,
    });
    expect(composed.text).toContain(`Beste Jan Jansen,\n\n${summary}\n\n`);
    expect(composed.text.split(summary)).toHaveLength(2);
  });
});
