/**
 * `npm run import:addresses -- <file.csv> [--approximate]`
 *
 * Replaces the hub's offline address index (MELDKAMER_ADDRESS_SOURCE=offline) with an address file: a CSV with a
 * header row (columns in README, "Address search"), e.g. NLExtract's BAG address CSV. Uses the hub's configuration
 * (environment and MELDKAMER_CONFIG), so SQLite or PostgreSQL alike. A missing column or a bad row stops the import
 * with its row number and leaves the index as it was. A running hub answers from the new index at once (its answer
 * cache may give an old answer for a question asked before, until it is pushed out).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { AddressFileError } from '../geo/address-csv';
import { importAddressFile } from '../geo/import-addresses';
import { migrateToLatest } from '../store/migrate';
import { openStore } from '../store/open';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { approximate: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) fail('usage: npm run import:addresses -- <file.csv> [--approximate]');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const started = Date.now();
  try {
    await migrateToLatest(store.db);
    const result = await importAddressFile(store, file, {
      approximate: values.approximate,
      onProgress: (rows) => process.stdout.write(`\r${rows.toLocaleString('en')} rows…`),
    });
    process.stdout.write(
      `\nImported ${result.addresses} addresses and ${result.places} named places into the ${store.kind} store in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } catch (err) {
    process.stdout.write('\n');
    if (err instanceof AddressFileError) fail(`${file}: ${err.message}. Nothing was imported; the index is as it was.`);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(`${file}: no such file`);
    throw err;
  } finally {
    await store.close();
  }
}

void main();
