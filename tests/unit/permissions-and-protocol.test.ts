import { describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS } from '../../server/domain/permissions';
import { Role } from '../../server/protocol/auth';
import { HubEvent } from '../../server/protocol/events';
import { CreateReportInput, Report } from '../../server/protocol/report';

describe('role checks', () => {
  it('deny unknown actions for every role', () => {
    for (const role of Role.options) expect(isAllowed('report.delete-everything', role)).toBe(false);
  });

  it('follow the permission table exactly', () => {
    expect(isAllowed('report.create', 'dispatcher')).toBe(true);
    expect(isAllowed('report.create', 'field')).toBe(false);
    expect(isAllowed('report.create', 'police_coordinator')).toBe(false);
    expect(isAllowed('console.connect', 'field')).toBe(false);
    for (const [action, roles] of Object.entries(PERMISSIONS)) {
      for (const role of Role.options) expect(isAllowed(action, role)).toBe((roles as readonly string[]).includes(role));
    }
  });
});

describe('protocol schemas', () => {
  const valid = {
    category: 'groen',
    location: { lat: 52.08, lng: 4.31 },
    description: 'Boomtak over de stoep',
    source: 'phone',
  };

  it('accept a minimal report and leave an absent priority to the hub (the run card, else normal: dispatch-slots test)', () => {
    const parsed = CreateReportInput.parse(valid);
    expect(parsed.priority).toBeUndefined();
    expect(CreateReportInput.parse({ ...valid, priority: 'high' }).priority).toBe('high');
    expect(CreateReportInput.safeParse({ ...valid, priority: 'asap' }).success).toBe(false);
  });

  it('reject out-of-range coordinates, unknown channels, empty descriptions and junk contact data', () => {
    expect(CreateReportInput.safeParse({ ...valid, location: { lat: 91, lng: 4 } }).success).toBe(false);
    expect(CreateReportInput.safeParse({ ...valid, source: 'fax' }).success).toBe(false);
    expect(CreateReportInput.safeParse({ ...valid, description: '  ' }).success).toBe(false);
    expect(CreateReportInput.safeParse({ ...valid, reporter: { email: 'geen-mail' } }).success).toBe(false);
    expect(CreateReportInput.safeParse({ ...valid, reporter: {} }).success).toBe(false);
    expect(CreateReportInput.safeParse({ ...valid, reporter: { phone: '06 1234 5678' } }).success).toBe(true);
  });

  it('parse hub events by type and refuse an event without a positive seq', () => {
    const report = Report.parse({
      id: 'r1',
      number: 'M-000001',
      category: 'groen',
      lat: 52,
      lng: 4,
      address: null,
      description: 'x',
      source: 'app',
      priority: 'high',
      status: 'new',
      outcome: null,
      hasReporter: false,
      reporterCount: 0,
      followUpDate: null,
      slaDeadline: null,
      delivery: 'none',
      createdAt: '2026-11-28T10:00:00.000Z',
      updatedAt: '2026-11-28T10:00:00.000Z',
      version: 1,
    });
    const event = { seq: 1, type: 'report.created', at: '2026-11-28T10:00:00.000Z', actorId: null, report };
    expect(HubEvent.parse(event).type).toBe('report.created');
    expect(HubEvent.safeParse({ ...event, seq: 0 }).success).toBe(false);
    expect(HubEvent.safeParse({ ...event, type: 'report.exploded' }).success).toBe(false);
  });
});
