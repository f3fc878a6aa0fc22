/** The unit's open offers and accepted assignments as events change them. Pure. */
import type { Assignment, FieldReport } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { FieldAssignment } from '../../server/protocol/socket';

const ACTIVE_STATES: ReadonlySet<Assignment['state']> = new Set(['offered', 'accepted']);

export function isActive(assignment: Assignment): boolean {
  return ACTIVE_STATES.has(assignment.state);
}

export interface AssignmentChange {
  assignments: readonly FieldAssignment[];
  /** A new offer arrived (the phone buzzes). */
  newOffer: boolean;
  /** An open offer went away without an answer from this unit (the user is told). */
  offerGone: 'expired' | 'withdrawn' | null;
}

/** An assignment as the hub now has it: kept while offered or accepted, dropped once answered or gone. */
export function applyAssignment(list: readonly FieldAssignment[], assignment: Assignment, report: FieldReport): AssignmentChange {
  const before = list.find((a) => a.assignment.id === assignment.id);
  if (isActive(assignment)) {
    const assignments = before
      ? list.map((a) => (a.assignment.id === assignment.id ? { assignment, report } : a))
      : [...list, { assignment, report }];
    return { assignments, newOffer: !before && assignment.state === 'offered', offerGone: null };
  }
  if (!before) return { assignments: list, newOffer: false, offerGone: null };
  const wasOffered = before.assignment.state === 'offered';
  const gone = assignment.state === 'expired' || assignment.state === 'withdrawn' ? assignment.state : null;
  return {
    assignments: list.filter((a) => a.assignment.id !== assignment.id),
    newOffer: false,
    offerGone: wasOffered ? gone : null,
  };
}

/** A report's new status on the assignments that carry it. */
export function withReportStatus(list: readonly FieldAssignment[], report: Pick<Report, 'id' | 'status'>): FieldAssignment[] {
  return list.map((a) => (a.report.id === report.id ? { ...a, report: { ...a.report, status: report.status } } : a));
}
