import { describe, expect, it } from 'vitest';
import { codesFor } from '../../server/domain/resolution-codes';
import { validateResolution } from '../../server/domain/resolution';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Resolution } from '../../server/protocol/resolution';
import { initialDraft, kindForTarget, NEW_DESK_DRAFT } from '../../renderer/console/lifecycle/resolutionTarget';
import {
  DRAFT_ERROR_FIELDS,
  draftFieldError,
  draftFromResolution,
  draftLooksComplete,
  EMPTY_DRAFT,
  type ResolutionDraft,
  resolutionBody,
} from '../../renderer/shared/resolution/draft';
import { aReport } from './renderer-fixtures';

const codes = codesFor('parkeren');
const closing: ResolutionDraft = {
  ...EMPTY_DRAFT,
  kind: 'close',
  outcome: 'resolved',
  foundCode: codes.found[0]!.code,
  foundText: '  Bestelbus stond op de stoep  ',
  actionCode: codes.action[0]!.code,
  actionText: 'Bestuurder aangesproken',
};
const scheduling: ResolutionDraft = {
  ...closing,
  kind: 'schedule',
  outcome: '',
  followUpDate: '2026-03-12',
  followUpWhat: 'Nacontrole',
  followUpWho: 'HH-12',
};

describe('resolutionBody', () => {
  it('a closing: outcome, trimmed texts, no follow-up when none was filled in', () => {
    expect(resolutionBody(closing)).toEqual({
      kind: 'close',
      outcome: 'resolved',
      found: { code: closing.foundCode, text: 'Bestelbus stond op de stoep' },
      action: { code: closing.actionCode, text: 'Bestuurder aangesproken' },
    });
  });

  it('a referral names the party; a partly filled follow-up goes along', () => {
    const body = resolutionBody({ ...closing, outcome: 'referred', referredTo: ' Politie ', followUpWhat: 'Terugbellen' });
    expect(body.referredTo).toBe('Politie');
    expect(body.followUp).toEqual({ date: '', what: 'Terugbellen', who: '' });
  });

  it('scheduling always carries the follow-up and no outcome; the kind may be given apart from the draft', () => {
    expect(resolutionBody(scheduling)).toMatchObject({ kind: 'schedule', followUp: { date: '2026-03-12', what: 'Nacontrole', who: 'HH-12' } });
    expect(resolutionBody(scheduling)).not.toHaveProperty('outcome');
    expect(resolutionBody(scheduling, 'close')).toMatchObject({ kind: 'close', outcome: '' });
  });

  it('an unchosen kind goes as it is, for the hub to name', () => {
    expect(resolutionBody({ ...closing, kind: '' })).toMatchObject({ kind: '' });
    expect(resolutionBody({ ...closing, kind: '' })).not.toHaveProperty('outcome');
  });

  it('what it builds is what the hub accepts, and what the hub refuses comes back on the draft fields', () => {
    const ctx = { category: 'parkeren', today: '2026-03-10' };
    expect(validateResolution(resolutionBody(closing), ctx).ok).toBe(true);
    expect(validateResolution(resolutionBody(scheduling), ctx).ok).toBe(true);
    const refused = validateResolution(resolutionBody({ ...closing, foundText: 'ok', kind: '' }), ctx);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const errors = Object.fromEntries(Object.entries(refused.fields).map(([k, v]) => [`resolution.${k}`, v]));
    for (const key of Object.keys(errors)) expect(DRAFT_ERROR_FIELDS.has(key)).toBe(true);
    expect(draftFieldError(errors, 'foundText')).toBeTruthy();
    expect(draftFieldError(errors, 'kind')).toBeTruthy();
    expect(draftFieldError(errors, 'actionText')).toBeUndefined();
  });
});

describe('draftFieldError', () => {
  it('the specific key first, then the group', () => {
    expect(draftFieldError({ 'resolution.found': 'groep', 'resolution.found.code': 'code' }, 'foundCode')).toBe('code');
    expect(draftFieldError({ 'resolution.found': 'groep' }, 'foundCode')).toBe('groep');
    expect(draftFieldError({}, 'foundCode')).toBeUndefined();
  });
});

describe('draftLooksComplete', () => {
  it('codes, texts of five characters, and per kind the outcome (and party) or the whole follow-up', () => {
    expect(draftLooksComplete(closing)).toBe(true);
    expect(draftLooksComplete(scheduling)).toBe(true);
    expect(draftLooksComplete({ ...closing, kind: '' })).toBe(false);
    expect(draftLooksComplete({ ...closing, actionText: 'kort' })).toBe(false);
    expect(draftLooksComplete({ ...closing, outcome: '' })).toBe(false);
    expect(draftLooksComplete({ ...closing, outcome: 'referred', referredTo: 'X' })).toBe(false);
    expect(draftLooksComplete({ ...closing, outcome: 'referred', referredTo: 'Politie' })).toBe(true);
    expect(draftLooksComplete({ ...scheduling, followUpDate: '12-03-2026' })).toBe(false);
    expect(draftLooksComplete({ ...scheduling, followUpWho: ' ' })).toBe(false);
    expect(draftLooksComplete(scheduling, 'close')).toBe(false);
  });
});

describe('draftFromResolution', () => {
  const stored: Resolution = {
    kind: 'close',
    outcome: 'referred',
    referredTo: 'Politie',
    found: { code: 'a', text: 'aangetroffen' },
    action: { code: 'b', text: 'gedaan' },
    followUp: { date: '2026-03-12', what: 'bellen', who: 'desk' },
  };

  it('round-trips a stored resolution', () => {
    const draft = draftFromResolution(stored);
    expect(draft).toMatchObject({ kind: 'close', outcome: 'referred', referredTo: 'Politie', foundCode: 'a', actionText: 'gedaan', followUpWho: 'desk' });
    expect(resolutionBody(draft)).toEqual(stored);
  });

  it("'found' keeps only what was found", () => {
    expect(draftFromResolution(stored, 'found')).toEqual({ ...EMPTY_DRAFT, kind: 'close', foundCode: 'a', foundText: 'aangetroffen' });
  });
});

describe('the desk form’s start and kind', () => {
  const proposal: Resolution = { kind: 'schedule', found: { code: 'a', text: 'aangetroffen' }, action: { code: 'b', text: 'gedaan' }, followUp: { date: '2026-03-12', what: 'x', who: 'y' } };
  const detail = (status: 'awaiting_review' | 'scheduled' | 'in_progress', state: 'proposed' | 'confirmed' | null) =>
    ({ report: aReport({ status }), resolution: state ? { state, body: proposal, at: '2026-03-10T10:00:00.000Z' } : null }) as unknown as ReportDetail;

  it('a proposal under review as sent; a follow-up on what was found; otherwise a new closing', () => {
    expect(initialDraft(detail('awaiting_review', 'proposed'))).toEqual(draftFromResolution(proposal));
    expect(initialDraft(detail('scheduled', 'confirmed'))).toEqual({ ...draftFromResolution(proposal, 'found'), kind: 'close' });
    expect(initialDraft(detail('in_progress', null))).toBe(NEW_DESK_DRAFT);
    expect(NEW_DESK_DRAFT.kind).toBe('close');
  });

  it('the target fixes the kind, except a review (closing unless chosen)', () => {
    expect(kindForTarget('scheduled', 'close')).toBe('schedule');
    expect(kindForTarget('closed', 'schedule')).toBe('close');
    expect(kindForTarget('awaiting_review', 'schedule')).toBe('schedule');
    expect(kindForTarget('awaiting_review', '')).toBe('close');
  });
});
