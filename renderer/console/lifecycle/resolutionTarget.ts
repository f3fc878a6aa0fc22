/** Which status a resolution form leads to, and the draft it starts with. Pure. */
import type { ReportDetail } from '../../../server/protocol/detail';
import type { ReportStatus } from '../../../server/protocol/report';
import type { ResolutionKind } from '../../../server/protocol/resolution';
import { draftFromResolution, EMPTY_DRAFT, type ResolutionDraft } from '../../shared/resolution/draft';

/** Transitions whose form this is (the others need no resolution, or a reply). */
export type ResolutionTarget = Extract<ReportStatus, 'awaiting_review' | 'scheduled' | 'closed'>;

/** A new resolution at the desk: closing, unless the dispatcher picks scheduling. */
export const NEW_DESK_DRAFT: ResolutionDraft = { ...EMPTY_DRAFT, kind: 'close' };

/**
 * The draft a form starts with: a field unit's proposal as it was sent (the desk confirms or edits it);
 * for a follow-up on a scheduled report, what was found then (what was done is new).
 */
export function initialDraft(detail: ReportDetail): ResolutionDraft {
  const latest = detail.resolution;
  if (latest?.state === 'proposed' && detail.report.status === 'awaiting_review') return draftFromResolution(latest.body);
  if (latest && detail.report.status === 'scheduled') return { ...draftFromResolution(latest.body, 'found'), kind: 'close' };
  return NEW_DESK_DRAFT;
}

/** The kind of resolution a transition takes (awaiting_review: either, closing unless chosen). */
export function kindForTarget(target: ResolutionTarget, draftKind: ResolutionDraft['kind']): ResolutionKind {
  if (target === 'scheduled') return 'schedule';
  if (target === 'closed') return 'close';
  return draftKind || 'close';
}
