/**
 * The columns of `reports` that make sub-reports (migration 0029, domain/sub-reports.ts), merged into
 * schema.ts's ReportTable by module augmentation (the same interface, declared in two places).
 */
import type { Generated } from 'kysely';

declare module './schema' {
  interface ReportTable {
    /** A part's main report; null for every other report. */
    parent_report_id: string | null;
    /** The main report's number, kept with the part (numbers never change). */
    parent_number: number | null;
    /** The team (a category's department) a part is for. */
    part_team: string | null;
    /** How many parts a main report has; 0 for every other report. */
    part_count: Generated<number>;
  }
}
