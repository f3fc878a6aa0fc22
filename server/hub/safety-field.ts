import type { HubDeps } from '../commands/context';
import { concernsUnit } from '../domain/priority-traffic';
import type { SafetyRules } from '../commands/safety';
import { DEFAULT_SAFETY } from '../domain/safety-timers';
import { DEFAULT_SHIFTS, shiftAt, type ShiftSettings } from '../domain/shifts';
import type { PositionFix } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { CheckIn, PriorityTraffic } from '../protocol/safety';
import type { FieldEvent } from '../protocol/socket';
import { activePriorityTraffic } from '../store/priority-traffic';
import { openCheckInOfUnit, publicCheckIn } from '../store/safety-checks';
import { taskingForDate } from '../store/tasking';
import { getUnit } from '../store/units';

/**
 * What field clients get of officer safety: their own check-in requests, and the spoedmeldingen the hub decided
 * concern them (domain/priority-traffic.ts). `delivered` remembers, per hub node, which unit got which warning,
 * so a unit is told once when it enters an area later (hub/safety-sweeper.ts).
 */
const deliveries = new WeakMap<object, Set<string>>();
const rulesByHub = new WeakMap<object, SafetyRules>();

/** The running hub's shift and safety settings (start-hub.ts sets them from the config). */
export function setSafetyRules(deps: HubDeps, rules: SafetyRules): void {
  rulesByHub.set(deps, rules);
}

export function safetyRulesOf(deps: HubDeps): SafetyRules {
  return rulesByHub.get(deps) ?? { safety: DEFAULT_SAFETY, shifts: DEFAULT_SHIFTS };
}

export function deliveredOn(deps: HubDeps): Set<string> {
  const known = deliveries.get(deps);
  if (known) return known;
  const set = new Set<string>();
  deliveries.set(deps, set);
  return set;
}

export const deliveryKey = (trafficId: string, unitId: string) => `${trafficId}:${unitId}`;

/** Routes a committed safety event to the field units it concerns. */
export function publishSafetyToField(
  deps: HubDeps,
  event: HubEvent,
  send: (unitId: string, e: FieldEvent) => void,
  everyUnit: (e: FieldEvent) => void,
): void {
  if (event.type === 'unit.check_in') send(event.checkIn.unitId, { type: 'check_in', checkIn: event.checkIn });
  else if (event.type === 'priority_traffic.declared') {
    const delivered = deliveredOn(deps);
    for (const unitId of event.recipients) {
      delivered.add(deliveryKey(event.traffic.id, unitId));
      send(unitId, { type: 'priority_traffic', traffic: event.traffic });
    }
  } else if (event.type === 'priority_traffic.lifted') everyUnit({ type: 'priority_traffic_lifted', id: event.traffic.id });
}

/** A unit's open check-in request and the active warnings that concern it, for its state on (re)connect. */
export async function safetyStateOf(
  deps: HubDeps,
  unitId: string,
  live: PositionFix | null | undefined,
  shifts: ShiftSettings = safetyRulesOf(deps).shifts,
): Promise<{ checkIn: CheckIn | null; priorityTraffic: PriorityTraffic[] }> {
  const [open, traffic, unit] = await Promise.all([openCheckInOfUnit(deps.store.db, unitId), activePriorityTraffic(deps.store.db), getUnit(deps.store.db, unitId)]);
  let concerning: PriorityTraffic[] = [];
  if (unit && traffic.length > 0) {
    const { shift, date } = shiftAt(deps.clock(), shifts);
    const taskedAreaIds = (await taskingForDate(deps.store.db, date, unitId)).filter((t) => t.entry.shift === shift).map((t) => t.entry.areaId);
    const fix = live ?? unit.position;
    const candidate = { unitId, status: unit.status, position: fix ? { lat: fix.lat, lng: fix.lng } : null, taskedAreaIds };
    concerning = traffic.filter((t) => concernsUnit({ id: t.areaId, polygon: t.polygon }, candidate));
    const delivered = deliveredOn(deps);
    for (const t of concerning) delivered.add(deliveryKey(t.id, unitId));
  }
  return { checkIn: open ? publicCheckIn(open) : null, priorityTraffic: concerning };
}
