import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { PhotosResponse } from '../../server/protocol/photos';
import type { Report } from '../../server/protocol/report';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { EXIF_MARKER, fakeJpeg, hugePngHeader, jpegWithPassengers, pngPhoto, SCRIPT } from '../support/photos';

describe.each(storeKinds)('photos from the field (%s)', (store) => {
  let t: TestHub;
  let desk: string;
  let unit: TestFieldUnit;
  let other: TestFieldUnit;
  let fieldToken: string;
  let field: FieldClient;
  let report: Report;

  beforeEach(async () => {
    t = await startTestHub({ store });
    desk = (await t.login('centralist')).token;
    [unit, other] = (await createFieldUnits(t.hub, 2)) as [TestFieldUnit, TestFieldUnit];
    report = await newReport();
    fieldToken = (await t.login(unit.username, 'veld')).token;
    field = connectField(t.hub.url, fieldToken);
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
    await assign(report.id);
  });
  afterEach(async () => {
    field.disconnect();
    await t.stop();
  });

  async function newReport(): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 } }));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function assign(reportId: string): Promise<void> {
    const offer = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId, unitIds: [unit.unitId] });
    expect(offer.status).toBe(201);
    const ack = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
    expect(ack.ok).toBe(true);
  }

  async function upload(body: Buffer, type = 'image/jpeg', token = fieldToken, reportId = report.id) {
    const res = await fetch(`${t.hub.url}/api/field/reports/${reportId}/photo`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(body) });
    return { status: res.status, body: (await res.json()) as { photoId?: string; size?: number; message?: string; fields?: Record<string, string> } };
  }

  async function download(photoId: string, token: string) {
    const res = await fetch(`${t.hub.url}/api/photos/${photoId}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('re-encodes a JPEG-headed polyglot: the script and the EXIF (GPS) block are gone, the pixels stay', async () => {
    const sent = jpegWithPassengers({ width: 40, height: 30 });
    expect(sent.toString('latin1')).toContain(SCRIPT);
    const up = await upload(sent);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const photoId = up.body.photoId ?? '';

    const got = await download(photoId, desk);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('private');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe('inline');
    const text = got.bytes.toString('latin1');
    expect(text).not.toContain('<script');
    expect(text).not.toContain('Exif');
    expect(text).not.toContain(EXIF_MARKER);
    const decoded = jpeg.decode(got.bytes);
    expect([decoded.width, decoded.height]).toEqual([40, 30]);
    expect(up.body.size).toBe(got.bytes.length);
  });

  it('turns a photo the phone stored sideways upright (EXIF orientation 6) before the EXIF goes', async () => {
    const up = await upload(jpegWithPassengers({ width: 40, height: 30, orientation: 6 }));
    expect(up.status).toBe(201);
    const decoded = jpeg.decode((await download(up.body.photoId ?? '', desk)).bytes);
    expect([decoded.width, decoded.height]).toEqual([30, 40]);
  });

  it('re-encodes a PNG without its text chunks', async () => {
    const png = pngPhoto(20, 10);
    // A tEXt chunk before IEND (its CRC is not checked by everyone: the hub must not keep it either way).
    const iend = png.length - 12;
    const text = Buffer.from(`Comment\0${SCRIPT}`, 'latin1');
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write('tEXt', 4, 'latin1');
    text.copy(chunk, 8);
    const up = await upload(Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]), 'image/png');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const got = await download(up.body.photoId ?? '', desk);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.bytes.toString('latin1')).not.toContain('<script');
    const decoded = PNG.sync.read(got.bytes);
    expect([decoded.width, decoded.height]).toEqual([20, 10]);
  });

  it('refuses what does not decode, and a decompression bomb, with a Dutch 422 and stores nothing', async () => {
    const fake = await upload(fakeJpeg());
    expect(fake.status).toBe(422);
    expect(fake.body.message).toMatch(/kan niet worden gelezen/);
    expect(fake.body.fields?.photo).toBeTruthy();
    const bomb = await upload(hugePngHeader(), 'image/png');
    expect(bomb.status).toBe(422);
    expect(bomb.body.message).toMatch(/te veel pixels/);
    const list = await t.api<PhotosResponse>('GET', `/api/reports/${report.id}/photos`, desk);
    expect(list.body.photos).toEqual([]);
  });

  it('lists and serves photos to the roles that read the report and to the assigned unit only', async () => {
    const up = await upload(jpegWithPassengers());
    const photoId = up.body.photoId ?? '';
    const list = await t.api<PhotosResponse>('GET', `/api/reports/${report.id}/photos`, desk);
    expect(list.status).toBe(200);
    expect(list.body.photos).toEqual([expect.objectContaining({ id: photoId, reportId: report.id, contentType: 'image/jpeg', width: 32, height: 24, findingSeq: null })]);

    for (const [who, status] of [
      ['chef', 200],
      ['politie', 200],
      ['admin', 403],
    ] as const) {
      const token = (await t.login(who)).token;
      expect((await download(photoId, token)).status, who).toBe(status);
      expect((await t.api('GET', `/api/reports/${report.id}/photos`, token)).status, who).toBe(status);
    }
    expect((await download(photoId, fieldToken)).status).toBe(200);
    const otherToken = (await t.login(other.username, 'veld')).token;
    expect((await download(photoId, otherToken)).status).toBe(403);
    expect((await t.api('GET', `/api/reports/${report.id}/photos`, otherToken)).status).toBe(403);
    expect((await upload(jpegWithPassengers(), 'image/jpeg', otherToken)).status).toBe(403);
    expect((await fetch(`${t.hub.url}/api/photos/${photoId}`)).status).toBe(401);
    expect((await download(randomUUID(), desk)).status).toBe(404);
  });

  it("ties the photo to the unit's finding, and refuses a finding with a photo that is not the unit's of this report", async () => {
    const mine = (await upload(jpegWithPassengers())).body.photoId ?? '';
    const resolution = { kind: 'close', outcome: 'not_found', found: { code: 'niet_aangetroffen', text: 'Geen overlast aangetroffen' }, action: { code: 'geen_actie', text: 'Geen actie nodig ter plaatse' } };
    const wrong = (await field.timeout(5000).emitWithAck('finding:submit', { commandId: randomUUID(), reportId: report.id, resolution, photoId: randomUUID() })) as Ack<Report>;
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.error.message).toMatch(/hoort niet bij deze melding/);
    const right = (await field.timeout(5000).emitWithAck('finding:submit', { commandId: randomUUID(), reportId: report.id, resolution, photoId: mine })) as Ack<Report>;
    expect(right.ok, JSON.stringify(right)).toBe(true);
    const photos = (await t.api<PhotosResponse>('GET', `/api/reports/${report.id}/photos`, desk)).body.photos;
    expect(photos[0]?.findingSeq).toBe(right.ok ? right.data.version : -1);
  });
});

describe.each(storeKinds)('photos kept as files before they moved into the store (%s)', (store) => {
  it('are re-encoded into the store at start-up and their files removed; a missing file is dropped', async () => {
    const database = store === 'postgres' ? await createPostgresDatabase() : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-legacy-'));
    const first = await startTestHub({ store, dataDir, ...(database ? { database } : {}) });
    const desk = (await first.login('centralist')).token;
    const report = (await first.api<Report>('POST', '/api/reports', desk, sampleReport())).body;
    const dir = join(dataDir, 'photos');
    mkdirSync(dir, { recursive: true });
    const kept = join(dir, 'oud.jpg');
    writeFileSync(kept, jpegWithPassengers());
    const at = new Date().toISOString();
    const row = { report_id: report.id, unit_id: null, content_type: 'image/jpeg', size: 1, created_at: at };
    await first.hub.store.db
      .insertInto('photos_legacy')
      .values([
        { ...row, id: randomUUID(), path: kept },
        { ...row, id: randomUUID(), path: join(dir, 'weg.jpg') },
      ])
      .execute();
    await first.stop();

    const second = await startTestHub({ store, dataDir, ...(database ? { database } : {}) });
    try {
      const token = (await second.login('centralist')).token;
      const photos = (await second.api<PhotosResponse>('GET', `/api/reports/${report.id}/photos`, token)).body.photos;
      expect(photos).toHaveLength(1);
      const bytes = Buffer.from(await (await fetch(`${second.hub.url}/api/photos/${photos[0]?.id}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
      expect(bytes.toString('latin1')).not.toContain(SCRIPT);
      expect(existsSync(kept)).toBe(false);
      expect(await second.hub.store.db.selectFrom('photos_legacy').select('id').execute()).toEqual([]);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    }
  });
});
