import { z } from 'zod';
import { Open311Error } from './errors';
import type { Locale } from './service-attributes';
import { parseW3c, startOfCivilDay } from './w3c';

/**
 * Parameter parsing for GeoReport v2, pure. Form and query values arrive as strings, or arrays of strings
 * when a name is repeated. "Optional" follows the spec: an empty value is the same as no value.
 */

type RawValue = string | string[] | undefined;
export type RawParams = Record<string, unknown>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
/** Ids one `service_request_id` list may name (FixMyStreet's status poll sends every id it tracks in one GET). */
export const MAX_IDS = 20_000;
/** `media_url` given more than once (FixMyStreet with several photos): at most this many are kept. */
export const MAX_MEDIA_URLS = 10;

function valuesOf(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw.flatMap(valuesOf);
  return [String(raw)];
}

/** One value or none; the same name sent twice with different values is a bad request. */
export function single(params: RawParams, name: string, problems: string[]): string | undefined {
  const values = [...new Set(valuesOf(params[name] as RawValue).map((v) => v.trim()))].filter((v) => v.length > 0);
  if (values.length > 1) {
    problems.push(`${name} was given more than once`);
    return undefined;
  }
  return values[0];
}

export function withinLength(name: string, value: string | undefined, max: number, problems: string[]): string | undefined {
  if (value !== undefined && value.length > max) {
    problems.push(`${name} is longer than ${max.toLocaleString('en')} characters`);
    return undefined;
  }
  return value;
}

function coordinate(name: 'lat' | 'long', value: string, problems: string[]): number | undefined {
  const limit = name === 'lat' ? 90 : 180;
  if (!NUMBER.test(value)) {
    problems.push(`${name} must be a decimal number (WGS84), got "${value}"`);
    return undefined;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n < -limit || n > limit) {
    problems.push(`${name} must be between -${limit} and ${limit}, got ${value}`);
    return undefined;
  }
  return n;
}

const ATTRIBUTE_KEY = /^attribute\[([^[\]]*)\](\[\d*\])?$/;

/**
 * `attribute[code]=v` and the multi-value forms `attribute[code][]=v1&attribute[code][]=v2` (also indexed
 * `[0]`, `[1]`, and a repeated `attribute[code]`), from the flat keys of a urlencoded body.
 */
export function parseAttributeParams(params: RawParams, problems: string[] = []): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const [key, raw] of Object.entries(params)) {
    if (key !== 'attribute' && !key.startsWith('attribute[')) continue;
    const match = ATTRIBUTE_KEY.exec(key);
    const code = match?.[1]?.trim();
    if (!match || !code) {
      problems.push(`${key} is not a valid attribute parameter; use attribute[code]=value or attribute[code][]=value`);
      continue;
    }
    attributes.set(code, [...(attributes.get(code) ?? []), ...valuesOf(raw)]);
  }
  return attributes;
}

export interface CreateParams {
  serviceCode: string;
  /** Absent when only address_string was sent. */
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  attributes: Map<string, string[]>;
  email?: string;
  deviceId?: string;
  accountId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  description?: string;
  /** Every media_url sent, in order (a client may send it more than once). */
  mediaUrls: string[];
  title?: string;
}

/**
 * The POST requests parameters. Meldkamer needs a point on the map: lat and long, or an address_string that the
 * hub's address search resolves to exactly one address (http/open311/locate.ts); address_string is kept as the text. Throws Open311Error 400 listing every problem.
 */
export function parseCreateParams(params: RawParams): CreateParams {
  const problems: string[] = [];
  const serviceCode = single(params, 'service_code', problems);
  if (serviceCode === undefined && !problems.some((p) => p.startsWith('service_code'))) problems.push('service_code was not provided');

  const latText = single(params, 'lat', problems);
  const longText = single(params, 'long', problems);
  const addressString = withinLength('address_string', single(params, 'address_string', problems), 300, problems);
  const addressId = withinLength('address_id', single(params, 'address_id', problems), 200, problems);
  let lat: number | undefined;
  let long: number | undefined;
  if (latText !== undefined && longText !== undefined) {
    lat = coordinate('lat', latText, problems);
    long = coordinate('long', longText, problems);
  } else if (latText !== undefined || longText !== undefined) {
    problems.push('lat and long must both be sent');
  } else if (addressString !== undefined) {
    // Placed by the hub's address search when it names exactly one address (http/open311/locate.ts).
  } else if (addressId !== undefined) {
    problems.push('lat and long are required: this server cannot look up address_id on the map; send lat and long, or an address_string');
  } else {
    problems.push('A location is required: send lat and long');
  }

  const email = withinLength('email', single(params, 'email', problems), 320, problems);
  if (email !== undefined && !z.email().safeParse(email).success) problems.push(`email is not a valid e-mail address: "${email}"`);
  const phone = single(params, 'phone', problems);
  if (phone !== undefined && !PHONE.test(phone)) problems.push(`phone is not a valid phone number: "${phone}"`);
  const mediaUrls = [...new Set(valuesOf(params.media_url).map((v) => v.trim()))].filter((v) => v.length > 0);
  if (mediaUrls.length > MAX_MEDIA_URLS) problems.push(`media_url is given ${mediaUrls.length} times; at most ${MAX_MEDIA_URLS}`);
  for (const mediaUrl of mediaUrls) {
    if (mediaUrl.length > 2000) problems.push('media_url is longer than 2,000 characters');
    else if (!/^https?:\/\/\S+$/i.test(mediaUrl)) problems.push(`media_url must be an http(s) URL, got "${mediaUrl.slice(0, 100)}"`);
  }
  const description = withinLength('description', single(params, 'description', problems), 4000, problems);
  const attributes = parseAttributeParams(params, problems);

  const result: CreateParams = {
    serviceCode: serviceCode ?? '',
    ...(lat !== undefined && long !== undefined ? { lat, long } : {}),
    attributes,
    mediaUrls,
  };
  const optional = {
    addressString,
    addressId,
    email,
    phone,
    description,
    title: withinLength('title', single(params, 'title', problems), 200, problems),
    deviceId: withinLength('device_id', single(params, 'device_id', problems), 200, problems),
    accountId: withinLength('account_id', single(params, 'account_id', problems), 200, problems),
    firstName: withinLength('first_name', single(params, 'first_name', problems), 100, problems),
    lastName: withinLength('last_name', single(params, 'last_name', problems), 100, problems),
  };
  if (problems.length > 0) throw new Open311Error(400, problems);
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (result as unknown as Record<string, string>)[key] = value;
  }
  return result;
}

