import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { ANONYMISED, RETENTION_DEFAULTS, redactEventPayload, retentionCutoff } from '../../server/domain/retention';

describe('retention rules', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('counts each kind from its own period; whole reports by calendar years', () => {
    expect(retentionCutoff('contacts', RETENTION_DEFAULTS, now)).toBe('2025-03-01T12:00:00.000Z');
    expect(retentionCutoff('positions', RETENTION_DEFAULTS, now)).toBe('2026-01-30T12:00:00.000Z');
    expect(retentionCutoff('sessions', RETENTION_DEFAULTS, now)).toBe('2026-02-22T12:00:00.000Z');
    expect(retentionCutoff('commandLog', RETENTION_DEFAULTS, now)).toBe('2026-01-30T12:00:00.000Z');
    expect(retentionCutoff('reports', RETENTION_DEFAULTS, now)).toBe('2021-03-01T12:00:00.000Z');
    expect(retentionCutoff('photos', { ...RETENTION_DEFAULTS, photoDays: 0 }, now)).toBe(now.toISOString());
  });

  it("takes the description out of a report snapshot, once", () => {
    const payload = { report: { id: 'r1', description: 'Bel Jan op 0612345678', category: 'afval' }, from: 'new', to: 'closed' };
    const redacted = redactEventPayload('report.transitioned', payload, 'description');
    expect(redacted).toEqual({ report: { id: 'r1', description: ANONYMISED, category: 'afval' }, from: 'new', to: 'closed' });
    expect(redactEventPayload('report.transitioned', redacted ?? {}, 'description')).toBeNull();
    expect(redactEventPayload('alert.raised', { alert: { id: 'a' } }, 'description')).toBeNull();
  });

  it("takes the citizen's comment and the transition's note out, and nothing else", () => {
    expect(redactEventPayload('report.citizen_response', { report: {}, satisfied: false, comment: 'bel me' }, 'citizenText')).toEqual({ report: {}, satisfied: false, comment: null });
    expect(redactEventPayload('report.transitioned', { note: 'Beste mevrouw', to: 'closed' }, 'citizenText')).toEqual({ note: null, to: 'closed' });
    expect(redactEventPayload('report.transitioned', { note: null }, 'citizenText')).toBeNull();
    expect(redactEventPayload('report.created', { report: { description: 'x' } }, 'citizenText')).toBeNull();
  });

  it('reads the retention settings from the file and the environment (the environment wins) and names a bad one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    expect(loadConfig({}).retention).toEqual(RETENTION_DEFAULTS);
    const file = join(mkdtempSync(join(tmpdir(), 'meldkamer-ret-')), 'config.json');
    writeFileSync(file, JSON.stringify({ retention: { contactDays: 180, reportYears: 7 } }));
    expect(loadConfig({ MELDKAMER_CONFIG: file }).retention).toMatchObject({ contactDays: 180, reportYears: 7, photoDays: 365 });
    expect(loadConfig({ MELDKAMER_CONFIG: file, MELDKAMER_RETENTION_CONTACT_DAYS: '90' }).retention.contactDays).toBe(90);
    expect(loadConfig({ MELDKAMER_RETENTION_INTERVAL_MINUTES: '0', MELDKAMER_RETENTION_POSITION_DAYS: '14' }).retention).toMatchObject({ intervalMinutes: 0, positionDays: 14 });
    expect(() => loadConfig({ MELDKAMER_RETENTION_PHOTO_DAYS: 'een jaar' })).toThrow(/MELDKAMER_RETENTION_PHOTO_DAYS/);
    writeFileSync(file, JSON.stringify({ retention: { contactDagen: 10 } }));
    expect(() => loadConfig({ MELDKAMER_CONFIG: file })).toThrow(ConfigError);
    writeFileSync(file, JSON.stringify({ retention: { reportYears: 0 } }));
    expect(() => loadConfig({ MELDKAMER_CONFIG: file })).toThrow(/retention\.reportYears/);
  });
});
