import { fileURLToPath } from 'node:url';
import type { Logger } from '../log';
import { addressCount } from '../store/addresses';
import type { Store } from '../store/open';
import { importAddressFile } from './import-addresses';

/** The demo's small address file: hand-made, approximate (see its header), for the streets of the demo data. */
export const DEMO_ADDRESS_FILE = fileURLToPath(new URL('../../resources/addresses-demo.csv', import.meta.url));

/** In demo mode, an empty offline index gets the demo address file (an imported BAG extract is left alone). */
export async function loadDemoAddresses(store: Store, log: Logger): Promise<void> {
  if ((await addressCount(store.db)) > 0) return;
  const result = await importAddressFile(store, DEMO_ADDRESS_FILE, { approximate: true });
  log.info({ ...result }, 'demo address file loaded into the offline address index (approximate)');
}
