/** Tables of migration 0021_run_cards; merged into DB in schema.ts. */

export interface RunCardTable {
  id: string;
  category: string;
  /** 'any' | 'focus_area' | 'neighbourhood'. */
  area_kind: string;
  area_id: string | null;
  from_time: string | null;
  to_time: string | null;
  /** JSON array of unit kinds. */
  unit_kinds: string;
  units: number;
  team: string | null;
  priority: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** One automatic offer per report: the primary key makes a second node's attempt a no-op. */
export interface AutoDispatchTable {
  report_id: string;
  at: string;
  reason: string;
  node_id: string | null;
}

/** Hub-wide marks by name, e.g. `desk_seen`: when a desk console was last connected to any node. */
export interface HubMarkTable {
  name: string;
  at: string;
}
