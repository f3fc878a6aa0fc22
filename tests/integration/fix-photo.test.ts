import { randomUUID } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { PhotoInfo, PhotosResponse } from '../../server/protocol/photos';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { startTestHub, type TestHub } from '../support/hub';
import { type CitizenReport, reportWithCitizen } from '../support/privacy-fixtures';

/** An 80×60 JPEG: a smooth grey gradient with a black-and-white checkerboard (the "number plate") at 40–63 × 10–33. */
function photoWithPlate(): Buffer {
  const width = 80;
  const height = 60;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const plate = x >= 40 && x < 64 && y >= 10 && y < 34;
      const v = plate ? ((x >> 1) + (y >> 1)) % 2 === 0 ? 0 : 255 : 60 + x * 2;
      const i = (y * width + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data }, 95).data);
}

function sd(image: { width: number; data: Uint8Array }, x0: number, y0: number, w: number, h: number): number {
  const values: number[] = [];
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) values.push(image.data[(y * image.width + x) * 4] ?? 0);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

// Each test starts a hub, a field unit and a citizen, and makes JPEGs on the image worker: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 90_000 });

const FINDING = {
  kind: 'close',
  outcome: 'resolved',
  found: { code: 'tak_laag', text: 'De tak hing laag over de stoep' },
  action: { code: 'tak_verwijderd', text: 'We hebben de tak weggezaagd' },
} as const;

