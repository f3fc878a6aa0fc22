/** Store tables: units in the field and their work: units, offers, the position trail, alerts, focus areas and tasking. Merged into DB in schema.ts. */
import type { Generated } from 'kysely';

export interface UnitTable {
  id: string;
  callsign: string;
  kind: string;
  status: string;
  officer_count: number;
  lat: number | null;
  lng: number | null;
  position_at: string | null;
  updated_at: string;
  status_since: string | null;
  current_report_id: string | null;
  accuracy: number | null;
  heading: number | null;
  version: Generated<number>;
}

export interface AssignmentTable {
  id: string;
  report_id: string;
  unit_id: string;
  state: string;
  offered_at: string;
  expires_at: string;
  responded_at: string | null;
  offered_by: string | null;
}

export interface UnitPositionTable {
  unit_id: string;
  at: string;
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
}

export interface AlertTable {
  id: string;
  kind: string;
  report_id: string | null;
  unit_id: string | null;
  message: string;
  /** The message as a DomainText (JSON); null only for an alert whose unit or report was gone at migration 0010. */
  text: string | null;
  lat: number | null;
  lng: number | null;
  created_at: string;
  acked_at: string | null;
  acked_by: string | null;
}

export interface FocusAreaTable {
  id: string;
  name: string;
  polygon: string;
  instructions: string;
  public_text: string | null;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

export interface TaskingTable {
  id: string;
  date: string;
  unit_id: string;
  area_id: string;
  shift: string;
  created_by: string | null;
}
