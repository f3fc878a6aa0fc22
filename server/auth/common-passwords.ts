import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/** The 49,233 most common passwords of @zxcvbn-ts/language-common, lower case; loaded on first use. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set((dictionary['passwords-common'] ?? []).map((p) => String(p).toLowerCase()));
  return common;
}