/** The api_key of a POST body, or undefined when missing or empty. */
export function apiKeyOf(params: RawParams): string | undefined {
  const values = valuesOf(params.api_key).map((v) => v.trim()).filter((v) => v.length > 0);
  return values.length === 1 ? values[0] : undefined;
}

/** A service_request_id: the report number as we hand it out ("M-000123"), or just its digits. */
export function parseRequestId(text: string): number | undefined {
  const match = /^(?:M-?)?0*(\d{1,12})$/i.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export type PublicStatus = 'open' | 'closed';

export interface ListQuery {
  /** Given: only these reports, every other filter ignored (the spec: "this overrides all other arguments"). */
  numbers?: number[];
  serviceCodes?: string[];
  statuses?: PublicStatus[];
  /** requested_datetime range, inclusive, as ISO instants (UTC). */
  from: string;
  to: string;
  limit: number;
}

/** Comma lists and repeated parameters alike: `status=open,closed` or `status=open&status=closed`. */
function list(params: RawParams, name: string): string[] {
  return [
    ...new Set(
      valuesOf(params[name])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ),
  ];
}

export function bound(name: 'start_date' | 'end_date', params: RawParams, problems: string[]): Date | undefined {
  const text = single(params, name, problems);
  if (text === undefined) return undefined;
  // Strict, unlike attribute answers: a window without a zone would be an hour off for half the year.
  const parsed = parseW3c(text);
  if (!parsed) {
    problems.push(`${name} must be a W3C datetime with a zone, e.g. 2010-01-01T00:00:00Z (got "${text}")`);
    return undefined;
  }
  if (parsed.kind === 'instant') return parsed.at;
  // A bare date covers that whole day in the city's time zone.
  const start = startOfCivilDay(parsed.date);
  if (name === 'start_date') return start;
  const next = new Date(Date.UTC(Number(parsed.date.slice(0, 4)), Number(parsed.date.slice(5, 7)) - 1, Number(parsed.date.slice(8, 10)) + 1));
  return new Date(startOfCivilDay(next.toISOString().slice(0, 10)).getTime() - 1);
}

/**
 * GET requests filters. Without dates the window is the last 90 days; with one date it is the 90 days
 * from (or up to) it; two dates may not span more than 90 days. At most 1,000 requests, newest first.
 */
export function parseListQuery(params: RawParams, now: Date): ListQuery {
  const problems: string[] = [];
  const ids = list(params, 'service_request_id');
  if (ids.length > 0) {
    const numbers: number[] = [];
    for (const id of ids) {
      const n = parseRequestId(id);
      if (n === undefined) problems.push(`service_request_id "${id}" is not a valid service request id`);
      else numbers.push(n);
    }
    if (problems.length > 10) problems.splice(10, problems.length - 10, `… and ${problems.length - 10} more invalid ids`);
    if (numbers.length > MAX_IDS) problems.push(`service_request_id lists at most ${MAX_IDS.toLocaleString('en')} ids, got ${numbers.length.toLocaleString('en')}`);
    if (problems.length > 0) throw new Open311Error(400, problems);
    const unique = [...new Set(numbers)];
    return { numbers: unique, from: '', to: '', limit: unique.length };
  }

  const statuses = list(params, 'status');
  for (const s of statuses) if (s !== 'open' && s !== 'closed') problems.push(`status must be open or closed, got "${s}"`);
  const serviceCodes = list(params, 'service_code');
  const start = bound('start_date', params, problems);
  const end = bound('end_date', params, problems);
  const window = DEFAULT_WINDOW_DAYS * DAY_MS;
  let from: Date;
  let to: Date;
  if (start && end) {
    from = start;
    to = end;
    if (to < from) problems.push('end_date is before start_date');
    else if (to.getTime() - from.getTime() > window) problems.push(`start_date and end_date may not span more than ${DEFAULT_WINDOW_DAYS} days`);
  } else if (start) {
    from = start;
    to = new Date(start.getTime() + window);
  } else if (end) {
    to = end;
    from = new Date(end.getTime() - window);
  } else {
    to = now;
    from = new Date(now.getTime() - window);
  }
  if (problems.length > 0) throw new Open311Error(400, problems);
  return {
    ...(serviceCodes.length > 0 ? { serviceCodes } : {}),
    ...(statuses.length > 0 ? { statuses: statuses as PublicStatus[] } : {}),
    from: from.toISOString(),
    to: to.toISOString(),
    limit: MAX_RESULTS,
  };
}

/**
 * Names and messages in Dutch unless the client prefers English (Accept-Language, by q-value).
 * Not part of GeoReport v2; a client that sends nothing gets the city's language.
 */
export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'nl';
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'nl' || tag.startsWith('nl-')) return 'nl';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'nl';
}
