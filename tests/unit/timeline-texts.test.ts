import { describe, expect, it } from 'vitest';
import { makeTranslateText } from '../../renderer/console/i18n';
import { maskTimelineEntry } from '../../server/domain/privacy-events';
import { clockTime, dayMonth, timelineText, withoutCallerName } from '../../server/domain/timeline-texts';
import { TIMELINE_CASES } from './timeline-text-cases';

describe('the report timeline in words', () => {
  it.each(TIMELINE_CASES)('%s', (_name, fact, dutch) => {
    const text = timelineText(fact);
    expect(text.message).toBe(dutch);
    // The console renders the same Dutch from code + params, and English without Dutch words.
    expect(makeTranslateText('nl')(text)).toBe(dutch);
    expect(makeTranslateText('en')(text)).not.toBe(dutch);
  });

  it('names the times in Amsterdam time, winter and summer, and dates as day-month', () => {
    expect(clockTime('2026-12-30T23:30:00.000Z')).toBe('00:30');
    expect(clockTime('2026-07-01T23:30:00.000Z')).toBe('01:30');
    expect(dayMonth('2027-01-05')).toBe('05-01');
  });

  it('speaks English in the English console', () => {
    const en = makeTranslateText('en');
    const accepted = timelineText({ type: 'assignment.updated', at: '2026-12-30T02:45:00.000Z', unit: 'HH-11', assignmentState: 'accepted' });
    expect(en(accepted)).toBe('HH-11 accepted the offer (03:45)');
    const step = timelineText({ type: 'report.transitioned', at: '2026-12-30T02:45:00.000Z', from: 'in_progress', to: 'scheduled' });
    expect(en(step)).toBe('Status: In progress → Scheduled');
  });

  it('a role without contacts.read never gets the linked caller’s name', () => {
    const named = timelineText({ type: 'report.updated', at: '2026-12-30T02:45:00.000Z', callerLinked: { name: 'J***' } });
    expect(withoutCallerName(named).message).toBe('Beller gekoppeld');
    const entry = {
      seq: 3,
      at: '2026-12-30T02:45:00.000Z',
      type: 'report.updated',
      actor: 'Anna',
      from: null,
      to: null,
      outcome: null,
      resolution: null,
      resolutionState: null,
      note: null,
      text: named,
    };
    expect(maskTimelineEntry(entry).text).toEqual(timelineText({ type: 'report.updated', at: entry.at, callerLinked: { name: null } }));
    expect(JSON.stringify(maskTimelineEntry(entry))).not.toContain('J***');
  });
});
