import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/open';
import type { AddressSource } from './address-source';
import { unavailableSource } from './unavailable-source';

/** The address source the configuration names (MELDKAMER_ADDRESS_SOURCE), behind the answer cache. */
export function createAddressSource(config: Config, _store: Store, _log: Logger): AddressSource {
  return unavailableSource(`address source ${config.addressSource} not built yet`);
}
