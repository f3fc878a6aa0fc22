import { describe, expect, it } from 'vitest';
import { Open311Error } from '../../server/http/open311/errors';
import {
  apiKeyOf,
  localeOf,
  parseAttributeParams,
  parseCreateParams,
  parseListQuery,
  parseRequestId,
} from '../../server/http/open311/params';
import { describeAnswers, validateAttributes } from '../../server/http/open311/service-attributes';
import { extendedStatus, publicDescription } from '../../server/http/open311/updates';
import { parseLocalDateTime } from '../../server/http/open311/w3c';

function refusal(fn: () => unknown): Open311Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Open311Error) return err;
    throw err;
  }
  throw new Error('expected an Open311Error');
}

const base = { service_code: 'afval', lat: '52.0799', long: '4.3113' };

describe('Open311 POST parameters', () => {
  it('parses a complete request with location, contact and optional fields', () => {
    const params = parseCreateParams({
      ...base,
      address_string: 'Lange Voorhout 34, Den Haag',
      email: 'melder@example.nl',
      phone: '+31 6 1234 5678',
      first_name: 'Jan',
      last_name: 'Jansen',
      description: 'Zakken naast de container',
      media_url: 'https://example.org/foto.jpg',
      device_id: 'dev-1',
      account_id: 'acc-9',
      jurisdiction_id: 'denhaag.nl',
    });
    expect(params).toMatchObject({
      serviceCode: 'afval',
      lat: 52.0799,
      long: 4.3113,
      addressString: 'Lange Voorhout 34, Den Haag',
      email: 'melder@example.nl',
      firstName: 'Jan',
      lastName: 'Jansen',
      mediaUrls: ['https://example.org/foto.jpg'],
      deviceId: 'dev-1',
      accountId: 'acc-9',
    });
  });

  it('treats empty optional parameters as not given', () => {
    const params = parseCreateParams({ ...base, email: '', description: '  ', address_string: '' });
    expect(params.email).toBeUndefined();
    expect(params.description).toBeUndefined();
    expect(params.addressString).toBeUndefined();
  });

  it('requires service_code', () => {
    const error = refusal(() => parseCreateParams({ lat: '52', long: '4' }));
    expect(error.status).toBe(400);
    expect(error.descriptions).toContain('service_code was not provided');
  });

  it.each([
    [{ lat: 'abc', long: '4.3' }, /lat must be a decimal number/],
    [{ lat: '95', long: '4.3' }, /lat must be between -90 and 90/],
    [{ lat: '52', long: '-181' }, /long must be between -180 and 180/],
    [{ lat: '52' }, /lat and long must both be sent/],
    [{ lat: '1e3', long: '4' }, /lat must be a decimal number/],
    [{ address_id: '0518200000747446' }, /lat and long are required/],
    [{}, /A location is required/],
  ])('refuses location %j', (location, message) => {
    const error = refusal(() => parseCreateParams({ service_code: 'afval', ...location }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('accepts an address_string alone without a point: the hub\'s address search places it (http/open311/locate.ts, issue 12)', () => {
    const params = parseCreateParams({ service_code: 'afval', address_string: 'Spui 70' });
    expect(params.lat).toBeUndefined();
    expect(params.long).toBeUndefined();
    expect(params.addressString).toBe('Spui 70');
  });

  it('accepts negative and integer coordinates', () => {
    expect(parseCreateParams({ service_code: 'x', lat: '-33', long: '-70.5' })).toMatchObject({ lat: -33, long: -70.5 });
  });

  it('lists every problem at once', () => {
    const error = refusal(() => parseCreateParams({ lat: 'x', long: '4', email: 'not-an-email', phone: 'call me', media_url: 'ftp://x' }));
    expect(error.descriptions).toHaveLength(5);
    expect(error.descriptions.join('\n')).toMatch(/service_code.*\n.*lat.*\n.*email.*\n.*phone.*\n.*media_url/s);
  });

  it('refuses a parameter given twice with different values, and a description over 4,000 characters', () => {
    expect(refusal(() => parseCreateParams({ ...base, service_code: ['afval', 'groen'] })).message).toMatch(/service_code was given more than once/);
    expect(refusal(() => parseCreateParams({ ...base, description: 'x'.repeat(4001) })).message).toMatch(/description is longer than 4,000/);
  });

  it('takes api_key from the body, only once', () => {
    expect(apiKeyOf({ api_key: ' mk311_abc ' })).toBe('mk311_abc');
    expect(apiKeyOf({ api_key: '' })).toBeUndefined();
    expect(apiKeyOf({})).toBeUndefined();
    expect(apiKeyOf({ api_key: ['a', 'b'] })).toBeUndefined();
  });
});

describe('Open311 attribute parameters', () => {
  it('reads attribute[code], attribute[code][] and indexed multi-values from flat form keys', () => {
    const attributes = parseAttributeParams({
      'attribute[soort]': 'grofvuil',
      'attribute[hinder][]': ['stank', 'ongedierte'],
      'attribute[extra][0]': 'a',
      'attribute[extra][1]': 'b',
      'attribute[single][]': 'only',
      attributes_unrelated: 'x',
      service_code: 'afval',
    });
    expect(Object.fromEntries(attributes)).toEqual({
      soort: ['grofvuil'],
      hinder: ['stank', 'ongedierte'],
      extra: ['a', 'b'],
      single: ['only'],
    });
  });

  it('reports malformed attribute keys', () => {
    const problems: string[] = [];
    parseAttributeParams({ 'attribute[]': 'x', 'attribute[a][b]': 'y', attribute: 'z' }, problems);
    expect(problems).toHaveLength(3);
  });

  it('validates against the service definition: required, allowed keys, types', () => {
    const ok = validateAttributes('afval', new Map([['soort', ['grofvuil']], ['hinder', ['stank', 'ongedierte', 'stank']]]));
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.answers.map((a) => [a.code, a.values])).toEqual([
        ['soort', ['grofvuil']],
        ['hinder', ['stank', 'ongedierte']],
      ]);
      expect(describeAnswers(ok.answers)).toBe('Soort afval: Grofvuil (meubels, matrassen); Hinder: Stank, Ongedierte');
    }

    const problems = (raw: [string, string[]][], service = 'afval') => {
      const result = validateAttributes(service, new Map(raw));
      return result.ok ? [] : result.problems.map((p) => p.description);
    };
    expect(problems([])).toEqual(['attribute[soort] is required for service afval']);
    expect(problems([['soort', ['']]])).toEqual(['attribute[soort] is required for service afval']);
    expect(problems([['soort', ['kga']]])[0]).toMatch(/no value "kga"; allowed: huisvuil, grofvuil, bedrijfsafval/);
    expect(problems([['soort', ['huisvuil', 'grofvuil']]])[0]).toMatch(/takes one value \(singlevaluelist\), got 2/);
    // Codes the definition does not list are kept as extras, not refused (FixMyStreet adds its own).
    expect(problems([['soort', ['huisvuil']], ['kleur', ['rood']]])).toEqual([]);
    const kept = validateAttributes('afval', new Map([['soort', ['huisvuil']], ['fixmystreet_id', ['4711']], ['leeg', ['']]]));
    expect(kept.ok && kept.extras).toEqual([{ code: 'fixmystreet_id', values: ['4711'] }]);
    expect(problems([['aantal', ['drie']]], 'zwerffiets')[0]).toMatch(/must be a number/);
    expect(problems([['aantal', ['2.5']]], 'zwerffiets')[0]).toMatch(/whole number/);
    expect(problems([['aantal', ['0']]], 'zwerffiets')[0]).toMatch(/at least 1/);
    expect(problems([['aantal', ['3']], ['werkwijze', ['x']]], 'zwerffiets')[0]).toMatch(/information only/);
    expect(problems([['kenteken', ['AB\n12']]], 'parkeren')[0]).toMatch(/line breaks/);
    expect(problems([['sinds', ['gisteren']]], 'parkeren')[0]).toMatch(/ISO 8601/);
    expect(problems([['sinds', ['2026-11-28T08:30:00+01:00']]], 'parkeren')).toEqual([]);
    expect(problems([['x', ['y']]], 'groen')).toEqual([]);
    expect(problems([['sinds', ['2026-11-28T08:30']]], 'parkeren')).toEqual([]);
  });
});

describe('Open311 GET requests filters', () => {
  const now = new Date('2026-11-28T20:04:05Z');

  it('defaults to the last 90 days and 1,000 requests', () => {
    const q = parseListQuery({}, now);
    expect(q.to).toBe(now.toISOString());
    expect(q.from).toBe('2026-08-30T20:04:05.000Z');
    expect(q.limit).toBe(1000);
    expect(q.numbers).toBeUndefined();
  });

  it('reads comma lists and repeated parameters for service_code and status', () => {
    const q = parseListQuery({ service_code: ['afval,parkeren', 'groen'], status: 'open,closed' }, now);
    expect(q.serviceCodes).toEqual(['afval', 'parkeren', 'groen']);
    expect(q.statuses).toEqual(['open', 'closed']);
  });

  it('lets service_request_id override every other filter', () => {
    const q = parseListQuery({ service_request_id: 'M-000012, 7,M000012', status: 'nonsense', start_date: 'x' }, now);
    expect(q.numbers).toEqual([12, 7]);
  });

  it('takes W3C datetimes with a zone, and bare dates as whole days in Amsterdam', () => {
    const q = parseListQuery({ start_date: '2026-10-01T00:00:00+02:00', end_date: '2026-10-31' }, now);
    expect(q.from).toBe('2026-09-30T22:00:00.000Z');
    expect(q.to).toBe('2026-10-31T22:59:59.999Z');
    const one = parseListQuery({ start_date: '2026-01-01T00:00:00Z' }, now);
    expect(one.to).toBe('2026-04-01T00:00:00.000Z');
    const other = parseListQuery({ end_date: '2026-04-01T00:00:00Z' }, now);
    expect(other.from).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([
    [{ status: 'pending' }, /status must be open or closed/],
    [{ start_date: '2026-10-01T00:00:00' }, /start_date must be a W3C datetime with a zone/],
    [{ end_date: 'yesterday' }, /end_date must be a W3C datetime/],
    [{ start_date: '2026-02-30' }, /start_date must be/],
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, /may not span more than 90 days/],
    [{ start_date: '2026-06-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, /end_date is before start_date/],
    [{ service_request_id: 'M-12,abc' }, /"abc" is not a valid service request id/],
  ])('refuses %j with 400', (query, message) => {
    const error = refusal(() => parseListQuery(query, now));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('reads service_request_ids as report numbers', () => {
    expect(parseRequestId('M-000123')).toBe(123);
    expect(parseRequestId('m123')).toBe(123);
    expect(parseRequestId('123')).toBe(123);
    expect(parseRequestId('M-0')).toBeUndefined();
    expect(parseRequestId('X-1')).toBeUndefined();
    expect(parseRequestId('1; drop table')).toBeUndefined();
  });
});

describe('Open311 locale', () => {
  it('is Dutch unless the client prefers English', () => {
    expect(localeOf(undefined)).toBe('nl');
    expect(localeOf('en-GB,en;q=0.9')).toBe('en');
    expect(localeOf('nl-NL,en;q=0.5')).toBe('nl');
    expect(localeOf('de, en;q=0.8, nl;q=0.9')).toBe('nl');
    expect(localeOf('fr')).toBe('nl');
    expect(localeOf('nl;q=0, en')).toBe('en');
  });
});

describe('Open311 for FixMyStreet, pure parts', () => {
  it('reads a datetime without a zone as Amsterdam time: the gap moves forward, the overlap takes the first', () => {
    expect(parseLocalDateTime('2026-11-28T08:30')?.toISOString()).toBe('2026-11-28T07:30:00.000Z');
    expect(parseLocalDateTime('2026-07-01T12:00:15')?.toISOString()).toBe('2026-07-01T10:00:15.000Z');
    expect(parseLocalDateTime('2026-03-29T02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parseLocalDateTime('2026-10-25T02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parseLocalDateTime('2026-10-25T03:30')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
    expect(parseLocalDateTime('2026-02-30T08:30')).toBeUndefined();
    expect(parseLocalDateTime('2026-11-28T08:30Z')).toBeUndefined();
  });

  it('maps every status and outcome to the extension', () => {
    expect(extendedStatus('new', null)).toBe('OPEN');
    expect(extendedStatus('reopen_requested', 'referred')).toBe('OPEN');
    expect(extendedStatus('triaged', null)).toBe('INVESTIGATING');
    for (const s of ['dispatched', 'in_progress', 'awaiting_review'] as const) expect(extendedStatus(s, null)).toBe('IN_PROGRESS');
    expect(extendedStatus('scheduled', null)).toBe('ACTION_SCHEDULED');
    expect(extendedStatus('closed', 'resolved')).toBe('FIXED');
    expect(extendedStatus('closed', 'referred')).toBe('NOT_COUNCILS_RESPONSIBILITY');
    expect(extendedStatus('closed', 'referred', true)).toBe('INTERNAL_REFERRAL');
    expect(extendedStatus('closed', 'no_action')).toBe('NO_FURTHER_ACTION');
    expect(extendedStatus('closed', 'not_found')).toBe('NO_FURTHER_ACTION');
    expect(extendedStatus('closed', 'duplicate')).toBe('DUPLICATE');
    expect(extendedStatus('closed', 'cancelled')).toBe('CLOSED');
  });

  it('makes a message public: no greeting, name, code or personal link, whatever the template', () => {
    const text = [
      'Beste Jan de Vries,',
      '',
      'Bedankt voor uw melding M-000123. Jan, wij zijn gaan kijken.',
      'Hoe het met uw melding staat, ziet u op https://meldkamer.example/status/AbCdEfGhIjKlMnOp',
      'Uw code is K7Q2M9, voor als u uw melding opzoekt.',
      '',
      '',
      'Dat gebeurt op 14 december 2026.',
    ].join('\n');
    const out = publicDescription(text, { token: 'AbCdEfGhIjKlMnOp', code: 'K7Q2M9', names: ['Jan de Vries'] });
    expect(out.startsWith('Bedankt voor uw melding M-000123.')).toBe(true);
    expect(out.endsWith('\n\nDat gebeurt op 14 december 2026.')).toBe(true);
    expect(out).not.toMatch(/\n{3}/);
    for (const secret of ['Jan', 'Vries', 'AbCdEf', 'K7Q2M9', 'Beste', '/status/']) expect(out).not.toContain(secret);
  });
});
