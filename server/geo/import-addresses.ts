import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
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
    let columns: AddressColumns | undefined;
    let addresses: NewAddress[] = [];
    let places: NewAddressName[] = [];
    const result: ImportResult = { addresses: 0, places: 0 };
    const flush = async () => {
      await insertAddresses(trx, store.kind, addresses);
      await insertNames(trx, places);
      result.addresses += addresses.length;
      result.places += places.length;
      addresses = [];
      places = [];
      options.onProgress?.(result.addresses + result.places);
    };
    // Whole lines in chunks of about a megabyte: a promise per record (a CSV stream) costs more than the reading at
    // 500,000 rows. Address files have no line breaks inside fields, so a row is a line and its number the line's.
    let rest = '';
    let linesBefore = 0;
    let first = true;
    const take = async (text: string) => {
      const lines = text.split('\n');
      // The last element is the empty rest after the chunk's final line break.
      for (let i = 0; i < lines.length - 1; i++) {
        const lineNumber = linesBefore + i + 1;
        let line = lines[i] ?? '';
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (first && lineNumber === 1) line = line.replace(/^\ufeff/, '');
        if (line.trim() === '' || line.startsWith('#')) continue;
        // Quoted fields go through the CSV parser; plain lines (nearly all of a BAG extract) are split as they are.
        const record = line.includes('"') ? ((parse(line, { delimiter, relax_column_count: true }) as string[][])[0] ?? []) : line.split(delimiter);
        if (!columns) {
          columns = addressColumns(record);
          continue;
        }
        const row = addressFileRow(columns, record, lineNumber, options.approximate ?? false);
        if (row.kind === 'address') addresses.push(row.address);
        else places.push(row.name);
      }
      first = false;
      linesBefore += lines.length - 1;
      if (addresses.length + places.length >= BATCH) await flush();
    };
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        rest = text;
        continue;
      }
      rest = text.slice(end + 1);
      await take(text.slice(0, end + 1));
    }
    if (rest.trim() !== '') await take(`${rest}\n`);
    if (!columns) throw new AddressFileError('the file is empty (no header row)');
    await flush();
    return result;
  });
}
