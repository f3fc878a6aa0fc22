import { z } from 'zod';
import { REVERSE_MAX_DISTANCE_M } from '../geo/address-source';
import { shortLabel } from '../geo/offline-labels';
import { AlertAddress } from '../protocol/address';
import type { Signal } from '../protocol/intake';
import { setSignalAddress } from '../store/signals';
import type { HubDeps } from './context';
import { runCommand, systemCommand } from './run-command';

const SignalAddressInput = z.object({ signalId: z.string().min(1), address: AlertAddress.nullable() });

/** Stores the nearest address of a signal; `signals.changed` makes the consoles reload the signal layer. */
export const recordSignalAddress = systemCommand({
  name: 'signal.address',
  input: SignalAddressInput,
  async apply(tx, cmd): Promise<Signal | undefined> {
    const signal = await setSignalAddress(tx.trx, cmd.signalId, cmd.address, tx.at);
    if (signal) await tx.emit(() => ({ type: 'signals.changed' as const, at: tx.at, actorId: null, count: 0 }));
    return signal;
  },
});

/**
 * After a webhook signal was stored and answered (never before: the webhook must not wait for a geocoder), looks
 * up its nearest address. A source that fails leaves the signal with its coordinates (address null). Returns when
 * done; the webhook route does not wait for it.
 */
export async function addressSignal(deps: HubDeps, signal: Signal): Promise<void> {
  if (!deps.addresses) return;
  let address: AlertAddress | null = null;
  try {
    const nearest = await deps.addresses.reverse({ lat: signal.lat, lng: signal.lng }, REVERSE_MAX_DISTANCE_M);
    address = nearest ? { label: shortLabel(nearest.address), distanceM: nearest.distanceM } : null;
  } catch (err) {
    deps.log.warn({ err, signalId: signal.id }, 'nearest address of the signal not found; it keeps its coordinates');
  }
  await runCommand(deps, recordSignalAddress, 'system', { signalId: signal.id, address });
}

/** Starts the lookup for a signal the webhook just stored, in the background. */
export function addressNewSignal(deps: HubDeps, answer: { signal: Signal; created: boolean }): void {
  if (!answer.created) return;
  addressSignal(deps, answer.signal).catch((err: unknown) => deps.log.error({ err, signalId: answer.signal.id }, 'signal address update failed'));
}
