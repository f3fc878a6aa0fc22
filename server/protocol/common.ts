import { z } from 'zod';

export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * The id of a stored thing (report, message, API key, template, …) as a path parameter and in a command's
 * input: one bound for both, so an unknown id is answered 404 whichever layer looks first, never a 422.
 */
export const EntityId = z.string().min(1).max(200);

/** A number in a query string: empty is missing (never 0), and a repeated parameter is no number. */
export function queryNumber(schema: z.ZodNumber) {
  return z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v), schema);
}

export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

/**
 * A human text from the domain (server/domain/domain-text.ts): a catalogue code, its parameters and
 * the Dutch text for API clients. A parameter that needs translating itself is a nested DomainText.
 */
export interface DomainText {
  code: string;
  params: Record<string, DomainTextParam>;
  message: string;
}
export type DomainTextParam = string | number | DomainText;
export const DomainText: z.ZodType<DomainText> = z.object({
  code: z.string(),
  params: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.lazy(() => DomainText)]),
  ),
  message: z.string(),
});

/** The error shape of every failed ack and every 4xx/5xx body of the console API. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  /** Field path (dot-joined) -> human-readable message, for forms. */
  fields: z.record(z.string(), z.string()).optional(),
  /** `message` as a coded text, when the refusal came from a domain rule. */
  text: DomainText.optional(),
  /** `fields` as coded texts (same keys). */
  fieldTexts: z.record(z.string(), DomainText).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** `requestId`: the id the command ran under (its log lines carry it as `reqId`); hubs before 0.2.0 send none. */
export type Ack<T> = ({ ok: true; data: T } | { ok: false; error: ApiError }) & { requestId?: string };

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/**
 * Bytes that are not JSON (a photo, a PDF), named by `what` in the refusal: the hub sends a Buffer, the console's
 * client reads a Blob (renderer/shared/api/client.ts).
 */
export function rawBytes(what: string) {
  return z.custom<Uint8Array | Blob>(
    (value) => value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob),
    `expected the bytes of ${what}`,
  );
}
