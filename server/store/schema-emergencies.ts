/** Tables of unit emergencies (migration 0019_emergencies); merged into DB in schema.ts. */

export interface EmergencyTable {
  id: string;
  unit_id: string;
  /** 'field' (NOODKNOP) or 'desk' (set by hand). */
  source: string;
  alert_id: string | null;
  previous_status: string;
  report_id: string | null;
  lat: number | null;
  lng: number | null;
  started_at: string;
  started_by: string | null;
  start_note: string | null;
  acked_at: string | null;
  acked_by: string | null;
  /** null while open; a partial unique index keeps one open emergency per unit. */
  ended_at: string | null;
  ended_by: string | null;
  end_note: string | null;
  return_status: string | null;
}

export interface EmergencyAssistTable {
  emergency_id: string;
  unit_id: string;
  distance_m: number | null;
  requested_at: string;
  requested_by: string | null;
}
