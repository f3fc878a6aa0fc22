import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { builderXml, type Open311Document, type ServiceRequestEntry, serialize } from '../../server/http/open311/render';
import { seededRandom } from '../support/seeded-random';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe('Open311 request lists written as XML strings (server/http/open311/xml-list.ts)', () => {
  it('give exactly the builder’s text, on 3,000 random requests with entities, forbidden characters and nulls', () => {
    const next = seededRandom(20_261_130);
    // Entities, characters XML 1.0 forbids (control characters, lone surrogates), line breaks, an entity written out.
    const alphabet = ['a', 'Z', ' ', '\n', '\t', '&', '<', '>', '"', "'", '&amp;', ']]>', '\u0000', '\u0008', '\u000b', '\uffff', '\ud800', '\udc00', '😀', 'é', '€'];
    const text = () => Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)] ?? 'a').join('');
    const maybe = () => (next() < 0.3 ? null : text());
    const body: ServiceRequestEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      service_request_id: `M-${String(i).padStart(6, '0')}`,
      status: next() < 0.5 ? 'open' : 'closed',
      status_notes: maybe(),
      service_name: text(),
      service_code: text(),
      description: maybe(),
      agency_responsible: maybe(),
      service_notice: maybe(),
      requested_datetime: '2026-11-28T21:04:05+01:00',
      updated_datetime: text(),
      expected_datetime: maybe(),
      address: maybe(),
      address_id: null,
      zipcode: null,
      lat: Math.round((52 + next()) * 1e6) / 1e6,
      long: -next(),
      media_url: maybe(),
      ...(next() < 0.5 ? { extended_attributes: { status: text(), external_status_code: text() } } : {}),
    }));
    const doc: Open311Document = { kind: 'service_requests', body };
    const written = serialize('xml', doc);
    expect(written).toBe(DECLARATION + builderXml(doc));
    // And it is XML a parser reads back to the same number of requests.
    const parsed = new XMLParser().parse(written) as { service_requests: { request: unknown[] } };
    expect(parsed.service_requests.request).toHaveLength(3000);
  });

  it('give the builder’s text for an empty list, a single request and the answers to a POST', () => {
    const docs: Open311Document[] = [
      { kind: 'service_requests', body: [] },
      { kind: 'service_requests', body: [{ service_request_id: 'M-000001', service_notice: null, account_id: 'a&b' }] },
      { kind: 'service_requests', body: [{ service_request_id: 'M-000001', token: 'x' }] },
    ];
    for (const doc of docs) expect(serialize('xml', doc)).toBe(DECLARATION + builderXml(doc));
  });
});
