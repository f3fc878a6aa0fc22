import type { HubDeps } from '../../commands/context';
import { REVERSE_MAX_DISTANCE_M } from '../../geo/address-source';
import { resolveAddress } from '../../geo/resolve';
import { Open311Error } from './errors';
import type { CreateParams } from './params';

/**
 * Where an Open311 request is: its lat/long, with the nearest address as its address text when it sent none; or,
 * with only an address_string, the one address that text names (else the request is refused as before).
 */
export async function locateRequest(deps: HubDeps, params: CreateParams): Promise<{ lat: number; lng: number; address?: string }> {
  if (params.lat !== undefined && params.long !== undefined) {
    const point = { lat: params.lat, lng: params.long };
    if (params.addressString) return { ...point, address: params.addressString };
    return { ...point, ...(await nearestAddressText(deps, point)) };
  }
  const text = params.addressString ?? '';
  const found = deps.addresses ? await resolveAddress(deps.addresses, text).catch(() => 'unavailable' as const) : 'unavailable';
  if (found === 'unavailable' || found.length !== 1 || !found[0]) {
    const why = found === 'unavailable' ? 'the address search is unavailable' : found.length === 0 ? 'it names no known address' : 'it names more than one address';
    throw new Open311Error(400, `lat and long are required: address_string "${text}" cannot be placed on the map (${why}); send lat and long with it`);
  }
  return { lat: found[0].lat, lng: found[0].lng, address: text };
}

async function nearestAddressText(deps: HubDeps, point: { lat: number; lng: number }): Promise<{ address?: string }> {
  if (!deps.addresses) return {};
  try {
    const nearest = await deps.addresses.reverse(point, REVERSE_MAX_DISTANCE_M);
    return nearest ? { address: nearest.address.label } : {};
  } catch (err) {
    // The report goes in with its coordinates only; the dispatcher sees the point on the map.
    deps.log.warn({ err }, 'nearest address of an Open311 request not found');
    return {};
  }
}
