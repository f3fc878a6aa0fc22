import type { CreateReportCommand, ReportStatus } from '../protocol/report';

export interface IntakeDecision {
  status: ReportStatus;
  address: string | null;
  description: string;
}

/** Rules for a newly accepted report; the category must exist (checked by the caller against the store). */
export function decideIntake(input: CreateReportCommand): IntakeDecision {
  return {
    status: 'new',
    address: input.address && input.address.length > 0 ? input.address : null,
    description: input.description.replace(/\s+/g, ' ').trim(),
  };
}
