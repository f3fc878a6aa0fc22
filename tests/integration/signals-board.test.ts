import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FocusArea } from '../../server/protocol/dispatch';
import type { SignalsBoard } from '../../server/protocol/signals-board';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

type Board = Extract<SignalsBoard, { configured: true }>;
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const WEBHOOK_KEY = 'signals-board-test-key-0123456789';

// Two square neighbourhoods side by side: Noord (N) and Zuid (Z).
const square = (code: string, name: string, south: number) => ({
  type: 'Feature',
  properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [[[4.3, south], [4.32, south], [4.32, south + 0.01], [4.3, south + 0.01], [4.3, south]]] },
});
const NOORD = { lat: 52.085, lng: 4.31 };
const ZUID = { lat: 52.075, lng: 4.31 };

/**
 * The signals dashboard on a known scenario: in Noord one report in each of the four weeks before and five in the
 * latest (reports rising: 5 ≥ 5 and > 1.5 × 1), a survey answer now and two weeks ago; in Zuid six social-media
 * posts in the latest week and none before (signals rising). A focus area made from Noord's row answers it.
 */
describe.each(storeKinds)('signals dashboard (%s)', (store) => {
  let t: TestHub;
  let now = NOW;
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-signals-board-'));
  let chef: string;
  let police: string;
  let desk: string;
  let admin: string;

  beforeAll(async () => {
    const file = join(dir, 'wijken.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [square('N', 'Noord', 52.08), square('Z', 'Zuid', 52.07)] }));
    t = await startTestHub({ store, demo: false, dataDir: dir, clock: () => new Date(now), config: { neighbourhoodsFile: file, webhookKey: WEBHOOK_KEY } });
    for (const [name, role] of [['chef', 'shift_lead'], ['politie', 'police_coordinator'], ['desk', 'dispatcher'], ['beheer', 'admin']] as const) {
      await createAccount(t.hub, name, role);
    }
    chef = (await t.login('chef', ACCOUNT_PASSWORD)).token;
    police = (await t.login('politie', ACCOUNT_PASSWORD)).token;
    desk = (await t.login('desk', ACCOUNT_PASSWORD)).token;
    admin = (await t.login('beheer', ACCOUNT_PASSWORD)).token;
    const report = async (daysAgo: number) => {
      now = NOW - daysAgo * DAY;
      const res = await t.api('POST', '/api/reports', desk, sampleReport({ location: NOORD, description: `Afval ${daysAgo}` }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    for (const daysAgo of [29, 22, 15, 8, 5, 4, 3, 2, 1]) await report(daysAgo);
    now = NOW;
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${t.hub.url}/api/signals/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-meldkamer-webhook-key': WEBHOOK_KEY },
        body: JSON.stringify({ text: `Overlast ${i}`, lat: ZUID.lat, lng: ZUID.lng, time: new Date(NOW - (i + 1) * 3_600_000).toISOString(), source: 'x', id: `post-${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const csv = ['Opmerking;Breedte;Lengte;Datum', 'Veel afval;52.085;4.31;2026-12-06T10:00:00Z', 'Hangjongeren;52.085;4.31;2026-11-22T10:00:00Z', ''].join('\n');
    const imported = await t.api<{ imported?: number }>('POST', '/api/signals/import', chef, {
      csv,
      mapping: { text: 'Opmerking', lat: 'Breedte', lng: 'Lengte', occurredAt: 'Datum' },
      survey: 'Bewonerspeiling',
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const board = async (token = chef) => {
    const res = await t.api<Board>('GET', '/api/signals/dashboard', token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.configured).toBe(true);
    return res.body;
  };

  it('per neighbourhood and week: reports and signals side by side, the rising ones marked and first', async () => {
    const b = await board();
    expect(b.rule).toEqual({ factor: 1.5, baseWeeks: 4, minimum: 5 });
    expect(b.weeks).toHaveLength(8);
    expect(b.weeks.at(-1)).toEqual({ from: '2026-11-30T12:00:00.000Z', until: '2026-12-07T12:00:00.000Z' });
    const noord = b.rows.find((r) => r.id === 'N');
    const zuid = b.rows.find((r) => r.id === 'Z');
    expect(noord).toMatchObject({ name: 'Noord', reports: [0, 0, 0, 1, 1, 1, 1, 5], survey: [0, 0, 0, 0, 0, 1, 0, 1], social: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(noord).toMatchObject({ reportsBaseline: 1, reportsRising: true, signalsRising: false, rising: true });
    expect(zuid).toMatchObject({ reports: [0, 0, 0, 0, 0, 0, 0, 0], social: [0, 0, 0, 0, 0, 0, 0, 6], signalsRising: true, reportsRising: false, rising: true });
    // Both rising, with six this week each (Noord 5 reports and 1 survey answer, Zuid 6 posts): then by name.
    expect(b.rows.map((r) => r.id)).toEqual(['N', 'Z']);
    expect(noord?.boundary[0]).toEqual(noord?.boundary.at(-1));
    expect(b.outside.reports.every((n) => n === 0)).toBe(true);
  });

  it('a focus area made from a row (the focus-area command, with its public text) answers that neighbourhood', async () => {
    const noord = (await board(police)).rows.find((r) => r.id === 'N');
    expect(noord?.focusAreas).toEqual([]);
    const created = await t.api<FocusArea>('POST', '/api/focus-areas', police, {
      name: 'Noord: afval',
      polygon: [noord?.boundary],
      instructions: 'Extra rondes langs de containers',
      publicText: 'Er wordt hier veel afval gemeld; we controleren extra.',
      startsAt: new Date(NOW).toISOString(),
      endsAt: new Date(NOW + 28 * DAY).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const after = (await board()).rows.find((r) => r.id === 'N');
    expect(after?.focusAreas).toEqual([
      { id: created.body.id, name: 'Noord: afval', startsAt: created.body.startsAt, endsAt: created.body.endsAt, publicText: 'Er wordt hier veel afval gemeld; we controleren extra.' },
    ]);
    expect((await board()).rows.find((r) => r.id === 'Z')?.focusAreas).toEqual([]);
  });

  it('roles and bad input', async () => {
    expect((await t.api('GET', '/api/signals/dashboard', desk)).status).toBe(403);
    expect((await t.api('GET', '/api/signals/dashboard', admin)).status).toBe(403);
    expect((await t.api('GET', '/api/signals/dashboard')).status).toBe(401);
    expect((await t.api('GET', '/api/signals/dashboard?weeks=3', chef)).status).toBe(422);
    expect((await t.api<Board>('GET', '/api/signals/dashboard?weeks=12', chef)).body.weeks).toHaveLength(12);
  });
});
