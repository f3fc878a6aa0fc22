import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../server/commands/errors';
import { commandText } from '../../server/domain/command-texts';
import { inputText } from '../../server/domain/input-texts';
import { Open311Error, toOpen311Error } from '../../server/http/open311/errors';
import { expectedDatetime, publicNotes, publicStatus, toServiceRequest } from '../../server/http/open311/mapping';
import { SlidingWindowLimiter } from '../../server/http/open311/rate-limit';
import { CONTENT_TYPE, formatOfUrl, serialize } from '../../server/http/open311/render';
import { civilDateToW3c, formatW3cDateTime, parseW3c, startOfCivilDay } from '../../server/http/open311/w3c';
import type { Category, ReportStatus } from '../../server/protocol/report';

const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => ['request', 'error'].includes(name) });

describe('W3C datetimes with a zone', () => {
  it('formats instants in Amsterdam time with the offset of that moment', () => {
    expect(formatW3cDateTime('2026-11-28T20:04:05.123Z')).toBe('2026-11-28T21:04:05+01:00');
    expect(formatW3cDateTime(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00+02:00');
    // Around the autumn change (last Sunday of October, 03:00 CEST -> 02:00 CET).
    expect(formatW3cDateTime('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    expect(formatW3cDateTime('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30:00+01:00');
    expect(formatW3cDateTime('2026-03-01T00:00:00Z', 'UTC')).toBe('2026-03-01T00:00:00+00:00');
    expect(formatW3cDateTime('2026-11-28T20:04:05Z')).toMatch(W3C_WITH_ZONE);
  });

  it('turns a follow-up date into the start of that day in the city', () => {
    expect(civilDateToW3c('2027-01-15')).toBe('2027-01-15T00:00:00+01:00');
    expect(civilDateToW3c('2026-06-15')).toBe('2026-06-15T00:00:00+02:00');
    expect(startOfCivilDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfCivilDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('parses W3C datetimes with a zone and complete dates, and refuses times without a zone', () => {
    expect(parseW3c('2010-01-01T00:00:00Z')).toEqual({ kind: 'instant', at: new Date('2010-01-01T00:00:00Z') });
    expect(parseW3c('1994-11-05T08:15:30-05:00')).toEqual({ kind: 'instant', at: new Date('1994-11-05T13:15:30Z') });
    expect(parseW3c('1994-11-05T08:15+01:00')).toEqual({ kind: 'instant', at: new Date('1994-11-05T07:15:00Z') });
    expect(parseW3c('1994-11-05T08:15:30.45Z')).toEqual({ kind: 'instant', at: new Date('1994-11-05T08:15:30.450Z') });
    expect(parseW3c('2026-11-28')).toEqual({ kind: 'date', date: '2026-11-28' });
    expect(parseW3c('2026-11-28T08:15:30')).toBeUndefined();
    expect(parseW3c('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(parseW3c('2026-02-29')).toBeUndefined();
    expect(parseW3c('2026-11-28T24:00:00Z')).toBeUndefined();
  });
});

const category: Category = { code: 'groen', nameNl: 'Boomtak / groen', nameEn: 'Tree branch / greenery', department: 'Beheer openbare ruimte', slaWorkingDays: 5 };
const source = (status: ReportStatus, followUpDate: string | null = null) => ({
  number: 'M-000042',
  category: 'groen',
  status,
  description: 'Boomtak hangt laag',
  address: 'Lange Voorhout 34',
  lat: 52.0799,
  lng: 4.3113,
  createdAt: '2026-11-28T20:04:05.000Z',
  updatedAt: '2026-11-29T09:00:00.000Z',
  followUpDate,
  slaDeadline: '2026-12-05T16:00:00.000Z',
  mediaUrl: null,
});

describe('status mapping', () => {
  it('is closed only for closed; every other status is open for the citizen', () => {
    const statuses: ReportStatus[] = ['new', 'triaged', 'dispatched', 'in_progress', 'awaiting_review', 'scheduled', 'reopen_requested'];
    for (const s of statuses) expect(publicStatus(s)).toBe('open');
    expect(publicStatus('closed')).toBe('closed');
  });

  it('scheduled is open with expected_datetime at the follow-up date', () => {
    const request = toServiceRequest(source('scheduled', '2027-01-15'), category, 'Ingepland', 'nl');
    expect(request.status).toBe('open');
    expect(request.expected_datetime).toBe('2027-01-15T00:00:00+01:00');
    expect(request.status_notes).toBe('Ingepland');
  });

  it('expects the handling deadline while first handled, nothing once closed or reopen-requested', () => {
    expect(expectedDatetime(source('new'))).toBe('2026-12-05T17:00:00+01:00');
    expect(expectedDatetime(source('closed'))).toBeNull();
    expect(expectedDatetime(source('reopen_requested'))).toBeNull();
  });

  it('maps every field of a service request', () => {
    const request = toServiceRequest(source('closed'), category, null, 'en');
    expect(request).toEqual({
      service_request_id: 'M-000042',
      status: 'closed',
      status_notes: null,
      service_name: 'Tree branch / greenery',
      service_code: 'groen',
      description: 'Boomtak hangt laag',
      agency_responsible: 'Beheer openbare ruimte',
      service_notice: expect.stringContaining('5 working days'),
      requested_datetime: '2026-11-28T21:04:05+01:00',
      updated_datetime: '2026-11-29T10:00:00+01:00',
      expected_datetime: null,
      address: 'Lange Voorhout 34',
      address_id: null,
      zipcode: null,
      lat: 52.0799,
      long: 4.3113,
      media_url: null,
    });
  });

  it('takes the citizen status link and access code out of public status notes', () => {
    const text = 'Beste melder,\n\nVolg uw melding op http://hub.example/status/AbC_def-123456789012345678. Uw code: K7PQ2X.';
    const notes = publicNotes(text, { token: 'AbC_def-123456789012345678', code: 'K7PQ2X' }, 'http://hub.example/status');
    expect(notes).toBe('Beste melder,\n\nVolg uw melding op http://hub.example/status. Uw code: ******.');
    expect(notes).not.toContain('AbC_def');
  });
});

describe('error mapping', () => {
  it('keeps Open311 refusals and maps command errors to the spec codes', () => {
    expect(toOpen311Error(new Open311Error(403, 'api_key was not provided')).error.entries()).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    expect(toOpen311Error(new CommandError('not_found', commandText('command.report.not_found'))).error.status).toBe(404);
    const validation = toOpen311Error(
      new CommandError('validation', inputText('input.invalid'), {
        'reporter.email': inputText('input.email_invalid'),
        'location.lat': inputText('input.too_big', { maximum: 90 }),
      }),
    ).error;
    expect(validation.status).toBe(400);
    expect(validation.entries()).toEqual([
      { code: 400, description: 'email: Ongeldig e-mailadres' },
      { code: 400, description: 'lat: Te groot: hoogstens 90' },
    ]);
  });

  it('answers Fastify refusals with 400 and anything unexpected as a general service error', () => {
    const unsupported = Object.assign(new Error('Unsupported Media Type: multipart/form-data'), { statusCode: 415 });
    expect(toOpen311Error(unsupported)).toMatchObject({ error: { status: 400 }, unexpected: false });
    const crash = toOpen311Error(new Error('database is locked'));
    expect(crash.unexpected).toBe(true);
    expect(crash.error.status).toBe(400);
    expect(crash.error.message).toMatch(/General service error/);
    expect(crash.error.message).not.toMatch(/database/);
  });

  it('renders errors as <errors><error> in XML and an array in JSON', () => {
    const entries = new Open311Error(400, ['service_code was not provided', 'lat & long <both>']).entries();
    const xml = serialize('xml', { kind: 'errors', body: entries });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<errors>')).toBe(true);
    expect(xml).toContain('lat &amp; long &lt;both&gt;');
    expect(parser.parse(xml)).toEqual({
      errors: {
        error: [
          { code: '400', description: 'service_code was not provided' },
          { code: '400', description: 'lat & long <both>' },
        ],
      },
    });
    expect(JSON.parse(serialize('json', { kind: 'errors', body: entries }))).toEqual([
      { code: 400, description: 'service_code was not provided' },
      { code: 400, description: 'lat & long <both>' },
    ]);
  });

  it('drops characters XML 1.0 cannot carry, keeps the rest of UTF-8', () => {
    const xml = serialize('xml', { kind: 'errors', body: [{ code: 400, description: 'bel\u0007 é ™ 🚲' }] });
    expect(parser.parse(xml).errors.error[0].description).toBe('bel é ™ 🚲');
  });

  it('picks the format from the path and names the spec content types', () => {
    expect(formatOfUrl('/open311/v2/requests.json?status=open')).toBe('json');
    expect(formatOfUrl('/open311/v2/requests.xml')).toBe('xml');
    expect(formatOfUrl('/open311/v2/unknown')).toBe('xml');
    expect(CONTENT_TYPE).toEqual({ xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' });
  });
});

describe('rate limit per api key', () => {
  it('allows `limit` hits in a sliding window, then says when the next fits', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now);
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 });
    now = 10_000;
    limiter.hit('a');
    now = 20_000;
    limiter.hit('a');
    expect(limiter.hit('b').allowed).toBe(true);
    now = 30_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now = 60_001;
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(false);
  });
});
