import { afterEach, describe, expect, it } from 'vitest';
import type { Category, Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

// Messages that read as from a person at the municipality (issue 15, point 3), over a real hub, store and SMTP server.

describe.each(storeKinds)('messages from a person over %s', (store) => {
  let smtp: TestSmtp | undefined;
  let t: TestHub | undefined;

  afterEach(async () => {
    await t?.stop();
    await smtp?.stop();
    t = undefined;
    smtp = undefined;
  });

  async function start(config: Record<string, unknown> = {}) {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, config });
    return { hub: t, mail: smtp, token: (await t.login('centralist')).token };
  }

  it('intake with a salutation: the receipt greets "Beste mevrouw Jansen," and names the municipality, 14 070 and the code', async () => {
    const { hub, mail, token } = await start();
    const res = await hub.api<Report>('POST', '/api/reports', token, {
      ...sampleReport(),
      reporter: { name: 'Jan Jansen', salutation: 'mevrouw Jansen', email: 'jansen@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    const [receipt] = await mail.waitForMessages(1);
    const text = receipt?.text ?? '';
    expect(text.startsWith('Beste mevrouw Jansen,')).toBe(true);
    expect(text).toContain('Bedankt voor uw melding over een boomtak of ander groen.');
    expect(text).not.toContain('Boomtak / groen');
    expect(text).toMatch(/Uw code is [A-Z0-9]{7}, voor als u uw melding opzoekt\./);
    expect(text).toContain('Bel ons dan op 14 070.');
    expect(text).toContain('Gemeente Den Haag\nTelefoon: 14 070\nhttps://www.denhaag.nl');
    expect(receipt?.html).toContain('Beste mevrouw Jansen,');
  });

  it('a name without salutation is greeted by name; the settings name another municipality', async () => {
    const { hub, mail, token } = await start({
      municipalityName: 'Gemeente Utrecht',
      municipalityPhone: '14 030',
      municipalityWebsite: 'https://www.utrecht.nl',
    });
    await hub.api('POST', '/api/reports', token, {
      ...sampleReport(),
      reporter: { name: 'Jan Jansen', email: 'jan@example.nl' },
      consent: { contact: true },
    });
    const [receipt] = await mail.waitForMessages(1);
    expect(receipt?.text.split('\n')[0]).toBe('Beste Jan Jansen,');
    expect(receipt?.text).toContain('Gemeente Utrecht\nTelefoon: 14 030\nhttps://www.utrecht.nl');
    expect(receipt?.text).not.toContain('Den Haag\nTelefoon');
  });

  it('several reporters on one report: each closing message greets its own recipient', async () => {
    const { hub, mail, token } = await start();
    const report = (
      await hub.api<Report>('POST', '/api/reports', token, {
        ...sampleReport(),
        reporter: { name: 'Jan Jansen', salutation: 'mevrouw Jansen', email: 'jansen@example.nl' },
        consent: { contact: true },
      })
    ).body;
    const linked = await hub.api<Report>('POST', `/api/reports/${report.id}/reporters`, token, {
      name: 'Piet de Vries',
      email: 'piet@example.nl',
      consent: true,
    });
    expect(linked.status).toBe(201);
    await hub.api('POST', `/api/reports/${report.id}/reporters`, token, { phone: '0612345678', consent: true });
    await mail.waitForMessages(2);
    const linkedReceipt = mail.messages.find((m) => m.envelope.to.includes('piet@example.nl'));
    expect(linkedReceipt?.text.split('\n')[0]).toBe('Beste Piet de Vries,');

    // The dispatcher sees the preview for the first reporter and sends it edited; each still gets their own greeting.
    const resolution = {
      kind: 'close',
      outcome: 'no_action',
      found: { code: 'zoals_gemeld', text: 'tak hangt boven de stoep, ruim 2,5 m hoog' },
      action: { code: 'geen_actie', text: 'geen actie nodig' },
    };
    const answer = await hub.api<{ preview: { text: string; recipients: number } }>('POST', `/api/reports/${report.id}/preview`, token, {
      to: 'closed',
      resolution,
    });
    expect(answer.status).toBe(200);
    const preview = answer.body.preview;
    expect(preview.text.split('\n')[0]).toBe('Beste mevrouw Jansen,');
    expect(preview.text).toContain('Tak hangt boven de stoep, ruim 2,5 m hoog. Geen actie nodig.');
    expect(preview.recipients).toBe(3);
    const edited = preview.text.replace('We doen op dit moment verder niets.', 'We doen nu verder niets.');
    const closed = await hub.api<Report>('POST', `/api/reports/${report.id}/transition`, token, {
      to: 'closed',
      resolution,
      message: { text: edited },
    });
    expect(closed.status).toBe(200);
    await mail.waitForMessages(4);
    const closings = mail.messages.filter((m) => m.text.includes('We doen nu verder niets.'));
    const greetings = Object.fromEntries(closings.map((m) => [m.envelope.to[0], m.text.split('\n')[0]]));
    expect(greetings).toEqual({ 'jansen@example.nl': 'Beste mevrouw Jansen,', 'piet@example.nl': 'Beste Piet de Vries,' });
    // The SMS reporter gave no name: "Beste melder,".
    const sms = await until(async () => {
      const rows = await hub.hub.store.db.selectFrom('outbox').select(['body_text', 'channel']).where('channel', '=', 'sms').execute();
      return rows.some((r) => r.body_text.includes('We doen nu verder niets.') && r.body_text.startsWith('Beste melder,'));
    }).then(() => true);
    expect(sms).toBe(true);
  });

  it('a salutation that is too long is refused with its field and nothing is stored', async () => {
    const { hub, token } = await start();
    const before = await hub.api<{ reports: Report[] }>('GET', '/api/reports', token);
    const res = await hub.api<{ fields?: Record<string, unknown> }>('POST', '/api/reports', token, {
      ...sampleReport(),
      reporter: { name: 'Jan Jansen', salutation: 'x'.repeat(101), email: 'jansen@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {})).toContain('reporter.salutation');
    const after = await hub.api<{ reports: Report[] }>('GET', '/api/reports', token);
    expect(after.body.reports.length).toBe(before.body.reports.length);
  });

  it('category phrases: kept by the admin through the API, used in the next message; bad input changes nothing', async () => {
    const { hub, mail, token } = await start();
    const admin = (await hub.login('admin')).token;
    const path = '/api/categories/groen/phrases';
    expect((await hub.api('PUT', path, token, { phraseNl: 'een tak', phraseEn: 'a branch' })).status).toBe(403);
    const bad = await hub.api<{ fields?: Record<string, unknown> }>('PUT', path, admin, { phraseNl: '  ', phraseEn: 'a branch' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields ?? {})).toContain('phraseNl');
    expect((await hub.api('PUT', '/api/categories/bestaatniet/phrases', admin, { phraseNl: 'x', phraseEn: 'y' })).status).toBe(404);
    const listed = await hub.api<{ categories: Category[] }>('GET', '/api/categories', token);
    expect(listed.body.categories.find((c) => c.code === 'groen')).toMatchObject({ phraseNl: 'een boomtak of ander groen', phraseEn: 'a tree branch or other greenery' });

    const ok = await hub.api<Category>('PUT', path, admin, { phraseNl: 'een overhangende tak', phraseEn: 'an overhanging branch' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 'groen', phraseNl: 'een overhangende tak' });
    await hub.api('POST', '/api/reports', token, { ...sampleReport(), reporter: { email: 'a@example.nl' }, consent: { contact: true } });
    const [receipt] = await mail.waitForMessages(1);
    expect(receipt?.text).toContain('uw melding over een overhangende tak.');
    expect(receipt?.text.split('\n')[0]).toBe('Beste melder,');

    // null: the category's name again.
    expect((await hub.api('PUT', path, admin, { phraseNl: null, phraseEn: null })).status).toBe(200);
  });
});

describe('seeded templates on an existing database', () => {
  it('a template no admin saved gets the new wording at start; one an admin saved is kept', async () => {
    const first = await startTestHub();
    const dataDir = first.dataDir;
    const admin = (await first.login('admin')).token;
    const db = first.hub.store.db;
    // As seeded by an older version: the old label lines, never saved by an admin.
    await db
      .updateTable('feedback_templates')
      .set({ body: 'Beste melder,\n\nWat we aantroffen: {bevinding}\nWat we deden: {actie}\n\n{meldingnummer} {statuslink}' })
      .where('id', '=', 'closed.*.resolved.nl')
      .execute();
    const own = 'Beste {naam},\n\nOns eigen bericht: {bevinding} {actie}\n\n{meldingnummer} {statuslink}';
    const saved = await first.api('PUT', '/api/templates/closed.*.no_action.nl', admin, {
      category: '*',
      trigger: 'closed',
      outcome: 'no_action',
      locale: 'nl',
      subject: 'Eigen onderwerp {meldingnummer}',
      body: own,
    });
    expect(saved.status).toBe(200);
    await db.deleteFrom('feedback_templates').where('id', '=', 'receipt.*.-.en').execute();
    await first.hub.close();

    const second = await startTestHub({ dataDir });
    try {
      const rows = await second.hub.store.db.selectFrom('feedback_templates').select(['id', 'body', 'updated_by']).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get('closed.*.resolved.nl')?.body).not.toContain('Wat we aantroffen');
      expect(byId.get('closed.*.resolved.nl')?.body).toContain('Beste {naam},');
      expect(byId.get('closed.*.no_action.nl')?.body).toBe(own);
      expect(byId.get('receipt.*.-.en')?.body).toContain('Dear {naam},');
    } finally {
      await second.stop();
    }
  });
});
