import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import type { SignalImportResult } from '../../server/protocol/intake';
import type { Report } from '../../server/protocol/report';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

type LogLine = Record<string, unknown> & { msg: string };

/** After commit, a command logs what it changed in words an operator searches for (a report number, a batch id). */
describe('command log lines', () => {
  let t: TestHub;
  let lines: LogLine[];
  const logged = (msg: string) => lines.filter((l) => l.msg === msg);

  beforeEach(async () => {
    lines = [];
    const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
    t = await startTestHub({ store: 'sqlite', logger });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('names the report created, the caller linked and the survey batch imported', async () => {
    const token = (await t.login('centralist')).token;
    lines.length = 0; // what the demo seed logged
    const created = await t.api<Report>('POST', '/api/reports', token, sampleReport());
    expect(created.status).toBe(201);
    expect(logged('report created')).toEqual([
      expect.objectContaining({ command: 'report.create', reportId: created.body.id, number: created.body.number, seqs: [created.body.version] }),
    ]);

    const linked = await t.api<Report>('POST', `/api/reports/${created.body.id}/reporters`, token, { name: 'Jan de Vries', consent: true });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(logged('caller linked to report')).toEqual([
      expect.objectContaining({ command: 'report.link_reporter', reportId: created.body.id, number: created.body.number, reporters: linked.body.reporterCount }),
    ]);

    const chef = (await t.login('chef')).token;
    const csv = 'tekst,lat,lng\nAfval bij de container,52.07,4.3\n,52.07,4.3\n';
    const imported = await t.api<SignalImportResult>('POST', '/api/signals/import', chef, { csv, mapping: { text: 'tekst', lat: 'lat', lng: 'lng' } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(logged('survey signals imported')).toEqual([
      expect.objectContaining({ command: 'signals.import', batchId: imported.body.batchId, imported: 1, rejected: 1 }),
    ]);
    // Named lines replace the generic one for these commands.
    expect(logged('command applied').filter((l) => ['report.create', 'report.link_reporter', 'signals.import'].includes(String(l.command)))).toEqual([]);
  });
});
