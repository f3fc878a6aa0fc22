import type { AddressSource } from './address-source';
import { AddressUnavailable } from './errors';

/** Answers every question with address.unavailable: the hub before a source is ready, or when none can start. */
export function unavailableSource(reason: string): AddressSource {
  const fail = async (): Promise<never> => {
    throw new AddressUnavailable(reason);
  };
  return { name: 'offline', suggest: fail, lookup: fail, reverse: fail };
}
