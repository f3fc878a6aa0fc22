import type { CreateReportCommand, ReportStatus } from '../protocol/report';

export interface IntakeDecision {
  status: ReportStatus;
  address: string | null;
  description: string;
}

/**
 * Spaces and tabs within a line become one space; line breaks stay (the citizen's paragraphs, an Open311 client's
 * "title / detail / url" lines), at most one blank line in a row; the whole is trimmed.
 */
export function tidyDescription(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Rules for a newly accepted report; the category must exist (checked by the caller against the store). */
export function decideIntake(input: CreateReportCommand): IntakeDecision {
  return {
    status: 'new',
    address: input.address && input.address.length > 0 ? input.address : null,
    description: tidyDescription(input.description),
  };
}
