import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, getSession, readAnswer, type Session, setSession } from '../../renderer/shared/api/client';

const SESSION: Session = {
  token: 'token-1',
  user: { id: 'u1', username: 'centralist', displayName: 'Centralist', role: 'dispatcher', unitId: null },
  expiresAt: '2999-01-01T00:00:00.000Z',
} as Session;
const ok = (body: unknown) => ({ status: 200, statusText: 'OK', text: JSON.stringify(body) });
const failure = (error: unknown): unknown => {
  try {
    return readAnswer('/api/x', { status: 401, statusText: 'Unauthorized', text: JSON.stringify(error) }, SESSION);
  } catch (err) {
    return err;
  }
};

/** One way to read a hub answer, for fetch (`request`) and the XMLHttpRequest upload of the signal import. */
describe('readAnswer (renderer/shared/api/client.ts)', () => {
  afterEach(() => setSession(null));

  it('checks a success against the schema, refusing an unexpected shape', () => {
    const schema = z.object({ n: z.number() });
    expect(readAnswer('/api/x', ok({ n: 1 }), null, schema)).toEqual({ n: 1 });
    expect(() => readAnswer('/api/x', ok({ n: 'een' }), null, schema)).toThrow(expect.objectContaining({ code: 'bad_response', status: 200 }));
  });

  it("throws the hub's ApiError, or the status when the body is none; a 401 ends the session that was sent", () => {
    setSession(SESSION);
    const refused = failure({ code: 'unauthenticated', message: 'Sessie verlopen' });
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect(refused).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Sessie verlopen' });
    expect(getSession()).toBeNull();
    expect(() => readAnswer('/api/x', { status: 502, statusText: 'Bad Gateway', text: '<html>' }, null)).toThrow(
      expect.objectContaining({ status: 502, code: 'http_502', message: 'Bad Gateway' }),
    );
  });

  it('keeps a newer session when an older one is refused', () => {
    const newer = { ...SESSION, token: 'token-2' };
    setSession(newer);
    failure({ code: 'unauthenticated', message: 'Sessie verlopen' });
    expect(getSession()).toBe(newer);
  });
});
