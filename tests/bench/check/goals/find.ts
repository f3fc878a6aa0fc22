/**
 * Issue 11: find any report (closed ones too) by number, address or words at 1M reports, p99 ≤ 50 ms per store,
 * through the store function behind GET /api/reports/search (searchReports, limit 20). The runs cycle through the
 * fixture's sample numbers, addresses and words (and the first letters of a word, as typed); a sample number that
 * does not come back first fails the goal instead of looking fast.
 */
import type { Store } from '../../../../server/store/open';
import { searchReports } from '../../../../server/store/report-search';
import { ms } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';
import { onBothStores, TIMED_RUNS, timeRuns } from '../store-timing';

const GOAL = 'find a report by number, address or words, p99';
const TARGET = 50;

export default {
  name: 'find',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const { sampleNumbers, sampleAddresses, sampleWords } = fixture.info;
    const queries = [
      ...sampleNumbers.map((n) => ({ q: `M-${n.padStart(6, '0')}`, number: Number(n) })),
      ...sampleAddresses.map((q) => ({ q })),
      ...sampleAddresses.map((a) => ({ q: a.slice(0, 6) })),
      ...sampleWords.map((q) => ({ q })),
      ...sampleWords.map((w) => ({ q: w.slice(0, 5) })),
      { q: `${sampleWords[0]} ${sampleWords[1] ?? ''}`.trim() },
    ];
    const runs = Math.max(quick ? 50 : TIMED_RUNS, queries.length * (quick ? 1 : 2));
    const measure = async (store: Store, kind: StoreKind): Promise<GoalLine[]> => {
      let misses = 0;
      const slowest = new Map<string, number>();
      const t = await timeRuns(runs, async (i) => {
        const query = queries[i % queries.length]!;
        const t0 = performance.now();
        const hits = await searchReports(store.db, query.q, 20);
        slowest.set(query.q, Math.max(slowest.get(query.q) ?? 0, performance.now() - t0));
        if ('number' in query && Number(hits[0]?.number.replace(/\D/g, '')) !== query.number) misses++;
        return hits.length;
      });
      say(`find ${kind}: p50 ${ms(t.p50)} ms p99 ${ms(t.p99)} ms max ${ms(t.max)} ms over ${runs} searches (${queries.length} kinds)`);
      const worst = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 4);
      say(`find ${kind}: slowest (any run): ${worst.map(([q, v]) => `"${q}" ${ms(v)} ms`).join(', ')}`);
      return [
        {
          goal: GOAL,
          store: kind,
          measured: misses === 0 ? t.p99 : Number.NaN,
          target: TARGET,
          unit: 'ms',
          better: 'lower',
          note: `${runs} searches over ${queries.length} queries, p50 ${ms(t.p50)} ms${misses ? `, ${misses} sample numbers NOT found first` : ''}`,
        },
      ];
    };
    return onBothStores(fixture, measure, (kind, why) => [{ goal: GOAL, store: kind, measured: Number.NaN, target: TARGET, unit: 'ms', better: 'lower', note: why }]);
  },
} satisfies CheckGoal;
