import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMessageKey, MESSAGES } from '../../renderer/console/i18n/messages';
import { codesIn } from '../../server/domain/domain-text';
import type { Ack, ApiError, DomainText } from '../../server/protocol/common';
import type { Alert, Assignment } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

/** Codes of a refusal's text and field texts that the English console cannot say. */
function untranslated(error: ApiError): string[] {
  const texts: DomainText[] = [...(error.text ? [error.text] : []), ...Object.values(error.fieldTexts ?? {})];
  return texts.flatMap(codesIn).filter((code) => !isMessageKey(code) || !MESSAGES.en[code]);
}

/** A refusal carries a coded text the English console has, with its Dutch message for API clients. */
function expectCoded(error: ApiError | undefined, code: string): ApiError {
  expect(error?.text?.code).toBe(code);
  if (!error) throw new Error('no error');
  expect(error.text?.message).toBe(error.message);
  expect(untranslated(error)).toEqual([]);
  return error;
}

describe.each(storeKinds)('refusals and alerts carry coded texts (%s)', (store) => {
  let t: TestHub;
  let token: string;
  let desk: ConsoleClient;
  let unit: TestFieldUnit;
  let field: FieldClient;

  beforeEach(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
    desk = t.connectConsole(token);
    [unit] = (await createFieldUnits(t.hub, 1)) as [TestFieldUnit];
    field = connectField(t.hub.url, (await t.login(unit.username, 'veld')).token);
    await waitFor(desk, 'connect');
    await until(() => field.connected, 5000, 'field connection');
  });
  afterEach(async () => {
    field.disconnect();
    await t.stop();
  });

  async function newReport(overrides = {}): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', ...overrides }));
    expect(res.status).toBe(201);
    return res.body;
  }

  function offer(reportId: string): Promise<Ack<Assignment[]>> {
    return desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId, unitIds: [unit.unitId] });
  }

  it('a refused HTTP command: unknown report, a step the lifecycle forbids, input that does not validate, no session', async () => {
    const missing = await t.api<ApiError>('POST', '/api/reports/geen-melding/transition', token, { to: 'triaged' });
    expect(missing.status).toBe(404);
    expectCoded(missing.body, 'command.report.not_found');

    const report = await newReport();
    const step = await t.api<ApiError>('POST', `/api/reports/${report.id}/transition`, token, { to: 'in_progress' });
    expect(step.status).toBe(409);
    const refusal = expectCoded(step.body, 'report.transition.not_allowed');
    expect(refusal.text?.params.from).toMatchObject({ code: 'report.status.new' });

    const incomplete = await t.api<ApiError>('POST', `/api/reports/${report.id}/transition`, token, {
      to: 'closed',
      resolution: { kind: 'close', outcome: 'resolved' },
    });
    expect(incomplete.status).toBe(422);
    const fields = expectCoded(incomplete.body, 'command.resolution.incomplete');
    expect(fields.fieldTexts?.['resolution.found.text']?.code).toBe('resolution.found_text');
    expect(Object.keys(fields.fieldTexts ?? {}).sort()).toEqual(Object.keys(fields.fields ?? {}).sort());

    const invalid = await t.api<ApiError>('POST', '/api/reports', token, { ...sampleReport(), location: { lat: 500, lng: 4.3 }, category: '' });
    expect(invalid.status).toBe(422);
    const input = expectCoded(invalid.body, 'input.invalid');
    expect(input.fieldTexts?.['location.lat']?.code).toBe('input.too_big');
    expect(input.fieldTexts?.category?.code).toBe('input.category_required');

    const signedOut = await t.api<ApiError>('GET', '/api/reports', undefined);
    expect(signedOut.status).toBe(401);
    expectCoded(signedOut.body, 'command.access.signed_out');
  });

  it('a refused socket ack, from the console and from the field', async () => {
    const first = await newReport();
    expect((await offer(first.id)).ok).toBe(true);
    const second = await newReport();
    const busy = await offer(second.id);
    expect(busy.ok).toBe(false);
    if (busy.ok) return;
    expectCoded(busy.error, 'command.offer.unit_not_available');
    expect(busy.error.text?.params).toEqual({ unit: unit.callsign });

    const unknown = await desk.timeout(5000).emitWithAck('alert:ack', { alertId: 'geen-alarm' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expectCoded(unknown.error, 'command.alert.already_acknowledged');

    const answer = await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: 'geen-aanbod' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expectCoded(answer.error, 'command.offer.not_found');
  });

  it('an alert sent to consoles, listed and acknowledged carries its text', async () => {
    const events: HubEvent[] = [];
    desk.on('event', (event) => events.push(event));
    const report = await newReport({ priority: 'urgent' });
    await until(() => events.some((e) => e.type === 'alert.raised'), 5000, 'the alert');
    const raised = events.find((e): e is Extract<HubEvent, { alert: Alert }> => e.type === 'alert.raised');
    expect(raised?.alert.text).toMatchObject({ code: 'alert.high_priority', params: { number: report.number } });
    expect(raised?.alert.text?.message).toBe(raised?.alert.message);

    const listed = await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token);
    const alert = listed.body.alerts.find((a) => a.reportId === report.id);
    expect(alert?.text).toEqual(raised?.alert.text);

    const acked = await desk.timeout(5000).emitWithAck('alert:ack', { alertId: alert?.id ?? '' });
    expect(acked.ok && acked.data.text).toEqual(raised?.alert.text);
  });
});
