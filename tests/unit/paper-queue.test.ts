import { afterEach, describe, expect, it } from 'vitest';
import { paperQueuePieces, renderPaperQueue, sortForPaper } from '../../server/domain/paper-queue';
import type { QueueRow } from '../../server/protocol/report-queue';

/** The paper fallback's page (domain/paper-queue.ts): its order, its times, and what one page of a city costs. */
function row(n: number, over: Partial<QueueRow> = {}): QueueRow {
  return {
    id: `r${n}`,
    number: String(n),
    category: 'afval',
    lat: 52.37,
    lng: 4.9,
    address: `Damrak ${n}`,
    priority: 'normal',
    status: 'new',
    followUpDate: null,
    slaDeadline: null,
    delivery: null,
    createdAt: '2026-11-30T08:00:00.000Z',
    version: 1,
    slaAtRiskFrom: null,
    parentNumber: null,
    partCount: 0,
    awaitingReplySince: null,
    ...over,
  } as unknown as QueueRow;
}

const generatedAt = new Date('2026-11-30T11:00:00.000Z');
const page = (rows: QueueRow[]) => renderPaperQueue({ rows, generatedAt, timeZone: 'Europe/Amsterdam', municipality: 'Gemeente <Test>', emergenciesOpen: 0 });

const RealDateTimeFormat = Intl.DateTimeFormat;
afterEach(() => {
  Intl.DateTimeFormat = RealDateTimeFormat;
});

describe('paper fallback page', () => {
  it('urgent first, then the earliest deadline (none last), then the oldest', () => {
    const rows = [
      row(1, { priority: 'low', slaDeadline: '2026-11-30T09:00:00.000Z' }),
      row(2, { priority: 'normal' }),
      row(3, { priority: 'normal', slaDeadline: '2026-11-30T15:00:00.000Z' }),
      row(4, { priority: 'urgent', createdAt: '2026-11-30T09:00:00.000Z' }),
      row(5, { priority: 'urgent', createdAt: '2026-11-30T07:00:00.000Z' }),
      row(6, { priority: 'normal', slaDeadline: '2026-11-30T12:00:00.000Z' }),
    ];
    expect(sortForPaper(rows).map((r) => r.number)).toEqual(['5', '4', '6', '3', '2', '1']);
  });

  it('writes times in the control room time zone and escapes text', () => {
    const html = page([row(7, { slaDeadline: '2026-11-30T15:30:00.000Z', address: 'A & <b>' })]);
    expect(html).toContain('16:30');
    expect(html).toContain('Stand van 30-11-2026, 12:00');
    expect(html).toContain('A &amp; &lt;b&gt;');
    expect(html).toContain('Gemeente &lt;Test&gt;');
  });

  it('builds its time format once per page, not once per row (20,000 open reports: seconds of event loop each time)', () => {
    let built = 0;
    Intl.DateTimeFormat = new Proxy(RealDateTimeFormat, {
      construct(target, args) {
        built += 1;
        return new target(...(args as ConstructorParameters<typeof Intl.DateTimeFormat>));
      },
      apply(target, _this, args) {
        built += 1;
        return target(...(args as ConstructorParameters<typeof Intl.DateTimeFormat>));
      },
    });
    const rows = Array.from({ length: 500 }, (_, k) => row(k, { slaDeadline: '2026-11-30T15:30:00.000Z' }));
    const html = page(rows);
    expect(html.match(/16:30/g)?.length).toBe(500);
    expect(built).toBeLessThanOrEqual(1);
  });
  it('is written to its file in pieces (the head, 500 rows at a time, the end) that together are the page', () => {
    const rows = Array.from({ length: 1_001 }, (_, n) => row(n, { priority: n % 7 === 0 ? 'urgent' : 'normal' }));
    const pieces = [...paperQueuePieces({ rows, generatedAt, timeZone: 'Europe/Amsterdam', municipality: 'Gemeente <Test>', emergenciesOpen: 0 })];
    expect(pieces).toHaveLength(1 + 3 + 1);
    expect(pieces.join('')).toBe(page(rows));
    expect(page(rows).match(/<tr( class="spoed")?><td>/g)).toHaveLength(1_001);
    expect(page([])).toContain('<tbody>\n\n</tbody>');
  });
});
