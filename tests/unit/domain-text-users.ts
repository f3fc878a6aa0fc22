/**
 * The texts of user management for tests/unit/domain-text-catalogue.test.ts: the password policy driven through
 * its cases, the refusals the user commands throw.
 */
import { type DomainText, textMaker } from '../../server/domain/domain-text';
import { actorText } from '../../server/domain/lifecycle';
import { passwordProblems } from '../../server/domain/password-policy';
import { USER_TEXTS } from '../../server/domain/user-texts';

const say = textMaker(USER_TEXTS);

export function userTexts(): DomainText[] {
  const check = { username: 'jan', common: new Set(['welkom']) };
  return [
    ...passwordProblems('kort', check),
    ...passwordProblems('a'.repeat(201), check),
    ...passwordProblems('jan-de-vries-op-de-fiets', check),
    ...passwordProblems('W3lk0m-2026!!', check),
    say('user.password.invalid'),
    say('user.username.taken', { username: 'jan' }),
    say('user.not_found'),
    say('user.unit.unknown'),
    say('user.unit.required'),
    say('user.self.deactivate'),
    say('user.self.role'),
    say('user.unlock.wrong_password'),
    say('user.unlock.signed_out'),
    say('user.totp.required'),
    say('user.totp.invalid'),
    say('user.totp.not_enrolled'),
    say('user.totp.already_enabled'),
    // The wallboard's device (issue 14 point 4): its refusals, and its name as an actor (it makes no transition).
    say('user.wallboard.not_found'),
    say('user.wallboard.bad_token'),
    actorText('wallboard'),
  ];
}
