/** The detail panel's steps: their labels and which of them open the resolution form. Pure. */
import type { ReportDetail } from '../../../server/protocol/detail';
import type { ReportStatus } from '../../../server/protocol/report';
import { isMessageKey, type Translate } from '../i18n';
import type { ResolutionTarget } from './resolutionTarget';

export type Transition = ReportDetail['transitions'][number];

/** The console's own wording for a step ("Inplannen"), else the hub's label. */
export function transitionLabel(t: Translate, from: ReportStatus, transition: Transition): string {
  const key = `action.${from}.${transition.to}`;
  return isMessageKey(key) ? t(key) : transition.label;
}

/** Steps that need a resolution (review, scheduling, closing): they open the form instead of running at once. */
export function isFormTransition(tr: Transition): tr is Transition & { to: ResolutionTarget } {
  return tr.requires === 'proposal' || tr.requires === 'closing' || tr.requires === 'schedule';
}

/** A field proposal waiting for review opens the matching form right away, pre-filled. */
export function defaultTarget(detail: ReportDetail): ResolutionTarget | null {
  const proposal = detail.resolution;
  if (detail.report.status !== 'awaiting_review' || proposal?.state !== 'proposed') return null;
  const to: ResolutionTarget = proposal.body.kind === 'schedule' ? 'scheduled' : 'closed';
  return detail.transitions.some((tr) => tr.to === to && isFormTransition(tr)) ? to : null;
}
