/**
 * Issue 12: the offline address index. 500,000 addresses (a big city) import in under a minute, and a suggestion
 * answers in under 20 ms p99 (and so does the nearest address), on a fresh SQLite store and, when reachable, a fresh
 * PostgreSQL database. The module writes its own CSV (not the report fixture): 2,500 streets of 200 numbers in the
 * Den Haag box, every 7th number with a letter, postcodes per 25 numbers. Suggestions are timed through the offline
 * source without the answer cache: street and number, street prefixes as typed, postcode and number, a corner (of
 * two streets that meet: every odd street starts where the even one before it does).
 * BENCH_QUICK: 50,000 addresses (the goal lines then say so; the targets stay those of 500,000).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { offlineSource } from '../../../../server/geo/offline-source';
import { importAddressFile } from '../../../../server/geo/import-addresses';
import { migrateToLatest } from '../../../../server/store/migrate';
import { openStore, type Store } from '../../../../server/store/open';
import { createPostgresDatabase, postgresReachable } from '../../../support/databases';
import { ms } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';
import { timeRuns } from '../store-timing';

const WORDS = ['Linden', 'Beuken', 'Eiken', 'Populier', 'Wilgen', 'Kastanje', 'Esdoorn', 'Berken', 'Iepen', 'Platanen', 'Hazel', 'Vlier', 'Meidoorn', 'Hulst', 'Taxus', 'Ceder', 'Den', 'Spar', 'Lariks', 'Olm', 'Abeel', 'Noten', 'Kersen', 'Appel', 'Peren'];
const KINDS = ['straat', 'laan', 'weg', 'plein', 'kade', 'gracht', 'hof', 'dreef', 'singel', 'park'];
const NUMBERS = 200;

function streetName(i: number): string {
  const a = WORDS[i % WORDS.length];
  const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length]?.toLowerCase();
  const kind = KINDS[Math.floor(i / (WORDS.length * WORDS.length)) % KINDS.length];
  return `${a}${b}${kind}`;
}

async function writeCsv(file: string, streets: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('street,house_number,house_letter,addition,postcode,place,lat,lon\n');
  let random = 42;
  const next = () => {
    random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
    return random / 2_147_483_648;
  };
  let lat0 = 0;
  let lng0 = 0;
  for (let s = 0; s < streets; s++) {
    // Every odd street starts where the even one before it starts: the two meet there (a corner to search for).
    const [startLat, startLng] = [52.03 + next() * 0.09, 4.2 + next() * 0.2];
    if (s % 2 === 0) [lat0, lng0] = [startLat, startLng];
    const dLat = (next() - 0.5) * 0.00004;
    const dLng = (next() - 0.5) * 0.00006;
    const name = streetName(s);
    for (let n = 1; n <= NUMBERS; n++) {
      const postcode = `${2500 + (s % 99)}${String.fromCharCode(65 + (s % 26))}${String.fromCharCode(65 + Math.floor(n / 25))}`;
      await write(`${name},${n},${n % 7 === 0 ? 'A' : ''},,${postcode},Den Haag,${(lat0 + n * dLat).toFixed(6)},${(lng0 + n * dLng).toFixed(6)}\n`);
    }
  }
  out.end();
  await once(out, 'finish');
}

export default {
  name: 'address',
  needs: [],
  async run({ quick, say }) {
    const rows = quick ? 50_000 : 500_000;
    const streets = rows / NUMBERS;
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-address-goal-'));
    const file = join(dir, 'addresses.csv');
    const lines: GoalLine[] = [];
    try {
      await writeCsv(file, streets);
      const queries = Array.from({ length: 200 }, (_, i) => {
        const s = (i * 7919) % streets;
        const name = streetName(s);
        const postcode = `${2500 + (s % 99)} ${String.fromCharCode(65 + (s % 26))}${String.fromCharCode(65 + Math.floor(((i % 150) + 1) / 25))}`;
        return [`${name} ${(i % 150) + 1}`, name.slice(0, 3 + (i % 6)), `${postcode} ${(i % 150) + 1}`, `${name} ${(i % 150) + 1}a`, `hoek ${streetName(s - (s % 2))}/${streetName(s - (s % 2) + 1)}`][i % 5] ?? name;
      });
      const measure = async (store: Store, kind: StoreKind) => {
        await migrateToLatest(store.db);
        const t0 = performance.now();
        const result = await importAddressFile(store, file);
        const seconds = (performance.now() - t0) / 1000;
        say(`address ${kind}: imported ${result.addresses.toLocaleString('en')} addresses in ${seconds.toFixed(1)} s`);
        const source = offlineSource(store);
        let empty = 0;
        const suggest = await timeRuns(quick ? 100 : 400, async (i) => {
          const found = await source.suggest(queries[i % queries.length] ?? '', 10);
          if (found.length === 0) empty++;
          return found.length;
        });
        const reverse = await timeRuns(quick ? 100 : 400, async (i) => source.reverse({ lat: 52.03 + ((i * 37) % 90) / 1000, lng: 4.2 + ((i * 53) % 200) / 1000 }, 250));
        say(`address ${kind}: suggest p50 ${ms(suggest.p50)} p99 ${ms(suggest.p99)} ms; reverse p50 ${ms(reverse.p50)} p99 ${ms(reverse.p99)} ms`);
        const size = `${rows.toLocaleString('en')} addresses`;
        lines.push(
          { goal: `address import: ${size}`, store: kind, measured: seconds, target: 60, unit: 's', better: 'lower' },
          { goal: 'address suggestion, p99', store: kind, measured: empty > 0 ? Number.NaN : suggest.p99, target: 20, unit: 'ms', better: 'lower', note: empty > 0 ? `${empty} searches found nothing` : `${size}, no cache` },
          { goal: 'nearest address (reverse), p99', store: kind, measured: reverse.p99, target: 20, unit: 'ms', better: 'lower', note: `${size}, no cache` },
        );
      };
      const sqlite = openStore({ dataDir: join(dir, 'sqlite') });
      try {
        await measure(sqlite, 'sqlite');
      } finally {
        await sqlite.close();
      }
      if (await postgresReachable()) {
        const database = await createPostgresDatabase();
        const pg = openStore({ dataDir: dir, databaseUrl: database.url });
        try {
          await measure(pg, 'postgres');
        } finally {
          await pg.close();
          await database.drop();
        }
      } else {
        say('address: PostgreSQL not reachable, measured on SQLite only');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
} satisfies CheckGoal;
