/**
 * Issue 11: hotspots over 30 days at 1M reports, p99 ≤ 50 ms per store: what GET /api/hotspots does for the
 * reports (tallyReportCells from the stored H3 cells and per-day counts, then rankHotspots: H3 resolution 8, this
 * 30 days against the 30 before, top 200 cells). The answer is compared once with aggregateHotspots() over every
 * place (the hub's former path, timed too as the baseline): a different answer fails the goal.
 */
import { isDeepStrictEqual } from 'node:util';
import { aggregateHotspots, type CellTally, hotspotWindow, rankHotspots } from '../../../../server/domain/hotspots';
import { reportPlacesBetween, tallyReportCells } from '../../../../server/store/hotspots';
import type { Store } from '../../../../server/store/open';
import { ms } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';
import { fixtureNow, onBothStores, TIMED_RUNS, timeRuns } from '../store-timing';

const GOAL = 'hotspots over 30 days, p99';
const TARGET = 50;

export default {
  name: 'hotspots',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const end = fixtureNow(fixture).getTime();
    const measure = async (store: Store, kind: StoreKind): Promise<GoalLine[]> => {
      // A few minutes apart, so the window edges fall at different moments of the day.
      const at = (i: number) => new Date(end - (i % 10) * 7 * 60_000);
      const fast = async (now: Date) => {
        const window = hotspotWindow(now, 30);
        const tallies = new Map<string, CellTally>();
        await tallyReportCells(store.db, tallies, window, 8);
        return rankHotspots(tallies, window, 200);
      };
      const slow = async (now: Date) => {
        const window = hotspotWindow(now, 30);
        const places = await reportPlacesBetween(store.db, window.previousFrom, window.until);
        return aggregateHotspots(
          places.map((p) => ({ ...p, kind: 'report' as const })),
          { now, days: 30, resolution: 8, limit: 200 },
        );
      };
      const same = isDeepStrictEqual(await fast(at(3)), await slow(at(3)));
      const base = await timeRuns(quick ? 5 : 10, (i) => slow(at(i)));
      const t = await timeRuns(quick ? 50 : TIMED_RUNS, async (i) => (await fast(at(i))).cells.length);
      say(`hotspots ${kind}: p50 ${ms(t.p50)} ms p99 ${ms(t.p99)} ms; the former path p50 ${ms(base.p50)} ms; same answer: ${same}`);
      return [
        {
          goal: GOAL,
          store: kind,
          measured: same ? t.p99 : Number.NaN,
          target: TARGET,
          unit: 'ms',
          better: 'lower',
          note: `${t.last} cells, p50 ${ms(t.p50)} ms; former path (every place, H3 in JS) p50 ${ms(base.p50)} ms${same ? '' : '; answer DIFFERS from aggregateHotspots()'}`,
        },
      ];
    };
    return onBothStores(fixture, measure, (kind, why) => [{ goal: GOAL, store: kind, measured: Number.NaN, target: TARGET, unit: 'ms', better: 'lower', note: why }]);
  },
} satisfies CheckGoal;
