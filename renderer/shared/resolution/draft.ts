/**
 * A resolution (bevinding / actie / vervolg) while it is being written: plain strings, so a half-filled
 * form never loses what was typed (and the field client can keep it in its offline queue). The console's
 * resolution form and the field's finding form both build their proposal from it. Pure.
 */
import type { Resolution, ResolutionKind } from '../../../server/protocol/resolution';

export interface ResolutionDraft {
  /** '' until chosen (the field form starts so; the hub then names the missing kind). */
  kind: ResolutionKind | '';
  outcome: string;
  referredTo: string;
  foundCode: string;
  foundText: string;
  actionCode: string;
  actionText: string;
  followUpDate: string;
  followUpWhat: string;
  followUpWho: string;
}

export type DraftField = keyof ResolutionDraft;

export const EMPTY_DRAFT: ResolutionDraft = {
  kind: '',
  outcome: '',
  referredTo: '',
  foundCode: '',
  foundText: '',
  actionCode: '',
  actionText: '',
  followUpDate: '',
  followUpWhat: '',
  followUpWho: '',
};

/** Where the hub reports an error for each draft field (ApiError.fields keys), the specific key first. */
export const DRAFT_ERROR_KEYS: Record<DraftField, readonly string[]> = {
  kind: ['resolution.kind'],
  outcome: ['resolution.outcome'],
  referredTo: ['resolution.referredTo'],
  foundCode: ['resolution.found.code', 'resolution.found'],
  foundText: ['resolution.found.text'],
  actionCode: ['resolution.action.code', 'resolution.action'],
  actionText: ['resolution.action.text'],
  followUpDate: ['resolution.followUp.date', 'resolution.followUp'],
  followUpWhat: ['resolution.followUp.what'],
  followUpWho: ['resolution.followUp.who'],
};

/** Every error key a resolution form shows next to one of its fields. */
export const DRAFT_ERROR_FIELDS: ReadonlySet<string> = new Set(Object.values(DRAFT_ERROR_KEYS).flat());

/** The error to show next to a draft field, if the hub (or the offline check) reported one. */
export function draftFieldError(errors: Readonly<Record<string, string>>, field: DraftField): string | undefined {
  for (const key of DRAFT_ERROR_KEYS[field]) if (errors[key]) return errors[key];
  return undefined;
}

/** A stored resolution as a draft; `found` keeps only what was found (a follow-up visit does the rest anew). */
export function draftFromResolution(resolution: Resolution, fields: 'all' | 'found' = 'all'): ResolutionDraft {
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
 * The resolution as sent to the hub: texts trimmed, otherwise as typed; the hub validates it
 * (server/domain/resolution.ts) and answers with field errors. A follow-up goes along when scheduling
 * or when any part of it was filled in.
 */
export function resolutionBody(draft: ResolutionDraft, kind: ResolutionDraft['kind'] = draft.kind): Record<string, unknown> {
  const followUp = { date: draft.followUpDate.trim(), what: draft.followUpWhat.trim(), who: draft.followUpWho.trim() };
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
export function draftLooksComplete(draft: ResolutionDraft, kind: ResolutionDraft['kind'] = draft.kind): boolean {
  if (!kind || !draft.foundCode || !draft.actionCode) return false;
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
