import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L: the short code is read out over the phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^7 ≈ 2.8·10^10: about 34.7 bits. Codes given before (six characters) stay valid. */
export const CITIZEN_CODE_LENGTH = 7;

const TOKEN_BYTES = 24;
/**
 * Random bytes for 64 tokens at a time, as node:crypto keeps them for randomUUID and randomInt: each randomBytes call
 * runs a job of its own (~3% of a report's creation in CPU, docs/BENCHMARKS.md). Each token takes bytes no other got.
 */
let tokenPool = Buffer.alloc(0);
let tokenOffset = 0;

function tokenBytes(): Buffer {
  if (tokenOffset + TOKEN_BYTES > tokenPool.length) {
    tokenPool = randomBytes(TOKEN_BYTES * 64);
    tokenOffset = 0;
  }
  const bytes = tokenPool.subarray(tokenOffset, tokenOffset + TOKEN_BYTES);
  tokenOffset += TOKEN_BYTES;
  return bytes;
}

/** An unguessable status-page token for links, and a short code for lookup by report number. */
export function newCitizenAccess(): { token: string; code: string } {
  let code = '';
  for (let i = 0; i < CITIZEN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return { token: tokenBytes().toString('base64url'), code };
}

/** A code as typed (spaces, dashes, lower case) in the form it was given in. */
export function normaliseCitizenCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares a typed code with a report's code in constant time (SHA-256 of both, so the lengths are equal too). */
export function citizenCodeMatches(typed: string, stored: string | null): boolean {
  const same = timingSafeEqual(digest(normaliseCitizenCode(typed)), digest(stored ?? ''));
  return same && Boolean(stored);
}
