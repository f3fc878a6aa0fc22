import { describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS } from '../../server/domain/permissions';
import { eventForRole, maskEvent, maskTimelineEntry } from '../../server/domain/privacy-events';
import {
  CITIZEN_COMMENT_MASK,
  maskContact,
  maskEmail,
  maskEmailsIn,
  maskMessageText,
  maskName,
  maskPhone,
  maskRecipient,
} from '../../server/domain/privacy-mask';
import { maskedSubject, normalisePhone, phoneDigitVariants, privacySubject, scrubSubject } from '../../server/domain/privacy-subject';
import { publicEntry, readableAs } from '../../server/http/open311/public-view';
import type { ServiceRequestEntry } from '../../server/http/open311/render';
import { Role } from '../../server/protocol/auth';
import type { TimelineEntry } from '../../server/protocol/detail';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';

const report = { id: 'r1', number: 'M-000001' } as Report;
const TOKEN = 'U8QI7LUTaIx2nPJeDBpy6fNtD01FIbRg';

describe('masking a citizen’s contact data', () => {
  it('masks addresses, numbers and names so two can be told apart but none used', () => {
    expect(maskEmail('jan.jansen@example.nl')).toBe('j***@***.nl');
    expect(maskEmail('geen-adres')).toBe('***');
    expect(maskPhone('06 1234 5678')).toBe('06******78');
    expect(maskPhone('+31 6 1234 5678')).toBe('31*******78');
    expect(maskPhone('112')).toBe('***');
    expect(maskName(' Jan Jansen ')).toBe('J***');
    expect(maskRecipient('a@b.org')).toBe('a***@***.org');
    expect(maskRecipient('0612345678')).toBe('06******78');
    expect(maskContact({ name: null, email: 'x@y.nl', phone: null })).toEqual({ name: null, email: 'x***@***.nl', phone: null });
  });

  it('takes the status link and the access code out of a message, also a link it has no token for', () => {
    const text = `Uw code is K7P2QXA. Bekijk http://hub.example/status/${TOKEN} of https://x.example/status/AAAAAAAAAAAAAAAAAAAA.`;
    const masked = maskMessageText(text, { token: TOKEN, code: 'K7P2QXA' });
    expect(masked).toBe('Uw code is [code]. Bekijk [statuslink] of [statuslink].');
    expect(maskMessageText('Geen geheimen', { token: null, code: null })).toBe('Geen geheimen');
    expect(maskEmailsIn('550 mailbox <jan@example.nl> unavailable')).toBe('550 mailbox <j***@***.nl> unavailable');
  });

  it('takes the reporter\'s name out of the greeting; "Beste melder," stays', () => {
    const none = { token: null, code: null };
    expect(maskMessageText('Beste mevrouw Jansen,\n\nBedankt.', none)).toBe('Beste [naam],\n\nBedankt.');
    expect(maskMessageText('Dear Jan Jansen,\n\nThanks.', none)).toBe('Dear [naam],\n\nThanks.');
    expect(maskMessageText('Beste melder,\n\nBedankt.', none)).toBe('Beste melder,\n\nBedankt.');
  });

  it('masks a citizen’s comment in events and timeline entries, and leaves every other event as it is', () => {
    const reopened = { type: 'report.transitioned', seq: 3, at: '2026-01-01T10:00:00.000Z', actorId: null, report, from: 'closed', to: 'reopen_requested', outcome: null, resolution: null, resolutionState: null, note: 'bel me 0612345678', messages: 0 } as HubEvent;
    expect(maskEvent(reopened)).toMatchObject({ note: CITIZEN_COMMENT_MASK });
    expect(reopened).toMatchObject({ note: 'bel me 0612345678' });
    const reply = { ...reopened, from: 'reopen_requested', to: 'triaged', note: 'We kijken opnieuw' } as HubEvent;
    expect(maskEvent(reply)).toBe(reply);
    const answer = { type: 'report.citizen_response', seq: 4, at: '2026-01-01T10:00:00.000Z', actorId: null, report, satisfied: true, comment: 'Dank, mail me op a@b.nl' } as HubEvent;
    expect(maskEvent(answer)).toMatchObject({ comment: CITIZEN_COMMENT_MASK });
    expect(maskEvent({ ...answer, comment: null } as HubEvent)).toMatchObject({ comment: null });
    expect(eventForRole(reopened, 'dispatcher')).toBe(reopened);
    expect(eventForRole(reopened, 'police_coordinator')).toMatchObject({ note: CITIZEN_COMMENT_MASK });
    const entry = { seq: 3, at: '2026-01-01T10:00:00.000Z', type: 'report.transitioned', actor: null, from: 'closed', to: 'reopen_requested', outcome: null, resolution: null, resolutionState: null, note: 'bel me' } as TimelineEntry;
    expect(maskTimelineEntry(entry).note).toBe(CITIZEN_COMMENT_MASK);
    expect(maskTimelineEntry({ ...entry, to: 'triaged' }).note).toBe('bel me');
  });
});

