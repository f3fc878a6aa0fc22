import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../server/auth/totp';
import type { ClientConfig } from '../../server/protocol/api';
import type { LoginResponse } from '../../server/protocol/auth';
import type { PasswordReset, TotpEnrolment, UserAccount, UsersResponse } from '../../server/protocol/users';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub, waitFor } from '../support/hub';

type ErrorBody = { code: string; message: string; fields?: Record<string, string>; text?: { code: string } };
const GOOD = 'Fietsbel-Lange-Voorhout-17';

/** Issue 10, point 15: accounts managed by an admin, over the hub's routes, on SQLite and PostgreSQL. */
describe.each(storeKinds)('user management (%s)', (store) => {
  let t: TestHub;
  let admin: string;
  const login = (username: string, password: string, totp?: string) =>
    t.api<LoginResponse & ErrorBody>('POST', '/api/auth/login', undefined, { username, password, ...(totp ? { totp } : {}) });
  const create = (body: Record<string, unknown>) => t.api<UserAccount & ErrorBody>('POST', '/api/admin/users', admin, body);

  beforeAll(async () => {
    t = await startTestHub({ store, config: { consoleIdleLockMinutes: 7 } });
    admin = (await t.login('admin')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates a user only with a password that meets the policy, refusing weak ones with a Dutch message', async () => {
    const weak = await create({ username: 'jdevries', displayName: 'Jan de Vries', role: 'dispatcher', password: 'welkom2026!' });
    expect(weak.status).toBe(422);
    expect(weak.body.message).toBe('Het wachtwoord voldoet niet aan de eisen');
    expect(weak.body.fields?.password).toBe('Het wachtwoord moet minstens 12 tekens lang zijn');
    const common = await create({ username: 'jdevries', displayName: 'Jan de Vries', role: 'dispatcher', password: 'Welkom2026!!!' });
    expect(common.body.fields?.password).toMatch(/veelgebruikte wachtwoorden/);
    const named = await create({ username: 'jdevries', displayName: 'Jan de Vries', role: 'dispatcher', password: 'JDeVries-in-de-meldkamer' });
    expect(named.body.fields?.password).toBe('Het wachtwoord mag de gebruikersnaam niet bevatten');

    const made = await create({ username: 'jdevries', displayName: 'Jan de Vries', role: 'dispatcher', password: GOOD });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ username: 'jdevries', role: 'dispatcher', active: true, demo: false, totpEnabled: false, unitId: null });
    expect((await login('jdevries', GOOD)).status).toBe(200);
    expect((await create({ username: 'JDeVries', displayName: 'Jan', role: 'dispatcher', password: GOOD })).status).toBe(409);
    const list = await t.api<UsersResponse>('GET', '/api/admin/users', admin);
    expect(list.body.users.map((u) => u.username)).toContain('jdevries');
    expect(list.body.users.find((u) => u.username === 'admin')).toMatchObject({ demo: true, role: 'admin' });
  });

  it('only an admin manages users', async () => {
    for (const name of ['chef', 'centralist', 'politie', 'boa1']) {
      const token = (await t.login(name)).token;
      expect((await t.api('GET', '/api/admin/users', token)).status, name).toBe(403);
      expect((await t.api('POST', '/api/admin/users', token, { username: 'x', displayName: 'x', role: 'admin', password: GOOD })).status, name).toBe(403);
    }
  });

  it('a field user needs a unit that exists; role and unit are changed, which signs the user in again', async () => {
    const noUnit = await create({ username: 'veldwerker', displayName: 'Veld', role: 'field', password: GOOD });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.fields?.unitId).toBe('Een veldgebruiker hoort bij een eenheid');
    expect((await create({ username: 'veldwerker', displayName: 'Veld', role: 'field', unitId: 'bestaat-niet', password: GOOD })).status).toBe(422);
    const boa1 = (await t.login('boa1')).user;
    const made = await create({ username: 'veldwerker', displayName: 'Veld', role: 'field', unitId: boa1.unitId, password: GOOD });
    expect(made.status).toBe(201);
    const session = (await login('veldwerker', GOOD)).body.token;
    const changed = await t.api<UserAccount>('PUT', `/api/admin/users/${made.body.id}`, admin, { role: 'dispatcher' });
    expect(changed.body).toMatchObject({ role: 'dispatcher', unitId: null });
    expect((await t.api('GET', '/api/me', session)).status).toBe(401);
    const renamed = await t.api<UserAccount>('PUT', `/api/admin/users/${made.body.id}`, admin, { displayName: 'Veld Werker' });
    expect(renamed.body.displayName).toBe('Veld Werker');
  });

  it('deactivating ends the user’s sessions and disconnects their console; reactivating lets them in again', async () => {
    const made = await create({ username: 'nachtdienst', displayName: 'Nacht', role: 'dispatcher', password: GOOD });
    const session = (await login('nachtdienst', GOOD)).body.token;
    const console = t.connectConsole(session, { autoConnect: true });
    await waitFor(console, 'connect');
    const dropped = new Promise<void>((resolve) => console.once('disconnect', () => resolve()));
    const off = await t.api<UserAccount>('POST', `/api/admin/users/${made.body.id}/deactivate`, admin);
    expect(off.body).toMatchObject({ active: false });
    expect(off.body.deactivatedAt).not.toBeNull();
    await dropped;
    expect((await t.api('GET', '/api/me', session)).status).toBe(401);
    expect((await login('nachtdienst', GOOD)).status).toBe(401);
    expect((await t.api('POST', `/api/admin/users/${made.body.id}/activate`, admin)).status).toBe(200);
    expect((await login('nachtdienst', GOOD)).status).toBe(200);
  });

  it('a password reset shows the new password once, ends the sessions, and the old password stops working', async () => {
    const made = await create({ username: 'vergeetachtig', displayName: 'V', role: 'police_coordinator', password: GOOD });
    const session = (await login('vergeetachtig', GOOD)).body.token;
    const res = await fetch(`${t.hub.url}/api/admin/users/${made.body.id}/password`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reset = (await res.json()) as PasswordReset;
    expect(reset.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await t.api('GET', '/api/me', session)).status).toBe(401);
    expect((await login('vergeetachtig', GOOD)).status).toBe(401);
    expect((await login('vergeetachtig', reset.password)).status).toBe(200);
    expect(JSON.stringify((await t.api('GET', '/api/admin/users', admin)).body)).not.toContain(reset.password);
  });

  it('an admin can neither deactivate nor demote themselves (so an admin is always left); another admin can', async () => {
    const me = (await t.api<{ id: string }>('GET', '/api/me', admin)).body;
    const self = await t.api<ErrorBody>('POST', `/api/admin/users/${me.id}/deactivate`, admin);
    expect([self.status, self.body.message]).toEqual([403, 'U kunt uw eigen account niet deactiveren']);
    const demote = await t.api<ErrorBody>('PUT', `/api/admin/users/${me.id}`, admin, { role: 'dispatcher' });
    expect([demote.status, demote.body.message]).toEqual([403, 'U kunt uw eigen rol niet wijzigen']);
    await create({ username: 'tweedebeheerder', displayName: 'B2', role: 'admin', password: GOOD });
    const other = (await login('tweedebeheerder', GOOD)).body.token;
    expect((await t.api('POST', `/api/admin/users/${me.id}/deactivate`, other)).status).toBe(200);
    expect((await t.api('GET', '/api/me', admin)).status).toBe(401);
    expect((await t.api('POST', `/api/admin/users/${me.id}/activate`, other)).status).toBe(200);
    admin = (await t.login('admin')).token;
  });

  it('the screen lock: the config says when, the right password unlocks, five wrong ones sign the session out', async () => {
    expect((await t.api<ClientConfig>('GET', '/api/config')).body.consoleIdleLockMinutes).toBe(7);
    const token = (await t.login('centralist')).token;
    expect((await t.api('POST', '/api/auth/unlock', token, { password: 'centralist' })).status).toBe(204);
    for (let i = 1; i < 5; i++) {
      const wrong = await t.api<ErrorBody>('POST', '/api/auth/unlock', token, { password: 'fout' });
      expect([wrong.status, wrong.body.fields?.password]).toEqual([422, 'Verkeerd wachtwoord']);
    }
    expect((await t.api('GET', '/api/me', token)).status).toBe(200);
    const fifth = await t.api<ErrorBody>('POST', '/api/auth/unlock', token, { password: 'fout' });
    expect([fifth.status, fifth.body.message]).toEqual([401, 'Te vaak een verkeerd wachtwoord: u bent afgemeld']);
    expect((await t.api('GET', '/api/me', token)).status).toBe(401);
  });

  it('a second factor: enrolled with a QR code, confirmed with a code, then asked at sign-in; each code once; an admin resets it', async () => {
    const made = await create({ username: 'ploegleider', displayName: 'Ploeg', role: 'shift_lead', password: GOOD });
    const token = (await login('ploegleider', GOOD)).body.token;
    expect((await t.api('POST', '/api/me/totp', (await t.login('centralist')).token)).status).toBe(403);
    const enrolment = (await t.api<TotpEnrolment>('POST', '/api/me/totp', token)).body;
    expect(enrolment.otpauthUrl).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await t.api('POST', '/api/me/totp/confirm', token, { code: '000000' })).status).toBe(422);
    const now = () => totpStep(new Date());
    expect((await t.api('POST', '/api/me/totp/confirm', token, { code: totpCode(enrolment.secret, now()) })).body).toEqual({ enabled: true });
    expect((await t.api('POST', '/api/me/totp', token)).status).toBe(409);

    const withoutCode = await login('ploegleider', GOOD);
    expect([withoutCode.status, withoutCode.body.text?.code]).toEqual([401, 'user.totp.required']);
    expect((await login('ploegleider', GOOD, '123456')).body.text?.code).toBe('user.totp.invalid');
    // The confirming code's step is used: the next step's code signs in, once.
    const next = totpCode(enrolment.secret, now() + 1);
    expect((await login('ploegleider', GOOD, next)).status).toBe(200);
    expect((await login('ploegleider', GOOD, next)).body.text?.code).toBe('user.totp.invalid');
    expect((await login('ploegleider', 'verkeerd-wachtwoord', totpCode(enrolment.secret, now() - 1))).body.text?.code).not.toBe('user.totp.invalid');

    const reset = await t.api<UserAccount>('DELETE', `/api/admin/users/${made.body.id}/totp`, admin);
    expect(reset.body.totpEnabled).toBe(false);
    expect((await login('ploegleider', GOOD)).status).toBe(200);
  });
});
