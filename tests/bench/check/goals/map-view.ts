/**
 * Issue 11: the reports in a 2 × 2 km map view at 1M reports, p99 ≤ 30 ms per store: reportsInView (every report
 * of the last 30 days and the older open ones in the box), for views spread over the fixture's bbox (the city
 * centre first). Rows checked against a plain count of the same condition once per view.
 */
import { sql } from 'kysely';
import { reportsInView } from '../../../../server/store/map-view';
import type { Store } from '../../../../server/store/open';
import { int, ms } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';
import { fixtureNow, onBothStores, TIMED_RUNS, timeRuns } from '../store-timing';

const GOAL = 'reports in a 2 × 2 km map view, p99';
const TARGET = 30;
/** 2 km north-south, 2 km east-west at 52° N. */
const SPAN = { lat: 0.018, lng: 0.0294 };

export default {
  name: 'map-view',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const { bbox } = fixture.info;
    const centre = { minLat: 52.0705, maxLat: 52.0885, minLng: 4.2955, maxLng: 4.3249 };
    const views = [centre];
    for (let k = 1; k < 8; k++) {
      const lat = bbox.minLat + ((bbox.maxLat - bbox.minLat - SPAN.lat) * k) / 8;
      const lng = bbox.minLng + ((bbox.maxLng - bbox.minLng - SPAN.lng) * ((k * 3) % 8)) / 8;
      views.push({ minLat: lat, maxLat: lat + SPAN.lat, minLng: lng, maxLng: lng + SPAN.lng });
    }
    const since = new Date(fixtureNow(fixture).getTime() - 30 * 86_400_000).toISOString();
    const measure = async (store: Store, kind: StoreKind): Promise<GoalLine[]> => {
      let wrong = 0;
      for (const v of views) {
        const expected = await sql<{ n: number }>`select count(*) as n from reports
          where lat >= ${v.minLat} and lat <= ${v.maxLat} and lng >= ${v.minLng} and lng <= ${v.maxLng}
            and (created_at >= ${since} or status <> 'closed')`.execute(store.db);
        if ((await reportsInView(store.db, v, since)).length !== Number(expected.rows[0]!.n)) wrong++;
      }
      let rows = 0;
      const t = await timeRuns(quick ? 50 : TIMED_RUNS, async (i) => {
        const n = (await reportsInView(store.db, views[i % views.length]!, since)).length;
        if (i % views.length === 0) rows = n;
        return n;
      });
      say(`map view ${kind}: p50 ${ms(t.p50)} ms p99 ${ms(t.p99)} ms max ${ms(t.max)} ms (${int(rows)} reports in the centre view)`);
      return [
        {
          goal: GOAL,
          store: kind,
          measured: wrong === 0 ? t.p99 : Number.NaN,
          target: TARGET,
          unit: 'ms',
          better: 'lower',
          note: `${views.length} views, ${int(rows)} reports in the city centre, p50 ${ms(t.p50)} ms${wrong ? `, ${wrong} views WRONG` : ''}`,
        },
      ];
    };
    return onBothStores(fixture, measure, (kind, why) => [{ goal: GOAL, store: kind, measured: Number.NaN, target: TARGET, unit: 'ms', better: 'lower', note: why }]);
  },
} satisfies CheckGoal;
