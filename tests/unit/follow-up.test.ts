import { describe, expect, it } from 'vitest';
import { clearedByTransition, mayAcknowledge, seesAlert } from '../../server/domain/alert-kinds';
import {
  DEFAULT_FOLLOW_UP,
  followUpAct,
  followUpDueAt,
  followUpDueDate,
  isFollowUpDueAt,
  isOwnFollowUp,
  latestPossiblyDueDate,
  normalTeamName,
} from '../../server/domain/follow-up';
import { loadConfig } from '../../server/config';
import { followUpSettingsOf } from '../../server/hub/follow-up-config';

/** The follow-up date's rule (domain/follow-up.ts): 07:00 Europe/Amsterdam on the date, or the next working day. */

describe('the day a follow-up date acts', () => {
  it.each([
    ['2027-01-06', '2027-01-06', 'a Wednesday: that day'],
    ['2027-01-08', '2027-01-08', 'a Friday: that day'],
    ['2027-01-09', '2027-01-11', 'a Saturday: the Monday after'],
    ['2027-01-10', '2027-01-11', 'a Sunday: the Monday after'],
    ['2026-12-25', '2026-12-28', 'Eerste Kerstdag (Friday): Monday, past Tweede Kerstdag on Saturday'],
    ['2026-12-26', '2026-12-28', 'Tweede Kerstdag on a Saturday: Monday'],
    ['2027-01-01', '2027-01-04', 'Nieuwjaarsdag (Friday): Monday'],
    ['2027-04-27', '2027-04-28', 'Koningsdag (Tuesday): Wednesday'],
    ['2027-05-05', '2027-05-07', 'Bevrijdingsdag (Wednesday), then Hemelvaartsdag (Thursday): Friday'],
    ['2027-03-28', '2027-03-30', 'Eerste Paasdag, the spring DST Sunday, then Tweede Paasdag: Tuesday'],
    ['2027-03-26', '2027-03-26', 'Goede Vrijdag is a working day'],
  ])('%s → %s (%s)', (date, due) => {
    expect(followUpDueDate(date)).toBe(due);
  });
});

describe('the moment it acts: 07:00 local time', () => {
  it('07:00 in winter is 06:00 UTC; 06:59:59 is not due, 07:00:00 is, and later stays due', () => {
    expect(followUpDueAt('2027-01-06').toISOString()).toBe('2027-01-06T06:00:00.000Z');
    expect(isFollowUpDueAt('2027-01-06', new Date('2027-01-06T05:59:59.999Z'))).toBe(false);
    expect(isFollowUpDueAt('2027-01-06', new Date('2027-01-06T06:00:00.000Z'))).toBe(true);
    expect(isFollowUpDueAt('2027-01-06', new Date('2027-01-20T12:00:00.000Z'))).toBe(true);
  });

  it('07:00 in summer is 05:00 UTC', () => {
    expect(followUpDueAt('2027-06-14').toISOString()).toBe('2027-06-14T05:00:00.000Z');
    expect(isFollowUpDueAt('2027-06-14', new Date('2027-06-14T04:59:00Z'))).toBe(false);
    expect(isFollowUpDueAt('2027-06-14', new Date('2027-06-14T05:00:00Z'))).toBe(true);
  });

  it('around the DST changes the wall clock counts: the Friday before in the old offset, the next working day in the new', () => {
    // Spring 2027: clocks go forward on Sunday 28 March (Easter); Monday 29 is Tweede Paasdag.
    expect(followUpDueAt('2027-03-26').toISOString()).toBe('2027-03-26T06:00:00.000Z');
    expect(followUpDueAt('2027-03-28').toISOString()).toBe('2027-03-30T05:00:00.000Z');
    // Autumn 2026: clocks go back on Sunday 25 October.
    expect(followUpDueAt('2026-10-23').toISOString()).toBe('2026-10-23T05:00:00.000Z');
    expect(followUpDueAt('2026-10-25').toISOString()).toBe('2026-10-26T06:00:00.000Z');
  });

  it('the weekend date is not due on the Saturday or Sunday itself, nor on Monday before 07:00', () => {
    expect(isFollowUpDueAt('2027-01-09', new Date('2027-01-09T10:00:00Z'))).toBe(false);
    expect(isFollowUpDueAt('2027-01-09', new Date('2027-01-10T23:00:00Z'))).toBe(false);
    expect(isFollowUpDueAt('2027-01-09', new Date('2027-01-11T05:59:00Z'))).toBe(false);
    expect(isFollowUpDueAt('2027-01-09', new Date('2027-01-11T06:00:00Z'))).toBe(true);
  });

  it('another time and time zone: the settings', () => {
    const settings = { time: '08:30', timeZone: 'America/New_York' };
    expect(followUpDueAt('2027-01-06', settings).toISOString()).toBe('2027-01-06T13:30:00.000Z');
    expect(followUpDueAt('2027-01-06', { time: '07:00', timeZone: 'UTC' }).toISOString()).toBe('2027-01-06T07:00:00.000Z');
  });

  it('candidates: follow-up dates up to the local date (just after midnight in Amsterdam it is already the next day)', () => {
    expect(latestPossiblyDueDate(new Date('2027-01-05T23:30:00Z'))).toBe('2027-01-06');
    expect(latestPossiblyDueDate(new Date('2027-01-05T22:59:00Z'))).toBe('2027-01-05');
  });
});

