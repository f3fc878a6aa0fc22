import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../server/protocol/events';
import type { SignalImportResult } from '../../server/protocol/intake';
import { countSignals } from '../../server/store/signals';
import { surveyParser } from '../../server/workers/survey-parser';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { type ConsoleClient, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { surveyCsv } from '../support/survey-csv';

const ROWS = 50_000;

/**
 * Issue 10, point 5: a 50,000-row survey import holds up nothing else. While the hub reads the file (on its
 * parse worker), /health answers and a field unit's emergency reaches a console. How long /health waits at
 * most is measured in tests/bench/import.ts, not asserted here.
 */
describe.each(storeKinds)('a large survey import holds up nothing (%s)', (store) => {
  let t: TestHub;
  let desk: ConsoleClient;
  let field: FieldClient;

  beforeEach(async () => {
    t = await startTestHub({ store });
    desk = t.connectConsole((await t.login('chef')).token);
    const [unit] = await createFieldUnits(t.hub, 1);
    field = connectField(t.hub.url, (await t.login(unit?.username ?? '', 'veld')).token);
    await waitFor(desk, 'connect');
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
  });
  afterEach(async () => {
    field.disconnect();
    await t.stop();
  });

  for (const path of ['/api/signals/preview', '/api/signals/import'] as const) {
    it(`during a ${ROWS.toLocaleString('en')}-row ${path.split('/').pop()}, /health answers and an emergency reaches the console`, async () => {
      const token = (await t.login('centralist')).token;
      const { csv, mapping } = surveyCsv(ROWS);
      let settled = false;
      const importing = t.api<SignalImportResult>('POST', path, token, { csv, mapping, survey: 'Bewonerspeiling' }).finally(() => {
        settled = true;
      });

      // The hub is reading the file now.
      await until(() => surveyParser.busy > 0, 20_000, 'the survey being parsed');
      const health = await fetch(`${t.hub.url}/health`);
      expect(health.status).toBe(200);
      const alert = new Promise<HubEvent>((resolve) => desk.on('event', (e) => e.type === 'alert.raised' && resolve(e)));
      const sos = await field.timeout(10_000).emitWithAck('emergency', { commandId: randomUUID() });
      expect(sos.ok && sos.data.kind).toBe('emergency');
      expect((await alert).type).toBe('alert.raised');
      expect(surveyParser.busy).toBeGreaterThan(0);
      expect(settled).toBe(false);

      const result = await importing;
      expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBe(200);
      expect(result.body).toMatchObject({ valid: ROWS, rejectedCount: 0, imported: path.endsWith('import') ? ROWS : 0 });
      expect(result.body.preview).toHaveLength(10);
      expect(await countSignals(t.hub.store.db)).toBe(path.endsWith('import') ? ROWS : 0);
      // A hang guard, not a speed goal: 50,000 rows on two busy cores (CI) can take well over the default 20 s.
    }, 120_000);
  }
});
