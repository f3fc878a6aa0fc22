import { describe, expect, it } from 'vitest';
import {
  ALERT_KINDS,
  alertLines,
  clearedByOffer,
  clearedByRetry,
  clearedByTransition,
  escalationLevel,
  mayAcknowledge,
  seesAlert,
} from '../../server/domain/alert-kinds';
import { DOMAIN_TEXTS } from '../../server/domain/text-catalogue';
import type { Role } from '../../server/protocol/auth';
import { AlertKind } from '../../server/protocol/dispatch';
import type { ReportStatus } from '../../server/protocol/report';

describe('alert kinds as data', () => {
  it('has a row and a Dutch text for every alert kind', () => {
    for (const kind of AlertKind.options) {
      expect(ALERT_KINDS[kind], kind).toBeDefined();
      expect(Object.keys(DOMAIN_TEXTS), kind).toContain(`alert.${kind}`);
    }
  });

  it('never shows an alert to a role that cannot use a console', () => {
    for (const kind of AlertKind.options) {
      for (const role of ['field', 'admin', 'privacy_officer'] as const) expect(seesAlert(kind, role), `${kind} ${role}`).toBe(false);
    }
  });

  // kind, role, sees, may acknowledge
  const audience: [AlertKind, Role, boolean, boolean][] = [
    ['emergency', 'dispatcher', true, true],
    ['emergency', 'police_coordinator', true, true],
    ['offer_declined', 'police_coordinator', true, true],
    ['offer_expired', 'shift_lead', true, true],
    ['high_priority', 'police_coordinator', true, true],
    ['high_priority', 'dispatcher', true, true],
    ['proposal_review', 'dispatcher', true, true],
    ['proposal_review', 'police_coordinator', false, false],
    ['reopen_requested', 'shift_lead', true, true],
    ['reopen_requested', 'police_coordinator', false, false],
    // The police coordinator does not need the desk's delivery failures.
    ['delivery_failed', 'dispatcher', true, true],
    ['delivery_failed', 'shift_lead', true, true],
    ['delivery_failed', 'police_coordinator', false, false],
    ['delivery_failed', 'field', false, false],
  ];
  it.each(audience)('%s for %s: sees %s, acknowledges %s', (kind, role, sees, acks) => {
    expect(seesAlert(kind, role)).toBe(sees);
    expect(mayAcknowledge(kind, role)).toBe(acks);
  });

  // kind, from, to, cleared
  const transitions: [AlertKind, ReportStatus, ReportStatus, boolean][] = [
    ['high_priority', 'new', 'triaged', true],
    ['high_priority', 'new', 'dispatched', true],
    ['high_priority', 'new', 'closed', true],
    ['high_priority', 'triaged', 'dispatched', false],
    ['proposal_review', 'awaiting_review', 'closed', true],
    ['proposal_review', 'awaiting_review', 'in_progress', true],
    ['proposal_review', 'in_progress', 'awaiting_review', false],
    ['reopen_requested', 'reopen_requested', 'triaged', true],
    ['reopen_requested', 'reopen_requested', 'closed', true],
    ['reopen_requested', 'closed', 'reopen_requested', false],
    ['offer_declined', 'new', 'triaged', false],
    ['emergency', 'new', 'triaged', false],
    ['delivery_failed', 'closed', 'reopen_requested', false],
  ];
  it.each(transitions)('%s: %s -> %s clears it: %s', (kind, from, to, cleared) => {
    expect(clearedByTransition(kind, from, to)).toBe(cleared);
  });

  it('an offer clears only the routine high-priority alert; a retry only the delivery failure', () => {
    expect(AlertKind.options.filter(clearedByOffer)).toEqual(['high_priority']);
    expect(AlertKind.options.filter(clearedByRetry)).toEqual(['delivery_failed']);
  });

  // age in seconds, level
  const steps = {
    escalation: [
      { afterSeconds: 120, level: 'amber' },
      { afterSeconds: 240, level: 'red' },
      { afterSeconds: 360, level: 'sound' },
    ],
  } as const;
  const ages: [number, string | null][] = [
    [0, null],
    [119, null],
    [120, 'amber'],
    [239, 'amber'],
    [240, 'red'],
    [360, 'sound'],
    [3600, 'sound'],
  ];
  it.each(ages)('escalation after %i s: %s', (age, level) => {
    expect(escalationLevel(steps, age)).toBe(level);
  });
  it('kinds without steps do not escalate by age', () => {
    expect(escalationLevel(ALERT_KINDS.high_priority, 100_000)).toBeNull();
  });

  it('groups routine high-priority alerts into one line with all of them, newest first, after the others', () => {
    const alerts = [
      { id: 'a', kind: 'high_priority', createdAt: '2026-01-01T10:00:00Z' },
      { id: 'b', kind: 'offer_declined', createdAt: '2026-01-01T10:01:00Z' },
      { id: 'c', kind: 'high_priority', createdAt: '2026-01-01T10:02:00Z' },
      { id: 'd', kind: 'emergency', createdAt: '2026-01-01T09:00:00Z' },
      { id: 'e', kind: 'high_priority', createdAt: '2026-01-01T10:03:00Z' },
      { id: 'f', kind: 'delivery_failed', createdAt: '2026-01-01T10:04:00Z' },
    ] as const;
    const lines = alertLines(alerts);
    expect(lines.map((l) => [l.kind, l.alerts.map((a) => a.id).join('')])).toEqual([
      ['emergency', 'd'],
      ['offer_declined', 'b'],
      ['delivery_failed', 'f'],
      ['high_priority', 'eca'],
    ]);
  });
});
