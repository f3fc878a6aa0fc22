import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { approvedFixPhoto, photosOfReport } from '../../server/store/photos';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';
import { jpegPhoto } from '../support/photos';

/** Migration 0025 (the photo of the fix) on a database that already holds photos: unmarked, unapproved, bytes kept. */
describe.each(storeKinds)('migration 0025 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0025');

  it('keeps the photos with their bytes, without a mark and never approved', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0023_report_context');
    await old.insertInto('categories').values(olderCategory('groen', { name_nl: 'Groen', name_en: 'Greenery' })).execute();
    await old
      .insertInto('reports')
      .values(olderReport(1, { address: 'Lange Voorhout 34', description: 'Tak over de stoep', status: 'awaiting_review', updated_at: '2026-03-01T11:00:00.000Z', version: 3 }))
      .execute();
    const bytes = new Uint8Array(jpegPhoto(32, 24));
    await old
      .insertInto('photos')
      .values({ id: 'p1', report_id: 'r1', unit_id: null, content_type: 'image/jpeg', size: bytes.byteLength, width: 32, height: 24, data: bytes, finding_seq: 3, created_at: '2026-03-01T10:30:00.000Z' })
      .execute();

    expect(await migrateToLatest(store.db)).toContain('0025_fix_photos');
    expect(await photosOfReport(store.db, 'r1')).toEqual([expect.objectContaining({ id: 'p1', findingSeq: 3, size: bytes.byteLength, kind: null, approval: null })]);
    expect(await approvedFixPhoto(store.db, 'r1')).toBeUndefined();
    const row = await store.db.selectFrom('photos').select(['approval_state', 'data']).where('id', '=', 'p1').executeTakeFirstOrThrow();
    expect(row.approval_state).toBe('none');
    expect(Buffer.from(row.data as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
  });
});
