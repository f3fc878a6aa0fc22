/**
 * Helpers for the field client's e2e tests: the desk's side over HTTP (units, offers, tasking, alerts,
 * events) against a real in-process hub from tests/support/hub.ts, and a tiny valid PNG for photo uploads.
 */
import { randomUUID } from 'node:crypto';
import { localDateString } from '../../server/domain/sla';
import type { Alert, Assignment, FocusArea, TaskingEntry, Unit } from '../../server/protocol/dispatch';
import type { EventsPage, HubEvent } from '../../server/protocol/events';
import type { TestHub } from './hub';

export async function unitsOf(t: TestHub, token: string): Promise<{ units: Unit[]; assignments: Assignment[] }> {
  const res = await t.api<{ units: Unit[]; assignments: Assignment[] }>('GET', '/api/units', token);
  if (res.status !== 200) throw new Error(`GET /api/units: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function unitByCallsign(t: TestHub, token: string, callsign: string): Promise<Unit> {
  const unit = (await unitsOf(t, token)).units.find((u) => u.callsign === callsign);
  if (!unit) throw new Error(`no unit ${callsign}`);
  return unit;
}

export async function offer(t: TestHub, token: string, reportId: string, unitIds: string[], timeoutSeconds = 60): Promise<Assignment[]> {
  const res = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', token, {
    commandId: randomUUID(),
    reportId,
    unitIds,
    timeoutSeconds,
  });
  if (res.status !== 201) throw new Error(`POST /api/offers: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.assignments;
}

export async function openAlerts(t: TestHub, token: string): Promise<Alert[]> {
  const res = await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token);
  if (res.status !== 200) throw new Error(`GET /api/alerts: ${res.status}`);
  return res.body.alerts;
}

/** Every event after `after` (all pages). */
export async function eventsAfter(t: TestHub, token: string, after: number): Promise<HubEvent[]> {
  const all: HubEvent[] = [];
  let cursor = after;
  for (;;) {
    const page: EventsPage = await t.fetchEvents(token, cursor);
    all.push(...page.events);
    const last = page.events.at(-1);
    if (!page.hasMore || !last) return all;
    cursor = last.seq;
  }
}

export async function latestSeq(t: TestHub, token: string): Promise<number> {
  return (await t.fetchEvents(token, 0)).latestSeq;
}

/** Today's tasking for a unit: one focus area around the Lange Voorhout, set by the police coordinator. */
export async function taskUnitToday(
  t: TestHub,
  unitId: string,
  area: { name: string; instructions: string },
  shift: TaskingEntry['shift'] = 'vroeg',
): Promise<{ area: FocusArea; entry: TaskingEntry }> {
  const token = (await t.login('politie')).token;
  const now = Date.now();
  const created = await t.api<FocusArea>('POST', '/api/focus-areas', token, {
    name: area.name,
    instructions: area.instructions,
    publicText: null,
    polygon: [
      [
        [4.305, 52.078],
        [4.318, 52.078],
        [4.318, 52.083],
        [4.305, 52.083],
        [4.305, 52.078],
      ],
    ],
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 8 * 3_600_000).toISOString(),
  });
  if (created.status !== 201) throw new Error(`POST /api/focus-areas: ${created.status} ${JSON.stringify(created.body)}`);
  const entry = await t.api<TaskingEntry>('POST', '/api/tasking', token, {
    date: localDateString(new Date()),
    unitId,
    areaId: created.body.id,
    shift,
  });
  if (entry.status !== 201) throw new Error(`POST /api/tasking: ${entry.status} ${JSON.stringify(entry.body)}`);
  return { area: created.body, entry: entry.body };
}

/** A valid 1x1 PNG (the hub checks the magic bytes). */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** YYYY-MM-DD `days` after today in Europe/Amsterdam. */
export function dateInDays(days: number): string {
  return localDateString(new Date(Date.now() + days * 86_400_000));
}