describe.each(storeKinds)('a photo of the fix (%s)', (store) => {
  let t: TestHub;
  let desk: string;
  let unit: TestFieldUnit;
  let other: TestFieldUnit;
  let fieldToken: string;
  let field: FieldClient;
  let citizen: CitizenReport;
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    // The photos' own retention period far off: what goes at the contact details' period is the approved variant only.
    t = await startTestHub({ store, clock: () => new Date(now), config: { retention: { intervalMinutes: 0, photoDays: 3650 } } });
    desk = (await t.login('centralist')).token;
    [unit, other] = (await createFieldUnits(t.hub, 2)) as [TestFieldUnit, TestFieldUnit];
    citizen = await reportWithCitizen(t, desk);
    fieldToken = (await t.login(unit.username, 'veld')).token;
    field = connectField(t.hub.url, fieldToken);
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
    const offer = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId: citizen.report.id, unitIds: [unit.unitId] });
    expect(offer.status).toBe(201);
    const ack = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
    expect(ack.ok).toBe(true);
  });
  afterEach(async () => {
    field.disconnect();
    await t.stop();
  });

  async function upload(body: Buffer = photoWithPlate()): Promise<string> {
    const res = await fetch(`${t.hub.url}/api/field/reports/${citizen.report.id}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fieldToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { photoId: string }).photoId;
  }

  function submit(photos: unknown) {
    return field.timeout(5000).emitWithAck('finding:submit', { commandId: randomUUID(), reportId: citizen.report.id, resolution: FINDING, photos } as never) as Promise<Ack<Report>>;
  }

  const photos = async (token = desk) => (await t.api<PhotosResponse>('GET', `/api/reports/${citizen.report.id}/photos`, token)).body.photos;
  const approve = (photoId: string, body: object, token = desk) => t.api<PhotoInfo & { fields?: Record<string, string> }>('POST', `/api/photos/${photoId}/approval`, token, body);
  const citizenPhoto = () => fetch(`${t.hub.url}/status/${citizen.token}/foto`);

  /** Before and after photos on the unit's proposal. */
  async function proposal(): Promise<{ before: string; after: string }> {
    const before = await upload();
    const after = await upload();
    const ack = await submit([
      { photoId: before, kind: 'before' },
      { photoId: after, kind: 'after' },
    ]);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    return { before, after };
  }

  it('ties before and after photos to the proposal with their kinds; a wrong or doubled photo refuses the whole finding', async () => {
    const before = await upload();
    const after = await upload();
    const doubled = await submit([
      { photoId: before, kind: 'before' },
      { photoId: before, kind: 'after' },
    ]);
    expect(doubled.ok).toBe(false);
    const foreign = await submit([
      { photoId: before, kind: 'before' },
      { photoId: randomUUID(), kind: 'after' },
    ]);
    expect(foreign.ok).toBe(false);
    expect(foreign.ok ? {} : foreign.error.fields).toHaveProperty(['photos.1.photoId']);
    const badKind = await submit([{ photoId: before, kind: 'tijdens' }]);
    expect(badKind.ok).toBe(false);
    // Nothing was written: no proposal, no photo tied.
    expect((await t.api<{ report: Report }>('GET', `/api/reports/${citizen.report.id}`, desk)).body.report.status).toBe('dispatched');
    expect((await photos()).every((p) => p.findingSeq === null && p.kind === null)).toBe(true);

    const ack = await submit([
      { photoId: before, kind: 'before' },
      { photoId: after, kind: 'after' },
    ]);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    const listed = await photos();
    expect(listed.map((p) => [p.id, p.kind, p.approval])).toEqual(
      expect.arrayContaining([
        [before, 'before', null],
        [after, 'after', null],
      ]),
    );
    expect(new Set(listed.map((p) => p.findingSeq))).toEqual(new Set([ack.ok ? ack.data.version : -1]));
  });

  it('the desk approves the after photo with a crop and a blur: the status page serves that variant only, never the original', async () => {
    const { before, after } = await proposal();
    // Never public without approval.
    expect((await citizenPhoto()).status).toBe(404);
    expect(await (await fetch(`${t.hub.url}/status/${citizen.token}`)).text()).not.toContain('Foto na afhandeling');
    // Only the desk approves, only an after photo, only rectangles inside it, and the dispatcher's statement is required.
    for (const who of ['politie', 'admin']) {
      expect((await approve(after, { blurs: [], responsible: true }, (await t.login(who)).token)).status, who).toBe(403);
    }
    expect((await approve(after, { blurs: [], responsible: true }, fieldToken)).status).toBe(403);
    expect((await approve(before, { blurs: [], responsible: true })).status).toBe(422);
    const outside = await approve(after, { crop: { x: 50, y: 0, width: 40, height: 10 }, blurs: [], responsible: true });
    expect(outside.status).toBe(422);
    expect(outside.body.fields).toHaveProperty('crop');
    expect((await approve(after, { blurs: [{ x: 0, y: 0, width: 81, height: 5 }], responsible: true })).body.fields).toHaveProperty(['blurs.0']);
    expect((await approve(after, { blurs: [] })).status).toBe(422);
    expect((await citizenPhoto()).status).toBe(404);

    // "Foto meesturen" without an approved photo is refused, and changes nothing.
    const early = await t.api('POST', `/api/reports/${citizen.report.id}/transition`, desk, { to: 'closed', resolution: FINDING, includePhoto: true, confirmLowReadability: true });
    expect(early.status).toBe(422);
    expect((await t.api<{ report: Report }>('GET', `/api/reports/${citizen.report.id}`, desk)).body.report.status).toBe('awaiting_review');

    const ok = await approve(after, { crop: { x: 8, y: 4, width: 64, height: 48 }, blurs: [{ x: 40, y: 10, width: 24, height: 24 }], send: true, responsible: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.approval).toMatchObject({ width: 64, height: 48, send: true, crop: { x: 8, y: 4, width: 64, height: 48 }, approvedAt: expect.any(String) });

    const got = await citizenPhoto();
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('no-store');
    const variant = jpeg.decode(Buffer.from(await got.arrayBuffer()), { useTArray: true });
    expect([variant.width, variant.height]).toEqual([64, 48]);
    const originalRes = await fetch(`${t.hub.url}/api/photos/${after}`, { headers: { authorization: `Bearer ${desk}` } });
    const original = jpeg.decode(Buffer.from(await originalRes.arrayBuffer()), { useTArray: true });
    // The plate (40–63 × 10–33 in the original, 32–55 × 6–29 in the crop) is unreadable; the rest as it was.
    expect(sd(original, 44, 14, 16, 16)).toBeGreaterThan(80);
    expect(sd(variant, 36, 10, 16, 16)).toBeLessThan(20);
    expect(Math.abs(sd(variant, 2, 36, 20, 8) - sd(original, 10, 40, 20, 8))).toBeLessThan(6);
    // The status page shows it; the originals stay staff-only (no session, another unit: refused).
    expect(await (await fetch(`${t.hub.url}/status/${citizen.token}`)).text()).toContain('alt="Foto na afhandeling"');
    expect((await fetch(`${t.hub.url}/api/photos/${after}`)).status).toBe(401);
    const otherToken = (await t.login(other.username, 'veld')).token;
    expect((await fetch(`${t.hub.url}/api/photos/${after}`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(403);
    expect((await fetch(`${t.hub.url}/status/${randomUUID()}/foto`)).status).toBe(404);

    // Closing with "foto meesturen" (ticked at the approval): the message links the photo (the HTML shows it).
    const closed = await t.api<Report>('POST', `/api/reports/${citizen.report.id}/transition`, desk, { to: 'closed', resolution: FINDING, confirmLowReadability: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const message = await t.hub.store.db
      .selectFrom('outbox')
      .select(['body_text', 'body_html'])
      .where('report_id', '=', citizen.report.id)
      .where('trigger', '=', 'closed')
      .executeTakeFirstOrThrow();
    const link = `/status/${citizen.token}/foto`;
    expect(message.body_text).toContain(link);
    expect(message.body_html).toMatch(new RegExp(`<img src="[^"]*${link}"`));

    // Withdrawn: gone from the status page again.
    expect((await t.api('DELETE', `/api/photos/${after}/approval`, desk)).status).toBe(200);
    expect((await citizenPhoto()).status).toBe(404);
  });

  it("goes with the citizen's erased personal data: originals and the approved variant", async () => {
    const { after } = await proposal();
    expect((await approve(after, { blurs: [], responsible: true })).status).toBe(200);
    expect((await citizenPhoto()).status).toBe(200);
    const fg = (await t.login('fg')).token;
    const erased = await t.api('POST', '/api/privacy/erase', fg, { email: 'jan.jansen@example.nl', reason: 'Verzoek van de melder om verwijdering' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect((await citizenPhoto()).status).toBe(404);
    expect(await photos()).toEqual([]);
    const rows = await t.hub.store.db.selectFrom('photos').select('id').where('report_id', '=', citizen.report.id).execute();
    expect(rows).toEqual([]);
  });

  it("the retention job's erasure of the contact details withdraws the approved variant with the status link; the original stays until its own period", async () => {
    const { after } = await proposal();
    expect((await approve(after, { blurs: [], responsible: true })).status).toBe(200);
    const closed = await t.api('POST', `/api/reports/${citizen.report.id}/transition`, desk, { to: 'closed', resolution: FINDING, confirmLowReadability: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await citizenPhoto()).status).toBe(200);
    now += 366 * 86_400_000;
    const run = await t.hub.retention.runNow();
    expect(run.ran && run.counts.contacts).toBe(1);
    expect((await citizenPhoto()).status).toBe(404);
    const row = await t.hub.store.db
      .selectFrom('photos')
      .select(['approval_state', 'approved_data', 'approved_at'])
      .where('id', '=', after)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ approval_state: 'none', approved_data: null, approved_at: null });
  });
});