describe("whose follow-up it is", () => {
  const own = DEFAULT_FOLLOW_UP.ownTeams;

  it('own team names match without case, spaces, and a leading "team", "het" or "de"', () => {
    expect(normalTeamName('  Team   Meldkamer ')).toBe('meldkamer');
    expect(normalTeamName('het team Groen')).toBe('groen');
    expect(isOwnFollowUp('Meldkamer', own)).toBe(true);
    expect(isOwnFollowUp('team meldkamer', own)).toBe(true);
    expect(isOwnFollowUp('Handhaving en Toezicht', own)).toBe(true);
    expect(isOwnFollowUp('de Handhaving', own)).toBe(true);
  });

  it('any other name is another team: the desk asks them by the name as written', () => {
    expect(followUpAct('team Groen', own)).toEqual({ kind: 'other', who: 'team Groen' });
    expect(followUpAct(' Stadsbeheer, team groen ', own)).toEqual({ kind: 'other', who: 'Stadsbeheer, team groen' });
    expect(followUpAct('Meldkamer Noord', own)).toEqual({ kind: 'other', who: 'Meldkamer Noord' });
    expect(followUpAct('Meldkamer', own)).toEqual({ kind: 'own' });
    expect(isOwnFollowUp('', own)).toBe(false);
    expect(isOwnFollowUp('Meldkamer', [])).toBe(false);
  });
});

describe('settings', () => {
  it('defaults: 07:00 Europe/Amsterdam, the own team names, no visit message', () => {
    const settings = followUpSettingsOf(loadConfig({}, { dataDir: '/tmp/x' }));
    expect(settings).toEqual({ time: '07:00', timeZone: 'Europe/Amsterdam', ownTeams: [...DEFAULT_FOLLOW_UP.ownTeams], visitMessage: false });
  });

  it('from the environment: a comma-separated team list, a time, the visit message on', () => {
    const config = loadConfig(
      {
        MELDKAMER_FOLLOW_UP_TIME: '06:30',
        MELDKAMER_FOLLOW_UP_OWN_TEAMS: 'Meldkamer, Toezicht Centrum',
        MELDKAMER_FOLLOW_UP_VISIT_MESSAGE: 'true',
      },
      { dataDir: '/tmp/x' },
    );
    expect(followUpSettingsOf(config)).toMatchObject({ time: '06:30', ownTeams: ['Meldkamer', 'Toezicht Centrum'], visitMessage: true });
  });

  it('a bad time or time zone stops start-up with the setting named', () => {
    expect(() => loadConfig({ MELDKAMER_FOLLOW_UP_TIME: '7 uur' }, { dataDir: '/tmp/x' })).toThrow(/MELDKAMER_FOLLOW_UP_TIME: must be HH:MM/);
    expect(() => loadConfig({ MELDKAMER_FOLLOW_UP_TIME_ZONE: 'Mars/Olympus' }, { dataDir: '/tmp/x' })).toThrow(/MELDKAMER_FOLLOW_UP_TIME_ZONE/);
  });
});

describe('the follow-up alerts end by themselves', () => {
  it('follow_up_due (own, back in the queue) ends when the report leaves the queue', () => {
    expect(clearedByTransition('follow_up_due', 'triaged', 'dispatched')).toBe(true);
    expect(clearedByTransition('follow_up_due', 'triaged', 'closed')).toBe(true);
    expect(clearedByTransition('follow_up_due', 'scheduled', 'triaged')).toBe(false);
  });

  it("follow_up_other (another team's) ends when the follow-up is settled: out of 'scheduled', or a new date", () => {
    expect(clearedByTransition('follow_up_other', 'scheduled', 'closed')).toBe(true);
    expect(clearedByTransition('follow_up_other', 'scheduled', 'triaged')).toBe(true);
    expect(clearedByTransition('follow_up_other', 'scheduled', 'scheduled')).toBe(true);
    expect(clearedByTransition('follow_up_other', 'awaiting_review', 'scheduled')).toBe(false);
  });

  it('both are for the desk, and may be acknowledged by hand', () => {
    for (const kind of ['follow_up_due', 'follow_up_other'] as const) {
      expect(mayAcknowledge(kind, 'dispatcher')).toBe(true);
      expect(mayAcknowledge(kind, 'shift_lead')).toBe(true);
      expect(seesAlert(kind, 'police_coordinator')).toBe(false);
      expect(seesAlert(kind, 'field')).toBe(false);
    }
  });
});
