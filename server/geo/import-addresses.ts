import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { insertAddresses, insertNames, type NewAddress, type NewAddressName, replaceAddressIndex } from '../store/addresses';
import type { Store } from '../store/open';
import { type AddressColumns, AddressFileError, addressColumns, addressFileRow } from './address-csv';

const BATCH = 10_000;

export interface ImportResult {
  addresses: number;
  places: number;
}

export interface ImportOptions {
  /** Every address of the file is approximate (the demo file). */
  approximate?: boolean;
  onProgress?: (rows: number) => void;
}

/** ',' or ';' (NLExtract writes ';'), from the header line. */
async function delimiterOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const header = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the offline address index with the file's rows (geo/address-csv.ts: columns and checks), in batches,
 * in one transaction: a missing column or a bad row (named by its row number) leaves the index as it was.
 */
export async function importAddressFile(store: Store, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const delimiter = await delimiterOf(file);
  return replaceAddressIndex(store.db, store.kind, async (trx) => {
    const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, comment: '#', comment_no_infix: true, relax_column_count: true, skip_empty_lines: true, info: true }));
    let columns: AddressColumns | undefined;
    let addresses: NewAddress[] = [];
    let places: NewAddressName[] = [];
    const result: ImportResult = { addresses: 0, places: 0 };
    const flush = async () => {
      await insertAddresses(trx, addresses);
      await insertNames(trx, places);
      result.addresses += addresses.length;
      result.places += places.length;
      addresses = [];
      places = [];
      options.onProgress?.(result.addresses + result.places);
    };
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = addressColumns(record);
        continue;
      }
      const row = addressFileRow(columns, record, info.lines, options.approximate ?? false);
      if (row.kind === 'address') addresses.push(row.address);
      else places.push(row.name);
      if (addresses.length + places.length >= BATCH) await flush();
    }
    if (!columns) throw new AddressFileError('the file is empty (no header row)');
    await flush();
    return result;
  });
}
