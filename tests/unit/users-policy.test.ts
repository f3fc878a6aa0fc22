import { describe, expect, it } from 'vitest';
import { commonPasswords } from '../../server/auth/common-passwords';
import { acceptedTotpStep, base32Decode, base32Encode, otpauthUrl, qrDataUrl, totpCode, totpStep } from '../../server/auth/totp';
import { generatedPassword } from '../../server/commands/users';
import { passwordCore, passwordProblems } from '../../server/domain/password-policy';

const codes = (password: string, username = 'jdevries') => passwordProblems(password, { username, common: commonPasswords() }).map((t) => t.code);

describe('password policy', () => {
  it('takes a long, uncommon password without the username', () => {
    expect(codes('Fietsbel-Lange-Voorhout-17')).toEqual([]);
    expect(codes('correct horse battery staple')).toEqual([]);
    expect(codes(generatedPassword())).toEqual([]);
  });

  it('refuses short passwords, few different characters, the username in it, with Dutch messages', () => {
    expect(codes('Kort1!')).toContain('user.password.too_short');
    expect(passwordProblems('Kort1!', { username: 'x', common: new Set() })[0]?.message).toBe('Het wachtwoord moet minstens 12 tekens lang zijn');
    expect(codes('aaaaaaaaaaaaaaaa')).toContain('user.password.few_characters');
    expect(codes('JDevries-op-de-fiets-2026')).toEqual(['user.password.contains_username']);
    expect(codes('x'.repeat(150) + 'yzuvw'.repeat(11))).toEqual(['user.password.too_long']);
  });

  it('refuses common passwords, also padded with digits and symbols, in leetspeak or repeated', () => {
    for (const weak of ['password1234', 'qwertyuiop123', '123456789012', 'Welkom2026!!!', 'W3lk0m-2026!!', '!!Meldkamer2026', 'zomerzomer2026', 'iloveyou1234']) {
      expect(codes(weak), weak).toContain('user.password.common');
    }
    expect(passwordCore('W3lk0m-2026!!')).toBe('welkom');
    expect(commonPasswords().size).toBeGreaterThan(40_000);
  });
});

describe('TOTP (RFC 6238, SHA-1, 6 digits)', () => {
  // The RFC's test secret: the ASCII of "12345678901234567890".
  const secret = base32Encode(Buffer.from('12345678901234567890'));

  it('gives the RFC test vectors', () => {
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    const at = (seconds: number) => totpCode(secret, totpStep(new Date(seconds * 1000)));
    expect([59, 1111111109, 1111111111, 1234567890, 2000000000].map(at)).toEqual(['287082', '081804', '050471', '005924', '279037']);
  });

  it('accepts the step before and after, each step once', () => {
    const now = new Date(1234567890 * 1000);
    const step = totpStep(now);
    expect(acceptedTotpStep(secret, totpCode(secret, step), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, totpCode(secret, step - 1), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, totpCode(secret, step + 1), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, totpCode(secret, step - 2), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, totpCode(secret, step), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, '12345', now, null)).toBeNull();
  });

  it('an otpauth URL and its QR code for the authenticator app', () => {
    expect(otpauthUrl('ABC', 'chef')).toBe('otpauth://totp/Meldkamer%3Achef?secret=ABC&issuer=Meldkamer&algorithm=SHA1&digits=6&period=30');
    expect(qrDataUrl(otpauthUrl('ABC', 'chef'))).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});
