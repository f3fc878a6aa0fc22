/**
 * Issue 11, intake → consoles: reports POSTed at 200/s (open loop) while 50 Socket.IO consoles listen and 500 field
 * units send a fix every 5 s, per store; against the bare `ws` relay of the fan-out bench (same clients, same message,
 * same rate) measured in the same run. The machinery is tests/bench/fanout.ts; here three rounds of one 8 s phase
 * per server, interleaved, each after 3 s at the rate (the hub's steady state, not its first second's JIT), and the
 * p99 over the rounds' reports together.
 * The three servers share this process, so each one's 500 units send fixes only while it is measured (its warm-up
 * and its phase): otherwise a hub's phase also carried the other hub's 100 fixes/s, position trail and broadcasts
 * on its event loop, which no hub has in use (docs/BENCHMARKS.md, the fan-out tail).
 */
import { baselineTarget, hubTarget, type Measured, runPhase, setField, type Target, trend } from '../../fanout';
import { ms, postgresReachable, type StoreKind, summarize } from '../../support';
import type { CheckGoal, GoalLine } from '../goal';

const RATE = 200;

/** The rounds' results of one server as one: every report's latency, counts summed, the worst round's trend. */
interface Rounds {
  result: Measured['result'];
  trend: number;
  rounds: number;
}

function merged(rounds: Measured[]): Rounds | undefined {
  const first = rounds[0]?.result;
  if (!first) return undefined;
  const all = rounds.map((m) => m.result);
  const sum = (f: (r: Measured['result']) => number) => all.reduce((a, r) => a + f(r), 0);
  return {
    result: {
      ...first,
      sent: sum((r) => r.sent),
      achievedRate: sum((r) => r.achievedRate) / all.length,
      latencies: all.flatMap((r) => r.latencies),
      lost: sum((r) => r.lost),
      writeErrors: sum((r) => r.writeErrors),
      consolesWithLoss: Math.max(...all.map((r) => r.consolesWithLoss)),
      duplicated: sum((r) => r.duplicated),
      seqGaps: sum((r) => r.seqGaps),
    },
    trend: Math.max(...all.map((r) => trend(r.latencies))),
    rounds: all.length,
  };
}

function linesFor(store: StoreKind, m: Rounds | undefined, base: Rounds | undefined, why?: string): GoalLine[] {
  const r = m?.result;
  const lat = r ? summarize(r.latencies) : undefined;
  const bl = base ? summarize(base.result.latencies) : undefined;
  const p99 = lat && bl && bl.p99 > 0 ? lat.p99 / bl.p99 : Number.NaN;
  const n = (v: number | undefined) => (v === undefined ? Number.NaN : v);
  const sent = r && m ? `${r.sent} sent at ${r.achievedRate.toFixed(0)}/s in ${m.rounds} rounds` : (why ?? 'not measured');
  return [
    {
      goal: `fan-out ${RATE}/s, 50 consoles + 500 units: p99 vs bare relay`,
      store,
      measured: p99,
      target: 3,
      unit: '×',
      better: 'lower',
      note: lat && bl ? `hub p99 ${ms(lat.p99)} ms (p50 ${ms(lat.p50)}), bare p99 ${ms(bl.p99)} ms; ${sent}` : sent,
    },
    { goal: `fan-out ${RATE}/s: latency trend (queue building)`, store, measured: m ? m.trend : Number.NaN, target: 50, unit: 'ms', better: 'lower', note: r ? undefined : sent },
    {
      goal: `fan-out ${RATE}/s: lost events (all consoles)`,
      store,
      measured: r ? r.lost + r.writeErrors : Number.NaN,
      target: 0,
      unit: 'events',
      better: 'lower',
      note: r ? `${r.lost} lost, ${r.writeErrors} creates failed, ${r.consolesWithLoss} consoles with loss` : sent,
    },
    { goal: `fan-out ${RATE}/s: duplicated events`, store, measured: n(r?.duplicated), target: 0, unit: 'events', better: 'lower' },
    { goal: `fan-out ${RATE}/s: events out of seq order`, store, measured: n(r?.seqGaps), target: 0, unit: 'events', better: 'lower' },
  ];
}

export default {
  name: 'fanout',
  needs: ['postgres'],
  async run({ quick, say }) {
    const phaseMs = quick ? 2_000 : 8_000;
    const warmupMs = quick ? 500 : 3_000;
    const rounds = quick ? 1 : 3;
    const stores: StoreKind[] = ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
    const targets: { store?: StoreKind; target: Target }[] = [];
    const measured = new Map<StoreKind | 'base', Measured[]>();
    try {
      for (const store of stores) {
        const target = await hubTarget(store);
        targets.push({ store, target });
        await setField(target, false);
      }
      let sample: string | undefined;
      for (const t of targets) sample ??= (await runPhase(t.target, 'sample', 50, 500)).result.sampleEvent;
      if (!sample) throw new Error('the hub produced no sample event for the baseline');
      const base = await baselineTarget(sample);
      await setField(base, false);
      targets.unshift({ target: base });
      // Rounds of one phase per server, the servers all up at once (as the fan-out bench does), each with its fleet on
      // and warmed up at the rate first: the p99 of one 8 s phase (1,600 reports: its 16 slowest) moved by half between
      // runs of the same code; over three rounds interleaved it is 4,800 reports, and a slow minute of the machine
      // falls on every server alike.
      for (let round = 1; round <= rounds; round++) {
        for (const t of targets) {
          await setField(t.target, true);
          await runPhase(t.target, 'warmup', RATE, warmupMs);
          const m = await runPhase(t.target, `r${RATE}-${round}`, RATE, phaseMs);
          await setField(t.target, false);
          const lat = summarize(m.result.latencies);
          say(`${t.target.label} ${RATE}/s, round ${round}: p50 ${ms(lat.p50)} ms, p99 ${ms(lat.p99)} ms, lost ${m.result.lost}, dup ${m.result.duplicated}, seq gaps ${m.result.seqGaps}`);
          const key = t.store ?? 'base';
          measured.set(key, [...(measured.get(key) ?? []), m]);
        }
      }
    } finally {
      for (const t of targets) await t.target.stop();
    }
    const base = merged(measured.get('base') ?? []);
    const lines = stores.flatMap((s) => linesFor(s, merged(measured.get(s) ?? []), base));
    if (!stores.includes('postgres')) lines.push(...linesFor('postgres', undefined, undefined, 'PostgreSQL not reachable'));
    return lines;
  },
} satisfies CheckGoal;
