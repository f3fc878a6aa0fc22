import type { HubDeps } from '../commands/context';
import { runCommand } from '../commands/run-command';
import { type SafetyRules, safetyStep } from '../commands/safety';
import { pointInPolygon } from '../domain/geo';
import type { PositionFix } from '../protocol/dispatch';
import type { FieldEvent } from '../protocol/socket';
import { activePriorityTraffic } from '../store/priority-traffic';
import { evaluateSafety } from '../domain/safety-timers';
import { shiftAt } from '../domain/shifts';
import { categoriesOf, lastAnswers, openCheckInsByUnit } from '../store/safety-checks';
import { listUnits } from '../store/units';
import { Periodic } from './periodic';
import { deliveredOn, deliveryKey } from './safety-field';

export interface SweepResult {
  request: number;
  escalate: number;
  cancel: number;
  /** Warnings sent to units that entered an area after it was declared. */
  entered: number;
}

/**
 * The safety timers on the hub clock (domain/safety-timers.ts) and late arrivals in a spoedmelding's area.
 * Every node runs one: each step is decided again inside the write transaction (the event-log lock orders the
 * nodes), so a request, an alert or an escalation happens once, not once per node. Late arrivals are seen by the
 * node that receives the unit's fixes.
 */
export class SafetySweeper {
  private readonly schedule: Periodic;
  private readonly step;

  constructor(
    private readonly deps: HubDeps,
    private readonly rules: () => SafetyRules,
    private readonly live: () => ReadonlyMap<string, PositionFix>,
    private readonly sendToUnit: (unitId: string, event: FieldEvent) => void,
    everyMs = 5000,
  ) {
    this.step = safetyStep(rules);
    this.schedule = new Periodic(everyMs, () => this.sweep(), deps.log, 'safety sweep');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { request: 0, escalate: 0, cancel: 0, entered: 0 };
    for (const unitId of await this.dueUnits()) {
      const done = await runCommand(this.deps, this.step, 'system', { unitId });
      if (done !== 'none') result[done] += 1;
    }
    const delivered = deliveredOn(this.deps);
    const active = await activePriorityTraffic(this.deps.store.db);
    const activeIds = new Set(active.map((t) => t.id));
    for (const key of delivered) if (!activeIds.has(key.slice(0, key.indexOf(':')))) delivered.delete(key);
    for (const traffic of active) {
      for (const [unitId, fix] of this.live()) {
        const key = deliveryKey(traffic.id, unitId);
        if (delivered.has(key) || !pointInPolygon(fix, traffic.polygon)) continue;
        delivered.add(key);
        this.sendToUnit(unitId, { type: 'priority_traffic', traffic });
        result.entered += 1;
      }
    }
    return result;
  }

  /**
   * A read-only pass first: only units whose rules say something is due now get a write transaction (which decides
   * again under the lock), so hundreds of busy units cost a few reads every sweep, not a transaction each.
   */
  private async dueUnits(): Promise<string[]> {
    const { db } = this.deps.store;
    const { safety, shifts } = this.rules();
    const now = this.deps.clock();
    const shift = shiftAt(now, shifts).shift;
    const open = await openCheckInsByUnit(db);
    const units = (await listUnits(db)).filter((u) => open.has(u.id) || u.status === 'ter_plaatse' || u.status === 'bezet');
    const answers = await lastAnswers(db, units.map((u) => u.id));
    const categories = await categoriesOf(db, units.flatMap((u) => (u.currentReportId ? [u.currentReportId] : [])));
    return units
      .filter((unit) => {
        const action = evaluateSafety(
          {
            unit,
            category: unit.currentReportId ? (categories.get(unit.currentReportId) ?? null) : null,
            shift,
            open: open.get(unit.id) ?? null,
            lastAnsweredAt: answers.get(`${unit.id}|${unit.statusSince}`) ?? null,
            now,
          },
          safety,
        );
        return action.kind !== 'none';
      })
      .map((u) => u.id);
  }
}
