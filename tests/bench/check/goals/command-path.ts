/**
 * Issue 11, command path: reports created with 50 in flight through the hub's own paths (`createReport()`, i.e.
 * runCommand; and POST /api/reports) against the bare baselines of the store bench, measured in the same run:
 * SQLite one row per commit (sequential prepared inserts, synchronous=FULL), PostgreSQL report + event in one
 * transaction (sequential). The hubs run on fresh demo databases like the store bench's, not on the 1M fixture.
 */
import { barePostgres, bareSqlite, hubPaths, type MeasureOptions, type Throughput } from '../../store';
import { int, postgresReachable } from '../../support';
import type { CheckGoal, GoalLine } from '../goal';

const IN_FLIGHT = 50;

function line(goal: string, store: 'sqlite' | 'postgres', hub: Throughput | undefined, bare: Throughput | undefined, target: number): GoalLine {
  const measured = hub && bare && bare.perSecond > 0 ? hub.perSecond / bare.perSecond : Number.NaN;
  return {
    goal,
    store,
    measured,
    target,
    unit: '×',
    better: 'higher',
    note: `hub ${hub ? int(hub.perSecond) : 'n/a'}/s vs bare ${bare ? int(bare.perSecond) : 'n/a'}/s (${bare?.path ?? 'no baseline'})`,
  };
}

export default {
  name: 'command-path',
  needs: ['postgres'],
  async run({ quick, say }) {
    const sequential: MeasureOptions = { runMs: quick ? 1_000 : 4_000, warmupMs: quick ? 200 : 1_000, inFlight: 1 };
    const concurrent: MeasureOptions = { ...sequential, inFlight: IN_FLIGHT };
    const lines: GoalLine[] = [];

    say('SQLite: bare baseline, then the hub with 50 in flight');
    const [bareRow] = await bareSqlite(sequential);
    const [command, post] = await hubPaths('sqlite', concurrent, ['command', 'http']);
    lines.push(line('command path, 50 in flight, vs bare 1 row/commit', 'sqlite', command, bareRow, 1));
    lines.push(line('POST /api/reports, 50 in flight, vs bare 1 row/commit', 'sqlite', post, bareRow, 0.5));

    if (await postgresReachable()) {
      say('PostgreSQL: bare baseline, then the hub with 50 in flight');
      const [, barePair] = await barePostgres(sequential);
      const [pgCommand] = await hubPaths('postgres', concurrent, ['command']);
      lines.push(line('command path, 50 in flight, vs bare report + event tx', 'postgres', pgCommand, barePair, 1));
    } else {
      lines.push({ ...line('command path, 50 in flight, vs bare report + event tx', 'postgres', undefined, undefined, 1), note: 'PostgreSQL not reachable' });
    }
    return lines;
  },
} satisfies CheckGoal;
