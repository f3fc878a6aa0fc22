import { describe, expect, it } from 'vitest';
import { QUEUE_ROW_FIELDS } from '../../server/protocol/report-queue';
import { tuplesJson } from '../../server/store/report-queue';

/** A PostgreSQL page row as pg hands it over: one key per field (f0, f1, …), bigint columns as text. */
function pageRow(i: number): Record<string, unknown> & { cursor_created_at: string; cursor_id: string; total: string } {
  const row: Record<string, unknown> = {};
  QUEUE_ROW_FIELDS.forEach((field, k) => {
    row[`f${k}`] =
      field === 'version' ? String(1_000_000_000_000 + i) : field === 'lat' ? 52.07 + i / 1e5 : field === 'address' ? `Straat "${i}"\n\\` : `${field}-${i}`;
  });
  return { ...row, cursor_created_at: `c${i}`, cursor_id: `id${i}`, total: '9' };
}

describe('the PostgreSQL queue page as JSON, written in chunks by the hub (store/report-queue.ts)', () => {
  it('is one JSON array of the tuples in order, across chunk borders, with bigint text as numbers', () => {
    for (const n of [0, 1, 399, 400, 401, 1_234]) {
      const rows = Array.from({ length: n }, (_, i) => pageRow(i));
      const parsed = JSON.parse(tuplesJson(rows).toString('utf8')) as unknown[][];
      expect(parsed).toHaveLength(n);
      expect(parsed.map((t) => t[QUEUE_ROW_FIELDS.indexOf('number')])).toEqual(rows.map((_, i) => `number-${i}`));
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
