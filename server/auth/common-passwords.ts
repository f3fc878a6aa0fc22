import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let common: ReadonlySet<string> | undefined;

/**
 * The 49,233 most common passwords of @zxcvbn-ts/language-common, lower case; loaded on first use (a password set or
 * changed), not at start-up: the package's dictionaries are ~14 MB of a hub's resident memory (docs/BENCHMARKS.md, "Hub
 * memory").
 */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set((dictionary['passwords-common'] ?? []).map((p) => String(p).toLowerCase()));
  }
  return common;
}
