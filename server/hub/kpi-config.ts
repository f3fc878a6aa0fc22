import { z } from 'zod';
import { DEFAULT_KPI_TARGETS, type KpiTargets } from '../domain/kpi';

/**
 * The KPI targets (README "KPI's tegen doelen"), as keys of server/config.ts, in percent: the share of closings
 * within the handling term (default 90) and the share of satisfied reporters (default 70), Amsterdam's promises.
 */
export const KPI_CONFIG_SHAPE = {
  kpiTargetWithinTermPercent: z.coerce.number().min(0).max(100).default(DEFAULT_KPI_TARGETS.withinTerm * 100),
  kpiTargetSatisfiedPercent: z.coerce.number().min(0).max(100).default(DEFAULT_KPI_TARGETS.satisfied * 100),
};

export const KPI_ENV_KEYS = {
  MELDKAMER_KPI_TARGET_WITHIN_TERM: 'kpiTargetWithinTermPercent',
  MELDKAMER_KPI_TARGET_SATISFIED: 'kpiTargetSatisfiedPercent',
} as const;

export function kpiTargetsOf(c: { kpiTargetWithinTermPercent: number; kpiTargetSatisfiedPercent: number }): KpiTargets {
  return { withinTerm: c.kpiTargetWithinTermPercent / 100, satisfied: c.kpiTargetSatisfiedPercent / 100 };
}
