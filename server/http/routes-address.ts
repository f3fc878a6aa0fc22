import type { FastifyInstance } from 'fastify';
import { type AddressSource, REVERSE_MAX_DISTANCE_M } from '../geo/address-source';
import { AddressNotFound } from '../geo/errors';
import { route } from './route';

/** Address search for the intake and the map (issue 12): suggest while typing, look one up, nearest address of a point. */
export function registerAddressRoutes(app: FastifyInstance, source: AddressSource): void {
  route(app, 'address.suggest', async ({ query }) => ({ source: source.name, suggestions: await source.suggest(query.q, query.limit) }));
  route(app, 'address.lookup', async ({ query }) => {
    const address = await source.lookup(query.id);
    if (!address) throw new AddressNotFound();
    return address;
  });
  route(app, 'address.reverse', async ({ query }) => {
    const nearest = await source.reverse({ lat: query.lat, lng: query.lng }, REVERSE_MAX_DISTANCE_M);
    return nearest ? { address: nearest.address, distanceM: nearest.distanceM } : { address: null, distanceM: null };
  });
}
