/**
 * Issue 11, intake → consoles: reports POSTed at 200/s (open loop) while 50 Socket.IO consoles listen and 500 field
 * units send a fix every 5 s, per store; against the bare `ws` relay of the fan-out bench (same clients, same message,
 * same rate) measured in the same run. The machinery is tests/bench/fanout.ts; here one short phase per server.
 * The three servers share this process, so each one's 500 units send fixes only while it is measured (its warm-up
 * and its phase): otherwise a hub's phase also carried the other hub's 100 fixes/s, position trail and broadcasts
 * on its event loop, which no hub has in use (docs/BENCHMARKS.md, the fan-out tail).
 */
import { baselineTarget, hubTarget, type Measured, runPhase, setField, type Target, trend } from '../../fanout';
import { ms, postgresReachable, type StoreKind, summarize } from '../../support';
import type { CheckGoal, GoalLine } from '../goal';

const RATE = 200;

function linesFor(store: StoreKind, m: Measured | undefined, base: Measured | undefined, why?: string): GoalLine[] {
  const r = m?.result;
  const lat = r ? summarize(r.latencies) : undefined;
  const bl = base ? summarize(base.result.latencies) : undefined;
  const p99 = lat && bl && bl.p99 > 0 ? lat.p99 / bl.p99 : Number.NaN;
  const n = (v: number | undefined) => (v === undefined ? Number.NaN : v);
  const sent = r ? `${r.sent} sent at ${r.achievedRate.toFixed(0)}/s` : (why ?? 'not measured');
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
    { goal: `fan-out ${RATE}/s: latency trend (queue building)`, store, measured: r ? trend(r.latencies) : Number.NaN, target: 50, unit: 'ms', better: 'lower', note: r ? undefined : sent },
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
    const warmupMs = quick ? 500 : 2_000;
    const stores: StoreKind[] = ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
    const targets: { store?: StoreKind; target: Target }[] = [];
    const measured = new Map<StoreKind | 'base', Measured>();
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
      // Phases one after another, the servers all up at once (as the fan-out bench does), each with its fleet on.
      for (const t of targets) {
        await setField(t.target, true);
        await runPhase(t.target, 'warmup', 50, warmupMs);
        const m = await runPhase(t.target, `r${RATE}`, RATE, phaseMs);
        await setField(t.target, false);
        const lat = summarize(m.result.latencies);
        say(`${t.target.label} ${RATE}/s: p50 ${ms(lat.p50)} ms, p99 ${ms(lat.p99)} ms, lost ${m.result.lost}, dup ${m.result.duplicated}, seq gaps ${m.result.seqGaps}`);
        measured.set(t.store ?? 'base', m);
      }
    } finally {
      for (const t of targets) await t.target.stop();
    }
    const lines = stores.flatMap((s) => linesFor(s, measured.get(s), measured.get('base')));
    if (!stores.includes('postgres')) lines.push(...linesFor('postgres', undefined, undefined, 'PostgreSQL not reachable'));
    return lines;
  },
} satisfies CheckGoal;
