/** Tables of officer safety (migration 0020_safety): check-in requests, area warnings, an alert's escalation. */

export interface UnitCheckInTable {
  id: string;
  unit_id: string;
  /** The unit's status_since when it was asked: a later status change ends the request. */
  status_since: string;
  requested_at: string;
  answered_at: string | null;
  cancelled_at: string | null;
  /** 0 none, 1 amber, 2 red, 3 sound (domain/safety-timers.ts). */
  level: number;
  alert_id: string | null;
}

export interface PriorityTrafficTable {
  id: string;
  area_id: string;
  text: string;
  declared_at: string;
  declared_by: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
}

declare module './schema' {
  interface DB {
    unit_check_ins: UnitCheckInTable;
    priority_traffic: PriorityTrafficTable;
  }
  interface AlertTable {
    /** The level the hub escalated the alert to ('amber' | 'red' | 'sound'), or null: it does not escalate. */
    escalation?: string | null;
  }
}
