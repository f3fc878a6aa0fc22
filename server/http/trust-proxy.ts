import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies the hub believes about the client's address and protocol (X-Forwarded-For, X-Forwarded-Proto),
 * Fastify's `trustProxy`: `false` (default: the hub is reached directly), `true` (every proxy: only when the
 * hub cannot be reached except through the load balancer), or a list of addresses / CIDR ranges of the load
 * balancers, also the names `loopback`, `linklocal` and `uniquelocal`. It decides `request.ip` (logs, sign-in
 * throttling per address) and `request.protocol` (HSTS behind a TLS-terminating proxy).
 */
export type TrustProxy = boolean | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function isProxyAddress(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

const YES = new Set(['1', 'true', 'yes']);
const NO = new Set(['0', 'false', 'no', '']);

export const TrustProxySchema = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .transform((value, ctx): TrustProxy => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && YES.has(value.trim().toLowerCase())) return true;
    if (typeof value === 'string' && NO.has(value.trim().toLowerCase())) return false;
    const items = (typeof value === 'string' ? value.split(',') : value).map((item) => item.trim()).filter(Boolean);
    const bad = items.filter((item) => !isProxyAddress(item));
    if (bad.length > 0 || items.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected 1/0, or a comma-separated list of proxy addresses or CIDR ranges (or loopback, linklocal, uniquelocal); not ${bad.join(', ') || 'an empty list'}`,
      });
      return z.NEVER;
    }
    return items;
  });
