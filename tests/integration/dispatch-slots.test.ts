import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { RunCard, RunCardAdvice, RunCardFields } from '../../server/protocol/run-cards';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, waitFor } from '../support/hub';

/** Point 4 and 7 of dispatch: no accidental second unit; run cards with N slots, kept by the shift lead. */
describe.each(storeKinds)('dispatch slots and run cards (%s)', (store) => {
  let t: TestHub;
  let token: string;
  let chefToken: string;
  let desk: ConsoleClient;
  let units: TestFieldUnit[];
  const fields = new Map<string, FieldClient>();

  beforeEach(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
    chefToken = (await t.login('chef')).token;
    desk = t.connectConsole(token);
    units = await createFieldUnits(t.hub, 4);
    for (const u of units) {
      const client = connectField(t.hub.url, (await t.login(u.username, 'veld')).token);
      fields.set(u.unitId, client);
      await new Promise((resolve, reject) => {
        client.once('connect', () => resolve(undefined));
        client.once('connect_error', reject);
      });
    }
    await waitFor(desk, 'connect');
  });
  afterEach(async () => {
    for (const f of fields.values()) f.disconnect();
    fields.clear();
    await t.stop();
  });

  const unitAt = (i: number) => units[i]?.unitId ?? '';

  async function newReport(overrides = {}): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 }, ...overrides }));
    expect(res.status).toBe(201);
    return res.body;
  }

  function offer(reportId: string, unitIds: string[], extra?: boolean): Promise<Ack<Assignment[]>> {
    return desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId, unitIds, ...(extra === undefined ? {} : { extra }) }) as Promise<Ack<Assignment[]>>;
  }

  async function accept(unitId: string, assignmentId: string): Promise<void> {
    const ack = await fields.get(unitId)?.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId });
    expect(ack?.ok, JSON.stringify(ack)).toBe(true);
  }

  async function statesOf(reportId: string): Promise<Map<string, Assignment['state']>> {
    const events = await t.fetchEvents(token, 0);
    const states = new Map<string, Assignment['state']>();
    for (const e of events.events) if (e.type === 'assignment.updated' && e.assignment.reportId === reportId) states.set(e.assignment.unitId, e.assignment.state);
    return states;
  }

  const card = (over: Partial<RunCardFields> = {}): RunCardFields => ({
    category: 'overlast',
    area: { kind: 'any' },
    from: null,
    to: null,
    unitKinds: ['boa_domein_1'],
    units: 2,
    team: 'Team Centrum',
    priority: null,
    ...over,
  });

  it('a second unit for a report that has one is refused unless offered as "extra"', async () => {
    const report = await newReport();
    const first = await offer(report.id, [unitAt(0)]);
    if (!first.ok) throw new Error(first.error.message);
    await accept(unitAt(0), first.data[0]?.id ?? '');

    const second = await offer(report.id, [unitAt(1)]);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect([second.error.code, second.error.text?.code]).toEqual(['conflict', 'dispatch.refusal.already_has_unit']);
    expect(second.error.message).toContain(units[0]?.callsign);
    const unit1 = (await t.api<{ units: Unit[] }>('GET', '/api/units', token)).body.units.find((u) => u.id === unitAt(1));
    expect(unit1?.status).toBe('beschikbaar');

    const extra = await offer(report.id, [unitAt(1)], true);
    expect(extra.ok && extra.data[0]?.state).toBe('offered');
  });

  it('before any acceptance, offering more units needs no "extra"', async () => {
    const report = await newReport();
    expect((await offer(report.id, [unitAt(0)])).ok).toBe(true);
    expect((await offer(report.id, [unitAt(1)])).ok).toBe(true);
  });

  it('run cards: the shift lead keeps them, the dispatcher reads them, others are refused', async () => {
    const created = await t.api<RunCard>('POST', '/api/run-cards', chefToken, card({ from: '22:00', to: '06:00' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ category: 'overlast', units: 2, from: '22:00', to: '06:00', team: 'Team Centrum' });
    expect((await t.api('POST', '/api/run-cards', token, card())).status).toBe(403);
    expect((await t.api('PUT', `/api/run-cards/${created.body.id}`, token, card())).status).toBe(403);
    const fieldToken = (await t.login(units[0]?.username ?? '', 'veld')).token;
    expect((await t.api('GET', '/api/run-cards', fieldToken)).status).toBe(403);
    expect((await t.api('POST', '/api/run-cards', chefToken, card({ from: '25:00' }))).status).toBe(422);
    // A card for a category or an area the hub does not know would never hold: refused, nothing written.
    const unknownCategory = await t.api<{ code: string; fields: Record<string, string> }>('POST', '/api/run-cards', chefToken, card({ category: 'bestaat_niet' }));
    expect([unknownCategory.status, unknownCategory.body.code, Object.keys(unknownCategory.body.fields)]).toEqual([422, 'validation', ['category']]);
    for (const area of [{ kind: 'focus_area', id: 'bestaat-niet' }, { kind: 'neighbourhood', id: 'bestaat-niet' }] as const) {
      const unknownArea = await t.api<{ code: string; fields: Record<string, string> }>('POST', '/api/run-cards', chefToken, card({ area }));
      expect([unknownArea.status, unknownArea.body.code, Object.keys(unknownArea.body.fields)]).toEqual([422, 'validation', ['area']]);
    }
    const refusedUpdate = await t.api('PUT', `/api/run-cards/${created.body.id}`, chefToken, card({ category: 'bestaat_niet' }));
    expect(refusedUpdate.status).toBe(422);

    const updated = await t.api<RunCard>('PUT', `/api/run-cards/${created.body.id}`, chefToken, card({ units: 3 }));
    expect([updated.status, updated.body.units]).toEqual([200, 3]);
    const list = await t.api<{ runCards: RunCard[] }>('GET', '/api/run-cards', token);
    expect(list.body.runCards.map((c) => [c.id, c.units])).toEqual([[created.body.id, 3]]);
    expect((await t.api('DELETE', `/api/run-cards/${created.body.id}`, chefToken)).status).toBe(204);
    expect((await t.api('DELETE', `/api/run-cards/${created.body.id}`, chefToken)).status).toBe(404);
  });

  it('a report needing 2 units keeps its offers open until 2 accepted; then the third is withdrawn', async () => {
    expect((await t.api('POST', '/api/run-cards', chefToken, card())).status).toBe(201);
    const report = await newReport();
    const advice = await t.api<RunCardAdvice>('GET', `/api/reports/${report.id}/run-card`, token);
    expect(advice.status).toBe(200);
    expect([advice.body.needed, advice.body.accepted, advice.body.suggested.length, advice.body.card?.team]).toEqual([2, 0, 2, 'Team Centrum']);
    expect(advice.body.text.message).toMatch(/^2 BOA-eenheden nodig, 2 beschikbaar binnen /);

    const offered = await offer(report.id, [unitAt(0), unitAt(1), unitAt(2)]);
    if (!offered.ok) throw new Error(offered.error.message);
    const byUnit = new Map(offered.data.map((a) => [a.unitId, a.id]));

    await accept(unitAt(0), byUnit.get(unitAt(0)) ?? '');
    let states = await statesOf(report.id);
    expect([states.get(unitAt(0)), states.get(unitAt(1)), states.get(unitAt(2))]).toEqual(['accepted', 'offered', 'offered']);
    const halfway = await t.api<RunCardAdvice>('GET', `/api/reports/${report.id}/run-card`, token);
    expect([halfway.body.accepted, halfway.body.offered]).toEqual([1, 2]);

    await accept(unitAt(1), byUnit.get(unitAt(1)) ?? '');
    states = await statesOf(report.id);
    expect([states.get(unitAt(0)), states.get(unitAt(1)), states.get(unitAt(2))]).toEqual(['accepted', 'accepted', 'withdrawn']);
    const unitsNow = (await t.api<{ units: Unit[] }>('GET', '/api/units', token)).body.units;
    expect(unitsNow.find((u) => u.id === unitAt(2))?.status).toBe('beschikbaar');
    const late = await fields.get(unitAt(2))?.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: byUnit.get(unitAt(2)) ?? '' });
    expect(late?.ok).toBe(false);

    // Both slots filled: a further unit only as an extra.
    const fourth = await offer(report.id, [unitAt(3)]);
    expect(!fourth.ok && fourth.error.text?.code).toBe('dispatch.refusal.already_has_unit');
  });

  it('with one of two slots filled, another offer needs no "extra"', async () => {
    expect((await t.api('POST', '/api/run-cards', chefToken, card())).status).toBe(201);
    const report = await newReport();
    const first = await offer(report.id, [unitAt(0)]);
    if (!first.ok) throw new Error(first.error.message);
    await accept(unitAt(0), first.data[0]?.id ?? '');
    expect((await offer(report.id, [unitAt(1)])).ok).toBe(true);
  });

  it('a report taken in without a priority gets its run card\'s', async () => {
    expect((await t.api('POST', '/api/run-cards', chefToken, card({ priority: 'high', units: 1 }))).status).toBe(201);
    const { priority: _none, ...withoutPriority } = sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 } });
    const taken = await t.api<Report>('POST', '/api/reports', token, withoutPriority);
    expect([taken.status, taken.body.priority]).toEqual([201, 'high']);
    const chosen = await newReport({ priority: 'low' });
    expect(chosen.priority).toBe('low');
    const { priority: _p, ...groen } = sampleReport();
    expect((await t.api<Report>('POST', '/api/reports', token, groen)).body.priority).toBe('normal');
  });
});
