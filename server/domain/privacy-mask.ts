/**
 * How a citizen's personal data looks to a role that may not read it (pure; see README "Who sees what").
 * Contact details, recipients, status links, access codes and citizen comments are for the roles that call
 * citizens back (`contacts.read`); everyone else gets them masked, in answers, socket events and catch-up alike.
 * The contact roles see contact details masked too until they ask for them (a logged "toon contactgegevens").
 */

/** What a citizen's own words become for a role without `contacts.read`. */
export const CITIZEN_COMMENT_MASK = '[reactie van melder]';

/**
 * A reporter's own photo (sent with their answer to the desk's question) is their answer in a picture: the roles
 * that read the answer masked (no `contacts.read`) get neither its bytes nor its id. Field and external photos are
 * not the citizen's words and follow the report's photo access.
 */
export function reporterPhotoHidden(source: 'field' | 'reporter' | 'external', readsContacts: boolean): boolean {
  return source === 'reporter' && !readsContacts;
}
export const STATUS_LINK_MASK = '[statuslink]';
export const ACCESS_CODE_MASK = '[code]';

/** `jan.jansen@example.nl` → `j***@***.nl`: enough to tell two addresses apart, not to write to one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  return `${email[0]}***@***${tld}`;
}

/** `06 1234 5678` → `06******78`: the first two and last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

/** `Jan Jansen` → `J***`. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  return trimmed ? `${trimmed[0]}***` : '***';
}

/** An e-mail address or a phone number, whichever it is. */
export function maskRecipient(recipient: string): string {
  // A recipient the retention job already anonymised (`[geanonimiseerd]`) names nobody.
  if (recipient.startsWith('[')) return recipient;
  return recipient.includes('@') ? maskEmail(recipient) : maskPhone(recipient);
}

export interface ReporterContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export function maskContact(contact: ReporterContact): ReporterContact {
  return {
    name: contact.name === null ? null : maskName(contact.name),
    email: contact.email === null ? null : maskEmail(contact.email),
    phone: contact.phone === null ? null : maskPhone(contact.phone),
  };
}

/** A literal text as a RegExp source. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any citizen status link, also one whose token we do not know (another report's, an old one). */
const ANY_STATUS_LINK = /\S*\/status\/[A-Za-z0-9_-]{16,}/g;
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;

/** The greeting line with the reporter's name or salutation ("Beste mevrouw Jansen,"); "Beste melder," names nobody. */
const NAMED_GREETING = /^(Beste|Dear) (?!melder,$|reporter,$)[^\n]+,$/gm;

/** A citizen message as a role without `contacts.read` reads it: no name in the greeting, no status link, no access code. */
export function maskMessageText(text: string, secrets: { token: string | null; code: string | null }): string {
  let masked = text.replace(NAMED_GREETING, (_line, word: string) => `${word} [naam],`);
  if (secrets.token) masked = masked.replace(new RegExp(`\\S*${escapeRegExp(secrets.token)}`, 'g'), STATUS_LINK_MASK);
  masked = masked.replace(ANY_STATUS_LINK, STATUS_LINK_MASK);
  if (secrets.code) masked = masked.replace(new RegExp(`\\b${escapeRegExp(secrets.code)}\\b`, 'g'), ACCESS_CODE_MASK);
  return masked;
}

/** E-mail addresses inside a free text (an SMTP error names the recipient), masked. */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL, (email) => maskEmail(email));
}
