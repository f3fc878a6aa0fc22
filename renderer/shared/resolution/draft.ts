/** The resolution form's draft: plain strings, so a half-filled form never loses what was typed. Pure. */
import type { ReportDetail } from '../../../server/protocol/detail';
import type { ReportStatus } from '../../../server/protocol/report';
import type { Resolution, ResolutionKind } from '../../../server/protocol/resolution';

export interface ResolutionDraftState {
  kind: ResolutionKind;
  outcome: string;
  foundCode: string;
  foundText: string;
  actionCode: string;
  actionText: string;
  followUpDate: string;
  followUpWhat: string;
  followUpWho: string;
  referredTo: string;
}

export type DraftField = keyof ResolutionDraftState;

/** Transitions whose form this is (the others need no resolution, or a reply). */
export type ResolutionTarget = Extract<ReportStatus, 'awaiting_review' | 'scheduled' | 'closed'>;

export const EMPTY_DRAFT: ResolutionDraftState = {
  kind: 'close',
  outcome: '',
  foundCode: '',
  foundText: '',
  actionCode: '',
  actionText: '',
  followUpDate: '',
  followUpWhat: '',
  followUpWho: '',
  referredTo: '',
};

/** Where the hub reports an error for each draft field (ApiError.fields keys). */
export const DRAFT_ERROR_KEYS: Record<DraftField, readonly string[]> = {
  kind: ['resolution.kind'],
  outcome: ['resolution.outcome'],
  foundCode: ['resolution.found.code', 'resolution.found'],
  foundText: ['resolution.found.text'],
  actionCode: ['resolution.action.code', 'resolution.action'],
  actionText: ['resolution.action.text'],
  followUpDate: ['resolution.followUp.date', 'resolution.followUp'],
  followUpWhat: ['resolution.followUp.what'],
  followUpWho: ['resolution.followUp.who'],
  referredTo: ['resolution.referredTo'],
};

export function draftFromResolution(resolution: Resolution, fields: 'all' | 'found' = 'all'): ResolutionDraftState {
  const found = { ...EMPTY_DRAFT, kind: resolution.kind, foundCode: resolution.found.code, foundText: resolution.found.text };
  if (fields === 'found') return found;
  return {
    ...found,
    outcome: resolution.kind === 'close' ? resolution.outcome : '',
    actionCode: resolution.action.code,
    actionText: resolution.action.text,
    followUpDate: resolution.followUp?.date ?? '',
    followUpWhat: resolution.followUp?.what ?? '',
    followUpWho: resolution.followUp?.who ?? '',
    referredTo: resolution.kind === 'close' ? (resolution.referredTo ?? '') : '',
  };
}

/**
 * The draft a form starts with: a field unit's proposal as it was sent (the desk confirms or edits it);
 * for a follow-up on a scheduled report, what was found then (what was done is new).
 */
export function initialDraft(detail: ReportDetail): ResolutionDraftState {
  const latest = detail.resolution;
  if (latest?.state === 'proposed' && detail.report.status === 'awaiting_review') return draftFromResolution(latest.body);
  if (latest && detail.report.status === 'scheduled') return { ...draftFromResolution(latest.body, 'found'), kind: 'close' };
  return EMPTY_DRAFT;
}

/** The kind of resolution a transition takes (awaiting_review: either). */
export function kindForTarget(target: ResolutionTarget, draftKind: ResolutionKind): ResolutionKind {
  if (target === 'scheduled') return 'schedule';
  if (target === 'closed') return 'close';
  return draftKind;
}

/** The resolution as sent to the hub: strings as typed; the hub validates and answers with field errors. */
export function resolutionBody(draft: ResolutionDraftState, kind: ResolutionKind): Record<string, unknown> {
  const followUp = { date: draft.followUpDate, what: draft.followUpWhat.trim(), who: draft.followUpWho.trim() };
  const hasFollowUp = kind === 'schedule' || Object.values(followUp).some((v) => v !== '');
  return {
    kind,
    ...(kind === 'close' ? { outcome: draft.outcome } : {}),
    ...(kind === 'close' && draft.outcome === 'referred' ? { referredTo: draft.referredTo.trim() } : {}),
    found: { code: draft.foundCode, text: draft.foundText.trim() },
    action: { code: draft.actionCode, text: draft.actionText.trim() },
    ...(hasFollowUp ? { followUp } : {}),
  };
}

const MIN_TEXT = 5;

/** Filled in enough to ask the hub for a message preview (the hub still has the last word). */
export function draftLooksComplete(draft: ResolutionDraftState, kind: ResolutionKind): boolean {
  if (!draft.foundCode || !draft.actionCode) return false;
  if (draft.foundText.trim().length < MIN_TEXT || draft.actionText.trim().length < MIN_TEXT) return false;
  if (kind === 'schedule') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.followUpDate)) return false;
    if (!draft.followUpWhat.trim() || !draft.followUpWho.trim()) return false;
  } else {
    if (!draft.outcome) return false;
    if (draft.outcome === 'referred' && draft.referredTo.trim().length < 2) return false;
  }
  return true;
}
