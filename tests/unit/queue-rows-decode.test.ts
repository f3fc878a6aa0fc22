import { describe, expect, it } from 'vitest';
import { decodeQueueRows, QUEUE_ROW_FIELDS } from '../../server/protocol/report-queue';

describe('decodeQueueRows: a page tuple made a row by the field names the page gives', () => {
  const row = {
    id: 'r1',
    number: 'M-000001',
    category: 'afval',
    lat: 52.07,
    lng: 4.3,
    address: 'Spui 70',
    priority: 'normal',
    status: 'new',
    followUpDate: null,
    slaDeadline: '2026-12-03T16:00:00.000Z',
    delivery: 'none',
    createdAt: '2026-12-01T08:00:00.000Z',
    version: 7,
    slaAtRiskFrom: null,
    parentNumber: null,
    partCount: 0,
    awaitingReplySince: null,
  };

  it('reads every field in the order of QUEUE_ROW_FIELDS', () => {
    const tuple = QUEUE_ROW_FIELDS.map((f) => row[f]);
    expect(decodeQueueRows(QUEUE_ROW_FIELDS, [tuple, tuple])).toEqual([row, row]);
  });

  it('reads the fields by name in another order, skips a field it does not know, and leaves one the page lacks undefined', () => {
    const fields = ['extra', ...[...QUEUE_ROW_FIELDS].reverse().filter((f) => f !== 'partCount')];
    const tuple = fields.map((f) => (f === 'extra' ? 'ignored' : row[f as keyof typeof row]));
    const [decoded] = decodeQueueRows(fields, [tuple]);
    expect(decoded).toEqual({ ...row, partCount: undefined });
    expect(Object.keys(decoded ?? {})).toEqual([...QUEUE_ROW_FIELDS]);
  });
});
