import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { HubEvent } from '../../server/protocol/events';
import type { CreatedReferral } from '../../server/protocol/external';
import type { PhotoInfo, PhotosResponse } from '../../server/protocol/photos';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { jpegPhoto } from '../support/photos';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

// Two answers with photos re-encoded on the image worker and an approval variant: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 90_000 });

function upload(fields: Record<string, string>, photo: Buffer): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append('foto', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'foto.jpg');
  return { method: 'POST', body: form, redirect: 'manual' };
}

/**
 * Photos by who took them: the reporter's answer photo (status page) and the external party's answer photo are told
 * apart from the field's; the external party's photo may be approved for the citizen as the photo of the fix (never
 * public before), the reporter's never; approving and withdrawing publish a `report.photo` event after commit that
 * two other consoles receive, and the timeline says what happened.
 */
describe.each(storeKinds)('photos by source, and their approval as an event (%s)', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let desk: string;
  const sockets: ConsoleClient[] = [];

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    for (const s of sockets) s.disconnect();
    sockets.length = 0;
    await t.stop();
    await smtp.stop();
  });

  async function console_(username: string): Promise<HubEvent[]> {
    const socket = t.connectConsole((await t.login(username)).token);
    sockets.push(socket);
    const events: HubEvent[] = [];
    socket.on('event', (e: HubEvent) => events.push(e));
    await waitFor(socket, 'connect');
    return events;
  }

  it('labels reporter and external photos, approves the external one only, and tells every console', async () => {
    const created = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'verlichting', description: 'Lamp in het portiek is kapot' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const report = created.body;
    await until(() => smtp.messages.some((m) => m.text.includes(report.number)), 8000, 'the receipt');
    const status = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(smtp.messages.find((m) => m.text.includes(report.number))?.text ?? '')?.[0];
    if (!status) throw new Error('no status link in the receipt');

    // The reporter answers the desk's question with a photo; the external party answers with one.
    expect((await t.api('POST', `/api/reports/${report.id}/question`, desk, { question: 'Welke lamp is het precies?' })).status).toBe(201);
    expect((await fetch(`${status}/vraag`, upload({ antwoord: 'De lamp boven de voordeur van nummer 12.' }, jpegPhoto(64, 48)))).status).toBe(303);
    const referral = await t.api<CreatedReferral>('POST', `/api/reports/${report.id}/external`, desk, { party: 'Aannemer Licht', question: 'Wilt u de lamp vervangen?' });
    expect(referral.status).toBe(201);
    expect((await fetch(referral.body.link, upload({ antwoord: 'Lamp vervangen, portiek is weer licht.' }, jpegPhoto(64, 48)))).status).toBe(303);

    const list = await t.api<PhotosResponse>('GET', `/api/reports/${report.id}/photos`, desk);
    expect(list.status).toBe(200);
    expect(list.body.photos.map((p) => p.source)).toEqual(['reporter', 'external']);
    const [reporterPhoto, externalPhoto] = list.body.photos as [PhotoInfo, PhotoInfo];

    // Never public without approval; the reporter's own photo is not a photo of the fix.
    expect((await fetch(`${status}/foto`)).status).toBe(404);
    const refused = await t.api<{ text?: { code: string } }>('POST', `/api/photos/${reporterPhoto.id}/approval`, desk, { blurs: [], responsible: true });
    expect(refused.status).toBe(422);
    expect(refused.body.text?.code).toBe('command.photo.approve_after_only');
    expect((await fetch(`${status}/foto`)).status).toBe(404);

    // Two other consoles (a dispatcher and the shift lead) hear of the approval, after commit, with the new version.
    const [other, chef] = [await console_('centralist'), await console_('chef')];
    const approved = await t.api<PhotoInfo>('POST', `/api/photos/${externalPhoto.id}/approval`, desk, { blurs: [], send: true, responsible: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ source: 'external', approval: { send: true } });
    for (const events of [other, chef]) {
      await until(() => events.some((e) => e.type === 'report.photo'), 8000, 'the photo event');
      const event = events.find((e) => e.type === 'report.photo');
      expect(event).toMatchObject({ type: 'report.photo', change: 'approved', photoId: externalPhoto.id, report: { id: report.id } });
    }
    expect((await fetch(`${status}/foto`)).status).toBe(200);
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    const photoEvent = other.find((e) => e.type === 'report.photo');
    expect(detail.report.version).toBe(photoEvent?.seq);
    expect(detail.timeline.map((e) => e.text?.message)).toContain('Foto goedgekeurd voor de melder');

    // Withdrawn: the consoles hear that too, and the status page has no photo again.
    expect((await t.api('DELETE', `/api/photos/${externalPhoto.id}/approval`, desk)).status).toBe(200);
    await until(() => chef.some((e) => e.type === 'report.photo' && e.change === 'withdrawn'), 8000, 'the withdrawal event');
    expect((await fetch(`${status}/foto`)).status).toBe(404);
  });
});
