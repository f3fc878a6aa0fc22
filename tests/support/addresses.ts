import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADDRESS_FILE } from '../../server/geo/demo-addresses';
import { importAddressFile } from '../../server/geo/import-addresses';
import type { TestHub } from './hub';

export { DEMO_ADDRESS_FILE };

/** Writes an address CSV into a temp dir and returns its path. */
export function addressCsv(lines: readonly string[], name = 'addresses.csv'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'meldkamer-addresses-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Replaces the test hub's offline address index with a file (as `npm run import:addresses` does). */
export function importAddresses(t: TestHub, file: string, approximate = false) {
  return importAddressFile(t.hub.deps.store, file, { approximate });
}
