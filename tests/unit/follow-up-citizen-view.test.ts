import { describe, expect, it } from 'vitest';
import { citizenView } from '../../server/domain/citizen-view';
import type { Report, ReportStatus } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';
import { transitionStep } from '../support/timeline-steps';
import { aReport } from './renderer-fixtures';

/** To the citizen a scheduled report stays "ingepland" until it is closed, also after its follow-up date moved it back to the queue. */

const schedule = (date: string): Resolution => ({
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'Tak hangt laag' },
  action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
  followUp: { date, what: 'Snoeien', who: 'team Groen' },
});
const close: Resolution = { kind: 'close', outcome: 'resolved', found: { code: 'tak_laag', text: 'Tak hing laag' }, action: { code: 'tak_verwijderd', text: 'Tak gesnoeid' } };

const step = transitionStep;

const scheduled = [step('new', 'triaged'), step('awaiting_review', 'scheduled', schedule('2026-12-26'))];
const report = (status: ReportStatus, followUpDate: string | null = null): Report => aReport({ status, followUpDate, outcome: status === 'closed' ? 'resolved' : null });

describe('citizen view of a report after its follow-up date', () => {
  it('scheduled: "Ingepland voor" its date', () => {
    const view = citizenView(report('scheduled', '2026-12-26'), 'Boomtak', scheduled, false);
    expect(view).toMatchObject({ state: 'scheduled', followUpDate: '2026-12-26', headline: 'Ingepland voor zaterdag 26 december 2026' });
  });

  it.each(['triaged', 'dispatched', 'in_progress', 'awaiting_review'] as const)('back in the queue and on to %s: still "ingepland" with the date', (status) => {
    const view = citizenView(report(status), 'Boomtak', [...scheduled, step('scheduled', 'triaged')], false);
    expect(view).toMatchObject({ state: 'scheduled', followUpDate: '2026-12-26', headline: 'Ingepland voor zaterdag 26 december 2026' });
  });

  it('closed: closed, with what happened', () => {
    const view = citizenView(report('closed'), 'Boomtak', [...scheduled, step('scheduled', 'triaged'), step('triaged', 'closed', close)], false);
    expect(view).toMatchObject({ state: 'closed', followUpDate: null, headline: 'Opgelost' });
  });

  it('reopened after closing: no longer "ingepland" (the old date is past history)', () => {
    const timeline = [...scheduled, step('scheduled', 'closed', close), step('closed', 'reopen_requested', null, 'nee'), step('reopen_requested', 'triaged', null, 'We kijken opnieuw')];
    const view = citizenView(report('triaged'), 'Boomtak', timeline, true);
    expect(view).toMatchObject({ state: 'open', followUpDate: null, headline: 'In behandeling' });
  });

  it('never scheduled: open as before', () => {
    expect(citizenView(report('triaged'), 'Boomtak', [step('new', 'triaged')], false)).toMatchObject({ state: 'open', followUpDate: null });
  });
});

describe('citizen view: what was found and done, in sentences', () => {
  it('the officer\'s words as sentences and the follow-up in plain words, without label lines', () => {
    const view = citizenView(report('scheduled', '2026-12-26'), 'Boomtak', scheduled, false);
    const planned = view.steps.find((s) => s.title === 'Ingepland voor zaterdag 26 december 2026');
    // The date once: the step's title says it ("Ingepland voor …"), no "Dat is gepland op …" under it.
    expect(planned?.lines).toEqual(['Tak hangt laag.', 'Gemarkeerd voor de snoeiploeg.', 'Dit gebeurt nog: snoeien.']);
    expect(view.steps.flatMap((s) => s.lines).join('\n')).not.toMatch(/Wat we (aantroffen|deden)|Wat er nog gebeurt/);
  });

  it('a closed report with a follow-up by others says its date under the title "Opgelost"', () => {
    const closeWithFollowUp: Resolution = { ...close, followUp: { date: '2026-12-26', what: 'Snoeien', who: 'team Groen' } } as Resolution;
    const view = citizenView(report('closed'), 'Boomtak', [step('in_progress', 'closed', closeWithFollowUp)], false);
    expect(view.steps.at(-1)?.lines).toEqual(['Tak hing laag.', 'Tak gesnoeid.', 'Dit gebeurt nog: snoeien.', 'Dat is gepland op zaterdag 26 december 2026.']);
  });
});
