import type { Assignment, Recommendation } from '../../../server/protocol/dispatch';

interface RankedRecommendation extends Recommendation {
  /** This unit declined or let an offer for this report expire before: ranked last. */
  previous: 'declined' | 'expired' | null;
}

/**
 * The hub's ranking, with units that already declined or let this report's offer run out moved to the
 * end: after a "no", the next unit is on top.
 */
export function rankRecommendations(
  recommendations: readonly Recommendation[],
  history: readonly Assignment[],
): RankedRecommendation[] {
  const failed = new Map<string, 'declined' | 'expired'>();
  for (const a of history) if (a.state === 'declined' || a.state === 'expired') failed.set(a.unitId, a.state);
  const ranked = recommendations.map((r) => ({ ...r, previous: failed.get(r.unitId) ?? null }));
  return [...ranked.filter((r) => !r.previous), ...ranked.filter((r) => r.previous)];
}

/** Latest assignment per unit for this report, open ones first. */
export function latestPerUnit(assignments: readonly Assignment[]): Assignment[] {
  const byUnit = new Map<string, Assignment>();
  for (const a of assignments) {
    const seen = byUnit.get(a.unitId);
    if (!seen || Date.parse(a.offeredAt) >= Date.parse(seen.offeredAt)) byUnit.set(a.unitId, a);
  }
  const open = (a: Assignment) => (a.state === 'offered' || a.state === 'accepted' ? 0 : 1);
  return [...byUnit.values()].sort((a, b) => open(a) - open(b) || Date.parse(b.offeredAt) - Date.parse(a.offeredAt));
}
