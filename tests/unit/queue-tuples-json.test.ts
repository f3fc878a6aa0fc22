import { describe, expect, it } from 'vitest';
import { QUEUE_ROW_FIELDS } from '../../server/protocol/report-queue';
import { TuplesJson } from '../../server/store/report-queue';

/** A PostgreSQL page row as pg hands it over in array mode: the tuple's values in order, bigint columns as text. */
function pageRow(i: number): unknown[] {
  return QUEUE_ROW_FIELDS.map((field) =>
    field === 'version' ? String(1_000_000_000_000 + i) : field === 'lat' ? 52.07 + i / 1e5 : field === 'address' ? `Straat "${i}"\n\\` : `${field}-${i}`,
  );
}

describe('the PostgreSQL queue page as JSON, written in pieces by the hub (store/report-queue.ts)', () => {
  it('is one JSON array of the tuples in order, across piece borders, with bigint text as numbers', () => {
    for (const n of [0, 1, 399, 400, 401, 1_234]) {
      const pieces: string[] = [];
      const json = new TuplesJson((piece) => pieces.push(piece));
      for (let i = 0; i < n; i++) json.add(pageRow(i));
      json.end();
      // A piece per 400 rows and the array's end: the route writes each as it comes.
      expect(pieces).toHaveLength(Math.ceil(n / 400) + 1);
      const parsed = JSON.parse(pieces.join('')) as unknown[][];
      expect(parsed).toHaveLength(n);
      expect(parsed.map((t) => t[QUEUE_ROW_FIELDS.indexOf('number')])).toEqual(Array.from({ length: n }, (_, i) => `number-${i}`));
      const last = parsed[n - 1];
      if (last) {
        expect(last[QUEUE_ROW_FIELDS.indexOf('version')]).toBe(1_000_000_000_000 + n - 1);
        expect(last[QUEUE_ROW_FIELDS.indexOf('lat')]).toBe(52.07 + (n - 1) / 1e5);
        expect(last[QUEUE_ROW_FIELDS.indexOf('address')]).toBe(`Straat "${n - 1}"\n\\`);
        expect(last).toHaveLength(QUEUE_ROW_FIELDS.length);
      }
    }
  });
});
