import type { UnitStatus } from '../protocol/dispatch';
import { type DomainText, textMaker } from './domain-text';
import { distanceMeters } from './geo';
import { EMERGENCY_RETURN_STATUSES, EMERGENCY_RETURN_WITH_REPORT, isAvailableForOffer, unitStatusText } from './unit-status';

/**
 * Emergencies (status 'noodgeval'), as rules:
 * - The NOODKNOP (a long press) or the desk ("Noodgeval melden", with a note) puts the unit in 'noodgeval' at once;
 *   its pending offers are withdrawn, an accepted assignment stays (the desk decides at the end).
 * - A unit in 'noodgeval' is never recommended nor offered: only 'beschikbaar' is (unit-status.ts), and the
 *   offer command refuses any other status.
 * - One open emergency per unit; more presses fold into it. A console acknowledges it ("gezien"): only then does
 *   the field screen say the control room has seen it.
 * - Only the desk ends it, with a note, choosing the status the unit returns to; 'onderweg', 'ter plaatse' and
 *   'bezet' only while the unit still holds its report. Returning to a status without a report withdraws the
 *   unit's accepted assignment (the report goes back to the queue when no other unit holds it).
 * - "Assistentie vragen" asks the N nearest available units with a known position (the distance to the
 *   emergency's latest position); a unit asked before is not asked again. It is a request, not an offer.
 */

export const EMERGENCY_TEXTS = {
  'emergency.return.not_allowed': 'Na een noodgeval kan de eenheid niet naar "{status}".',
  'emergency.return.needs_report': 'De eenheid heeft geen melding meer: kies "Beschikbaar", "Pauze" of "Uit dienst".',
  'emergency.not_found': 'Dit noodgeval bestaat niet.',
  'emergency.ended': 'Dit noodgeval is al beëindigd.',
  'emergency.already_acknowledged': 'Dit noodgeval is al gezien.',
  'emergency.no_units': 'Er is geen beschikbare eenheid met een bekende positie om assistentie te vragen.',
  'emergency.no_position': 'Van dit noodgeval is geen positie bekend: vraag assistentie via de portofoon.',
} as const;

export const emergencyText = textMaker(EMERGENCY_TEXTS);

/** Whether the emergency may end in `to`: a refusal text, or undefined when it may. */
export function checkReturnStatus(to: UnitStatus, holdsReport: boolean): DomainText | undefined {
  if (!EMERGENCY_RETURN_STATUSES.includes(to)) return emergencyText('emergency.return.not_allowed', { status: unitStatusText(to) });
  if (EMERGENCY_RETURN_WITH_REPORT.includes(to) && !holdsReport) return emergencyText('emergency.return.needs_report');
  return undefined;
}

export interface AssistCandidate {
  id: string;
  status: UnitStatus;
  position: { lat: number; lng: number } | null;
}

/** The `count` nearest available units with a known position, nearest first, leaving out `exclude`. */
export function nearestForAssist(
  at: { lat: number; lng: number },
  units: readonly AssistCandidate[],
  count: number,
  exclude: ReadonlySet<string>,
): { unitId: string; distanceM: number }[] {
  return units
    .filter((u) => !exclude.has(u.id) && isAvailableForOffer(u.status) && u.position)
    .map((u) => ({ unitId: u.id, distanceM: Math.round(distanceMeters(at, u.position as { lat: number; lng: number })) }))
    .sort((a, b) => a.distanceM - b.distanceM || a.unitId.localeCompare(b.unitId))
    .slice(0, count);
}
