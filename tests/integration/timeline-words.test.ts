import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockTime, dayMonth } from '../../server/domain/timeline-texts';
import type { Ack } from '../../server/protocol/common';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Assignment } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

function plusDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The timeline's sentences as a role reads them over GET /api/reports/:id, with the entry they belong to. */
async function sentences(t: TestHub, token: string, reportId: string) {
  const res = await t.api<ReportDetail>('GET', `/api/reports/${reportId}`, token);
  expect(res.status).toBe(200);
  return res.body.timeline.map((e) => ({ type: e.type, at: e.at, message: e.text?.message ?? '' }));
}

describe.each(storeKinds)('the report timeline in words over a real hub (%s)', (store) => {
  let t: TestHub;
  const fields: FieldClient[] = [];

  beforeEach(async () => {
    t = await startTestHub({ store });
  });
  afterEach(async () => {
    for (const f of fields) f.disconnect();
    fields.length = 0;
    await t.stop();
  });

  async function field(username: string): Promise<FieldClient> {
    const client = connectField(t.hub.url, (await t.login(username, 'veld')).token);
    fields.push(client);
    await new Promise((resolve, reject) => {
      client.once('connect', () => resolve(undefined));
      client.once('connect_error', reject);
    });
    return client;
  }

  it('offer → accept (the other offer withdrawn) → on scene → proposal → caller linked, as the desk and as the police', async () => {
    const desk = (await t.login('centralist')).token;
    const police = (await t.login('politie')).token;
    const created = await t.api<Report>('POST', '/api/reports', desk, sampleReport());
    expect(created.status).toBe(201);
    const report = created.body;
    const [a, b] = await createFieldUnits(t.hub, 2);
    if (!a || !b) throw new Error('no field units');
    const fieldA = await field(a.username);
    await field(b.username);

    const offered = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId: report.id, unitIds: [a.unitId, b.unitId] });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const offerA = offered.body.assignments.find((x) => x.unitId === a.unitId);
    const accepted = (await fieldA.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offerA?.id ?? '' })) as Ack<Assignment>;
    expect(accepted.ok).toBe(true);
    const onScene = (await fieldA.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'ter_plaatse' })) as Ack<unknown>;
    expect(onScene.ok).toBe(true);
    const date = plusDays(7);
    const finding = (await fieldA.timeout(5000).emitWithAck('finding:submit', {
      commandId: randomUUID(),
      reportId: report.id,
      resolution: {
        kind: 'schedule',
        found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
        action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de groenploeg' },
        followUp: { date, what: 'De tak wordt gesnoeid', who: 'Groenploeg' },
      },
    })) as Ack<Report>;
    expect(finding.ok, JSON.stringify(finding)).toBe(true);
    const linked = await t.api<Report>('POST', `/api/reports/${report.id}/reporters`, desk, { name: 'Jan Jansen', phone: '0612345678', consent: true });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);

    const forDesk = await sentences(t, desk, report.id);
    const at = (type: string, n = 0) => forDesk.filter((e) => e.type === type)[n]?.at ?? '';
    const offerAt = clockTime(at('assignment.updated'));
    const acceptAt = clockTime(at('assignment.updated', 2));
    const expected = [
      'Melding aangemaakt',
      `${a.callsign} kreeg het aanbod (${offerAt})`,
      `${b.callsign} kreeg het aanbod (${offerAt})`,
      'Status: Nieuw → Toegewezen',
      `${a.callsign} accepteerde het aanbod (${acceptAt})`,
      `Aanbod aan ${b.callsign} ingetrokken (${a.callsign} accepteerde)`,
      `${a.callsign} ter plaatse`,
      `Voorstel van ${a.callsign}: ingepland voor ${dayMonth(date)}`,
      'Beller gekoppeld: J***',
    ];
    const words = forDesk.filter((e) => e.type !== 'report.delivery' && !e.type.startsWith('alert.')).map((e) => e.message);
    expect(words).toEqual(expected);
    expect(JSON.stringify(forDesk)).not.toContain('Jansen');

    // The police coordinator reads the same steps, the caller without a name.
    const forPolice = (await sentences(t, police, report.id)).filter((e) => e.type !== 'report.delivery' && !e.type.startsWith('alert.'));
    expect(forPolice.map((e) => e.message)).toEqual([...expected.slice(0, -1), 'Beller gekoppeld']);
    expect(JSON.stringify(forPolice)).not.toContain('J***');
  });
});
