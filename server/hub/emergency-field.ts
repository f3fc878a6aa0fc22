import type { HubDeps } from '../commands/context';
import { type FieldAssist, type FieldEmergency, fieldAssistOf, fieldEmergencyOf } from '../protocol/emergency';
import type { HubEvent } from '../protocol/events';
import type { FieldEvent } from '../protocol/socket';
import { emergencyOfAlert, openAssistsOfUnit, openEmergencyOfUnit } from '../store/emergencies';

/** What the field state says of emergencies: the unit's own open one, and the ones it was asked to assist. */
export async function emergencyStateOf(deps: HubDeps, unitId: string): Promise<{ emergency: FieldEmergency | null; assists: FieldAssist[] }> {
  const own = await openEmergencyOfUnit(deps.store.db, unitId);
  const assists = (await openAssistsOfUnit(deps.store.db, unitId)).map((e) => fieldAssistOf(e, unitId)).filter((a) => a !== undefined);
  return { emergency: own ? fieldEmergencyOf(own) : null, assists };
}

/**
 * Routes emergency events to the field: the unit in the emergency gets its state (sent, acknowledged, ended);
 * units asked to assist get the request, its address when it arrives, and its end. An emergency alert
 * acknowledged through `alert:ack` is not the emergency's acknowledgement (that is `emergency:ack`).
 */
export function publishEmergencyToField(deps: HubDeps, event: HubEvent, send: (unitId: string, e: FieldEvent) => void): void {
  if (event.type === 'emergency.updated') {
    const e = event.emergency;
    send(e.unitId, { type: 'emergency', emergency: fieldEmergencyOf(e) });
    for (const asked of e.assists) {
      const assist = fieldAssistOf(e, asked.unitId);
      if (assist) send(asked.unitId, { type: 'assist', assist });
    }
  } else if (event.type === 'alert.addressed' && event.alert.kind === 'emergency') {
    emergencyOfAlert(deps.store.db, event.alert.id)
      .then((e) => {
        if (!e) return;
        for (const asked of e.assists) {
          const assist = fieldAssistOf(e, asked.unitId);
          if (assist) send(asked.unitId, { type: 'assist', assist });
        }
      })
      .catch((err: unknown) => deps.log.warn({ err }, 'emergency address not sent to the assisting units'));
  }
}
