/** Store tables: signals from surveys and social media (migration 0005). Merged into DB in schema.ts. */

export interface SignalTable {
  id: string;
  /** 'survey' | 'social' */
  source: string;
  /** Platform of a social signal, or the survey's name. */
  channel: string | null;
  text: string;
  lat: number;
  lng: number;
  place: string | null;
  url: string | null;
  occurred_at: string;
  imported_at: string;
  batch_id: string | null;
  external_id: string | null;
  created_by: string | null;
}
