import { CommandError } from '../../commands/errors';

/** One entry of the GeoReport v2 `errors` response; `code` matches the HTTP status. */
export interface Open311ErrorEntry {
  code: number;
  description: string;
}

/**
 * A refusal in GeoReport v2 terms. The spec's HTTP codes: 404 for a resource that does not exist,
 * 403 for a missing or wrong api_key, and 400 for everything else. We add 429 for the rate limit.
 */
export class Open311Error extends Error {
  readonly descriptions: string[];

  constructor(
    readonly status: 400 | 403 | 404 | 429,
    description: string | string[],
    readonly retryAfterSeconds?: number,
  ) {
    const descriptions = [description].flat();
    super(descriptions.join('; '));
    this.descriptions = descriptions;
  }

  entries(): Open311ErrorEntry[] {
    return this.descriptions.map((description) => ({ code: this.status, description }));
  }
}

/** Field paths of CreateReportInput → the Open311 parameter a client sent. */
const PARAMETER_FOR_FIELD: Record<string, string> = {
  category: 'service_code',
  'location.lat': 'lat',
  'location.lng': 'long',
  address: 'address_string',
  description: 'description',
  'reporter.email': 'email',
  'reporter.phone': 'phone',
  'reporter.name': 'first_name/last_name',
  reporter: 'email/phone/first_name/last_name',
};

/**
 * Maps any error thrown while serving an Open311 request to the spec's status and entries.
 * Unknown failures become the spec's "400 General service error" (and are logged by the caller).
 */
export function toOpen311Error(error: unknown): { error: Open311Error; unexpected: boolean } {
  if (error instanceof Open311Error) return { error, unexpected: false };
  if (error instanceof CommandError) {
    if (error.code === 'not_found') return { error: new Open311Error(404, error.message), unexpected: false };
    if (error.code === 'unauthenticated' || error.code === 'forbidden') return { error: new Open311Error(403, error.message), unexpected: false };
    const fields = Object.entries(error.fields ?? {});
    const descriptions =
      fields.length > 0
        ? fields.map(([field, message]) => `${PARAMETER_FOR_FIELD[field] ?? field}: ${message}`)
        : [error.message];
    return { error: new Open311Error(400, descriptions), unexpected: false };
  }
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own refusals: unparsable or too large body, unsupported content type.
    return { error: new Open311Error(status === 404 ? 404 : 400, (error as Error).message), unexpected: false };
  }
  return { error: new Open311Error(400, 'General service error: the request could not be processed; please try again later'), unexpected: true };
}
