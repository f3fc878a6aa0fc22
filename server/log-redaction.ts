/**
 * What the hub's logs must not carry: the citizen's status link (`/status/<token>`, the Open311 token lookup)
 * and the number + code pair of the status lookup are keys to a citizen's report; passwords and session
 * tokens are keys to an account. Request URLs are rewritten, and these fields are censored wherever logged.
 */
export const REDACTED = '[verborgen]';

/** Query parameters whose values never reach a log. */
const SECRET_PARAMETERS = new Set(['nummer', 'code', 'token', 'api_key', 'password', 'wachtwoord']);

const SECRET_PATHS: readonly RegExp[] = [/^(\/status\/)[^/?#]+/i, /^(\/open311(?:\/v2)?\/tokens\/)[^/?#]+?(?=\.(?:json|xml)$|$)/i];

function parameterName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The URL as it may be logged: secret path segments and parameter values replaced by `[verborgen]`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  let path = at < 0 ? url : url.slice(0, at);
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => (SECRET_PARAMETERS.has(parameterName(pair)) ? `${pair.split('=', 1)[0]}=${REDACTED}` : pair))
    .join('&');
  return `${path}?${query}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** Fastify's request serializer, with the URL redacted. */
export function requestForLog(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** pino `redact` paths: fields that are secrets wherever an object with them is logged. */
export const REDACTED_FIELDS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'sessionToken',
  '*.sessionToken',
  'citizenCode',
  '*.citizenCode',
];
