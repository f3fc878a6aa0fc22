import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import type { Open311ErrorEntry } from './errors';
import { XML_FORBIDDEN, xmlList } from './xml-list';

/**
 * GeoReport v2 bodies in both formats. JSON follows the spec's Spark convention (a container element
 * becomes an array, an empty element null); XML has no namespace and starts with the UTF-8 declaration.
 */

export type Format = 'xml' | 'json';
export const FORMATS: readonly Format[] = ['xml', 'json'];

export const CONTENT_TYPE: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface DiscoveryDocument {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}

export interface ServiceEntry {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface AttributeEntry {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface ServiceDefinitionDocument {
  service_code: string;
  attributes: AttributeEntry[];
}

export interface ServiceRequestEntry {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  /** null in a public answer about a sensitive category (README "Open311"). */
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  /** Only with `extensions=true` (mySociety's extension): the extended status (http/open311/updates.ts). */
  extended_attributes?: { status: string; external_status_code: string };
}

/** One update of mySociety's servicerequestupdates extension. */
export interface RequestUpdateEntry {
  update_id: string;
  service_request_id: string;
  status: string;
  updated_datetime: string;
  description: string;
  media_url: string | null;
  external_status_code: string;
}

export interface CreatedEntry {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface TokenEntry {
  service_request_id: string;
  token: string;
}

export type Open311Document =
  | { kind: 'discovery'; body: DiscoveryDocument }
  | { kind: 'services'; body: ServiceEntry[] }
  | { kind: 'service_definition'; body: ServiceDefinitionDocument }
  | { kind: 'service_requests'; body: (ServiceRequestEntry | CreatedEntry | TokenEntry)[] }
  | { kind: 'errors'; body: Open311ErrorEntry[] }
  | { kind: 'request_updates'; body: RequestUpdateEntry[] }
  | { kind: 'posted_updates'; body: { update_id: string }[] };

/** The XML tree for fast-xml-parser's builder: containers hold their repeated child element. */
function xmlTree(doc: Open311Document): Record<string, unknown> {
  switch (doc.kind) {
    case 'discovery':
      return {
        discovery: {
          ...doc.body,
          endpoints: { endpoint: doc.body.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
        },
      };
    case 'services':
      return { services: { service: doc.body } };
    case 'service_definition':
      return {
        service_definition: {
          service_code: doc.body.service_code,
          attributes: { attribute: doc.body.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
        },
      };
    case 'service_requests':
      return { service_requests: { request: doc.body } };
    case 'errors':
      return { errors: { error: doc.body } };
    // The extension's element names as FixMyStreet reads them (GET and POST answers differ in their root).
    case 'request_updates':
      return { service_requests_updates: { request_update: doc.body } };
    case 'posted_updates':
      return { service_request_updates: { request_update: doc.body } };
  }
}

function xmlSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(XML_FORBIDDEN, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function serialize(format: Format, doc: Open311Document): string {
  if (format === 'json') return JSON.stringify(doc.body);
  // The long lists (the status poll's requests) as strings; the same text as the builder's (xml-list.ts).
  const list = doc.kind === 'service_requests' ? xmlList('service_requests', 'request', doc.body) : undefined;
  return `${XML_DECLARATION}${list ?? builderXml(doc)}`;
}

/** The document as fast-xml-parser's builder writes it (without the declaration). */
export function builderXml(doc: Open311Document): string {
  return builder.build(xmlSafe(xmlTree(doc)));
}

export function sendDocument(reply: FastifyReply, format: Format, doc: Open311Document, status = 200): FastifyReply {
  return reply.status(status).header('content-type', CONTENT_TYPE[format]).send(serialize(format, doc));
}

/** The format a path asks for: `.json` means JSON, anything else gets the spec's required format, XML. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}
