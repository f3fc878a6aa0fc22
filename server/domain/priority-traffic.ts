import { type LatLng, type PolygonCoordinates, pointInPolygon } from './geo';

/**
 * Priority traffic (spoedmelding): a dispatcher or shift lead warns everyone about a focus area (e.g. "agressieve
 * persoon, benader met twee eenheden") until it is lifted. Who gets it is the hub's decision, not the client's:
 *
 * 1. Every console, at once (the event goes to all of them) and on every (re)load while it is active.
 * 2. Every unit on duty (any status but `uit_dienst`) that is tasked to the area in the current shift, or whose
 *    last known position lies inside the area's polygon.
 * 3. A unit that enters the area later (a fix inside it) gets it then; one that connects later gets the active
 *    ones that concern it with its state.
 * 4. Lifting removes it from every console and every field client.
 */

export interface TrafficCandidate {
  unitId: string;
  status: string;
  position: LatLng | null;
  /** The focus areas the unit is tasked to in the current shift. */
  taskedAreaIds: readonly string[];
}

export function concernsUnit(area: { id: string; polygon: PolygonCoordinates }, unit: TrafficCandidate): boolean {
  if (unit.status === 'uit_dienst') return false;
  if (unit.taskedAreaIds.includes(area.id)) return true;
  return unit.position !== null && pointInPolygon(unit.position, area.polygon);
}

/** The units that get the warning (rule 2), in the order given. */
export function trafficRecipients(area: { id: string; polygon: PolygonCoordinates }, units: readonly TrafficCandidate[]): string[] {
  return units.filter((u) => concernsUnit(area, u)).map((u) => u.unitId);
}

export const TRAFFIC_TEXT_MAX = 500;
