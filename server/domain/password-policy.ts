import { type DomainText, textMaker } from './domain-text';
import { USER_TEXTS } from './user-texts';

/**
 * The password policy for accounts (issue 10, point 15): at least 12 characters, at least 5 different ones,
 * not the username (nor containing it), and not a common password, also not one dressed up with digits and
 * symbols around it or letters written as digits ("W3lk0m2026!"). Pure: the list of common passwords is passed
 * in (server/auth/common-passwords.ts loads it).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_DISTINCT = 5;

const say = textMaker(USER_TEXTS);

/** Words that make a weak password here whatever the lists say: the place, the work, the season. */
export const LOCAL_WEAK_WORDS: readonly string[] = [
  'wachtwoord',
  'welkom',
  'welkom01',
  'meldkamer',
  'handhaving',
  'gemeente',
  'denhaag',
  'haaglanden',
  'politie',
  'boa',
  'centralist',
  'geheim',
  'voorjaar',
  'lente',
  'zomer',
  'najaar',
  'herfst',
  'winter',
  'password',
  'changeme',
];

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i' };

/** The word inside a password: lower case, digits and symbols around it dropped, digits written as letters read back. */
export function passwordCore(password: string): string {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return [...trimmed].map((c) => LEET[c] ?? c).join('');
}

export interface PasswordCheck {
  username: string;
  /** Lower-case common passwords. */
  common: ReadonlySet<string>;
}

/** What is wrong with a password (empty: acceptable), as coded Dutch texts. */
export function passwordProblems(password: string, { username, common }: PasswordCheck): DomainText[] {
  const problems: DomainText[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(say('user.password.too_short', { min: PASSWORD_MIN_LENGTH }));
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(say('user.password.too_long', { max: PASSWORD_MAX_LENGTH }));
  if (new Set(password).size < PASSWORD_MIN_DISTINCT) problems.push(say('user.password.few_characters', { min: PASSWORD_MIN_DISTINCT }));
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push(say('user.password.contains_username'));
  const lower = password.toLowerCase();
  const core = passwordCore(password);
  const weak = (word: string) => common.has(word) || LOCAL_WEAK_WORDS.includes(word);
  if (weak(lower) || (core.length > 0 && weak(core)) || isRepeatedWeakWord(core, weak)) problems.push(say('user.password.common'));
  return problems;
}

/** "zomerzomer", "welkomwelkom": a weak word repeated. */
function isRepeatedWeakWord(core: string, weak: (word: string) => boolean): boolean {
  for (let size = 3; size <= core.length / 2; size++) {
    if (core.length % size !== 0) continue;
    const part = core.slice(0, size);
    if (part.repeat(core.length / size) === core && weak(part)) return true;
  }
  return false;
}
