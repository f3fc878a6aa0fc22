/** Tables of the shift report (migration 0040_shift_reports): the saved reports and who acknowledged them as a handover. */

export interface ShiftReportTable {
  id: string;
  /** The shift's start date (YYYY-MM-DD, local) and name: one report per shift. */
  shift_date: string;
  shift: string;
  starts_at: string;
  ends_at: string;
  /** The report's content as it was when saved (protocol/shift-report.ts ShiftReportContent), JSON. */
  content: string;
  notes: string;
  written_by: string;
  written_by_name: string;
  saved_at: string;
}

export interface ShiftReportAckTable {
  report_id: string;
  user_id: string;
  acked_at: string;
}

declare module './schema' {
  interface DB {
    shift_reports: ShiftReportTable;
    shift_report_acks: ShiftReportAckTable;
  }
}
