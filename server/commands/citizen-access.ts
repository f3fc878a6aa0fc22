import { randomBytes, randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the short code is read out over the phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An unguessable status-page token for links, and a short code for lookup by report number. */
export function newCitizenAccess(): { token: string; code: string } {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return { token: randomBytes(24).toString('base64url'), code };
}
