import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/open';
import type { AddressSource } from './address-source';
import { cachedSource } from './cached-source';
import { offlineSource } from './offline-source';
import { pdokSource } from './pdok-source';

/** The address source the configuration names (MELDKAMER_ADDRESS_SOURCE), behind the answer cache. */
export function createAddressSource(config: Config, store: Store, log: Logger): AddressSource {
  const source =
    config.addressSource === 'pdok'
      ? pdokSource({ baseUrl: config.pdokUrl, timeoutMs: config.addressTimeoutMs, log })
      : offlineSource(store);
  return cachedSource(source, config.addressCacheSize);
}
