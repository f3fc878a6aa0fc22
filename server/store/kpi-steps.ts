import type { Kysely } from 'kysely';
import type { KpiStep } from '../domain/kpi-steps';
import type { DB } from './schema';

/** The KPI steps of the event log (migration 0038, domain/kpi-steps.ts), one row per step. */
export interface KpiStepTable {
  seq: number;
  kind: string;
  report_id: string | null;
  unit_id: string | null;
  at: string;
  ms: number | null;
  unit_kind: string | null;
  day: string | null;
  within_term: number | null;
  edited: number | null;
  has_reporter: number | null;
}

declare module './schema' {
  interface DB {
    kpi_steps: KpiStepTable;
  }
}

export function kpiStepRow(s: KpiStep): KpiStepTable {
  return {
    seq: s.seq,
    kind: s.kind,
    report_id: s.reportId,
    unit_id: s.unitId,
    at: s.at,
    ms: s.ms,
    unit_kind: s.unitKind,
    day: s.day,
    within_term: s.withinTerm,
    edited: s.edited,
    has_reporter: s.hasReporter,
  };
}

/** Writes an event's KPI steps in the event's own transaction (store/events.ts appendEvent). */
export async function insertKpiSteps(trx: Kysely<DB>, steps: readonly KpiStep[]): Promise<void> {
  if (steps.length === 0) return;
  await trx.insertInto('kpi_steps').values(steps.map(kpiStepRow)).execute();
}