describe('a privacy request’s subject', () => {
  it('matches a number however it was typed', () => {
    for (const typed of ['06 1234 5678', '06-12345678', '+31 6 1234 5678', '0031612345678', '+31612345678']) expect(normalisePhone(typed)).toBe('0612345678');
    expect(phoneDigitVariants('0612345678')).toEqual(['0612345678', '31612345678', '0031612345678']);
    expect(privacySubject({ email: ' Jan@Example.NL ' })).toEqual({ email: 'jan@example.nl', phone: null });
    expect(maskedSubject(privacySubject({ email: 'jan@example.nl', phone: '0612345678' }))).toBe('j***@***.nl / 06******78');
  });

  it('scrubs the address and the number out of a free text', () => {
    const subject = privacySubject({ email: 'jan@example.nl', phone: '0612345678' });
    expect(scrubSubject('Bel me op 06-1234 5678 of +31 6 12345678, mail JAN@example.nl', subject)).toBe('Bel me op [gewist] of [gewist], mail [gewist]');
    expect(scrubSubject('Huisnummer 0612345678901 blijft', subject)).toBe('Huisnummer 0612345678901 blijft');
  });
});

describe('the public Open311 answer', () => {
  const entry = { service_request_id: 'M-000001', description: 'Feest bij nr 5', address: 'Hoefkade 200', status_notes: 'x', media_url: 'https://m', lat: 52.060123, long: 4.318567 } as ServiceRequestEntry;

  it('leaves out what identifies people for a sensitive category, with coordinates to 3 decimals', () => {
    expect(publicEntry(entry, false)).toBe(entry);
    expect(publicEntry(entry, true)).toMatchObject({ description: null, address: null, status_notes: null, media_url: null, lat: 52.06, long: 4.319 });
  });

  it('is readable whole with the report’s own token, publicly only when it came in through Open311', () => {
    expect(readableAs({ id: 'r1', source: 'phone' }, 'r1')).toBe('owner');
    expect(readableAs({ id: 'r1', source: 'phone' }, 'r2')).toBe('none');
    expect(readableAs({ id: 'r1', source: 'phone' }, undefined)).toBe('none');
    expect(readableAs({ id: 'r1', source: 'open311' }, undefined)).toBe('public');
  });
});

describe('who may read citizens’ data (permissions)', () => {
  it('gives contact data to the desk only, and the outbox only to roles that may read its recipients', () => {
    expect(PERMISSIONS['contacts.read']).toEqual(['dispatcher', 'shift_lead']);
    for (const role of Role.options) if (isAllowed('outbox.read', role)) expect(isAllowed('contacts.read', role), role).toBe(true);
  });

  const CITIZENS_DATA = ['report.create', 'report.list', 'report.read', 'contacts.read', 'outbox.read', 'outbox.retry', 'events.read', 'console.connect', 'dispatch.read', 'units.read', 'signals.import'];

  it('keeps the admin to users, templates, keys and the access log: no reports, events or contacts', () => {
    for (const action of CITIZENS_DATA) expect(isAllowed(action, 'admin'), action).toBe(false);
    for (const action of ['templates.write', 'apikeys.manage', 'accesslog.read']) expect(isAllowed(action, 'admin'), action).toBe(true);
  });

  it('gives the privacy officer a citizen’s rights and the access log, nothing of the control room', () => {
    for (const action of [...CITIZENS_DATA, 'templates.write', 'apikeys.manage']) expect(isAllowed(action, 'privacy_officer'), action).toBe(false);
    for (const action of ['privacy.search', 'privacy.erase', 'accesslog.read']) expect(isAllowed(action, 'privacy_officer'), action).toBe(true);
    for (const role of Role.options) if (role !== 'privacy_officer') expect(isAllowed('privacy.erase', role), role).toBe(false);
  });
});
