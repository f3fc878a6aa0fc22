import { z } from 'zod';
import { REVERSE_MAX_DISTANCE_M } from '../geo/address-source';
import { shortLabel } from '../geo/offline-labels';
import { AlertAddress } from '../protocol/address';
import type { Alert } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import { setAlertAddress } from '../store/alerts';
import type { HubDeps } from './context';
import { runCommand, systemCommand } from './run-command';

const AlertAddressInput = z.object({ alertId: z.string().min(1), address: AlertAddress.nullable() });

/** Stores the nearest address of an alert and tells the consoles (`alert.addressed`, the whole alert). */
export const recordAlertAddress = systemCommand({
  name: 'alert.address',
  input: AlertAddressInput,
  async apply(tx, cmd): Promise<Alert | undefined> {
    const alert = await setAlertAddress(tx.trx, cmd.alertId, cmd.address, tx.at);
    if (!alert) return undefined;
    const event = await tx.emit(() => ({ type: 'alert.addressed' as const, at: tx.at, actorId: null, alert }));
    return event.alert;
  },
});

/**
 * After an alert with a position went out (never before: the alert must not wait for a geocoder), looks up its
 * nearest address and publishes it as an update of the alert. A source that fails leaves the alert with its
 * coordinates (address null). Returns when done, for tests; the hub does not wait for it.
 */
export async function addressAlert(deps: HubDeps, alert: Alert): Promise<void> {
  if (!alert.position || !deps.addresses) return;
  let address: AlertAddress | null = null;
  try {
    const nearest = await deps.addresses.reverse(alert.position, REVERSE_MAX_DISTANCE_M);
    address = nearest ? { label: shortLabel(nearest.address), distanceM: nearest.distanceM } : null;
  } catch (err) {
    deps.log.warn({ err, alertId: alert.id }, 'nearest address of the alert not found; it keeps its coordinates');
  }
  await runCommand(deps, recordAlertAddress, 'system', { alertId: alert.id, address });
}

/**
 * Called with every published event: an emergency alert just raised gets its address looked up, in the background.
 * (Other alerts are about a report, which has its address already.)
 */
export function addressRaisedAlerts(deps: HubDeps, event: HubEvent): void {
  if (event.type !== 'alert.raised' || event.alert.kind !== 'emergency' || !event.alert.position) return;
  addressAlert(deps, event.alert).catch((err: unknown) => deps.log.error({ err, alertId: event.alert.id }, 'alert address update failed'));
}
