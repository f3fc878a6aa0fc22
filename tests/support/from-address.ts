import { type IncomingHttpHeaders, request } from 'node:http';

export interface PlainAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * An HTTP request sent from a chosen local address (any of 127.0.0.0/8 on Linux), so a test can be
 * "another address" for the hub's per-address limits without a proxy in between.
 */
export function httpFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** JSON to and from a hub route, from a chosen local address. */
export async function jsonFrom<T>(
  localAddress: string,
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const answer = await httpFrom(localAddress, url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: answer.status, headers: answer.headers, body: (answer.text ? JSON.parse(answer.text) : undefined) as T };
}
