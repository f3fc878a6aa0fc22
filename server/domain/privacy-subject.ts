import { escapeRegExp, maskEmail, maskPhone } from './privacy-mask';

/**
 * One citizen as the privacy officer names them: an e-mail address and/or a phone number, matched however
 * it was typed (case, spaces, dashes, +31 / 0031 / 0). Pure.
 */
export interface PrivacySubject {
  /** Lower case, trimmed. */
  email: string | null;
  /** Dutch national form, digits only (0612345678), or the digits as given for a foreign number. */
  phone: string | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** `+31 6 1234 5678`, `0031612345678` and `06-12345678` are all `0612345678`. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0031')) return `0${digits.slice(4)}`;
  if (phone.trim().startsWith('+') && digits.startsWith('31')) return `0${digits.slice(2)}`;
  return digits;
}

export function privacySubject(request: { email?: string | undefined; phone?: string | undefined }): PrivacySubject {
  return {
    email: request.email ? normaliseEmail(request.email) : null,
    phone: request.phone ? normalisePhone(request.phone) : null,
  };
}

/** How the phone number may be stored with its separators taken out (`+`, spaces, dashes, brackets). */
export function phoneDigitVariants(national: string): string[] {
  if (!national.startsWith('0') || national.startsWith('00')) return [national];
  const rest = national.slice(1);
  return [national, `31${rest}`, `0031${rest}`];
}

/** For the access log: what the request was about, masked. */
export function maskedSubject(subject: PrivacySubject): string {
  return [subject.email ? maskEmail(subject.email) : null, subject.phone ? maskPhone(subject.phone) : null].filter(Boolean).join(' / ');
}

/** The key the access log keeps to find a person's requests again (hashed by the caller). */
export function subjectKey(subject: PrivacySubject): string {
  return `${subject.email ?? ''}|${subject.phone ?? ''}`;
}

export const ERASED_MARK = '[gewist]';

/** The citizen's address and number taken out of a free text (a description that says "bel me 06…"). */
export function scrubSubject(text: string, subject: PrivacySubject): string {
  let scrubbed = text;
  if (subject.email) scrubbed = scrubbed.replace(new RegExp(escapeRegExp(subject.email), 'gi'), ERASED_MARK);
  if (subject.phone && subject.phone.length >= 6) {
    const national = subject.phone.startsWith('0') && !subject.phone.startsWith('00');
    const digits = (national ? subject.phone.slice(1) : subject.phone).split('').join('[\\s().-]*');
    const prefix = national ? '(?:(?:\\+|00)31[\\s-]*(?:\\(0\\))?[\\s-]*|0)' : '';
    scrubbed = scrubbed.replace(new RegExp(`${prefix}${digits}(?!\\d)`, 'g'), ERASED_MARK);
  }
  return scrubbed;
}
