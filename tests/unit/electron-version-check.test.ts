import { describe, expect, it } from 'vitest';
import { checkDesktopVersion } from '../../electron/version-check';

describe('the desktop app against the hub it signs in to', () => {
  const hub = { version: '0.4.0', oldestDesktopVersion: '0.3.0' };

  it('refuses a desktop app older than the oldest the hub supports, naming both versions', () => {
    expect(checkDesktopVersion('0.2.9', hub)).toEqual({ ok: false, desktopVersion: '0.2.9', hubVersion: '0.4.0', requiredVersion: '0.3.0' });
    expect(checkDesktopVersion('0.1.0', hub).ok).toBe(false);
  });

  it('lets the oldest supported and any newer desktop app in (numbers compared as releases, not as text)', () => {
    expect(checkDesktopVersion('0.3.0', hub)).toEqual({ ok: true });
    expect(checkDesktopVersion('0.10.0', hub)).toEqual({ ok: true });
    expect(checkDesktopVersion('1.0.0', hub)).toEqual({ ok: true });
  });

  it('refuses, on the next look, a desktop app the hub let in before it was upgraded', () => {
    expect(checkDesktopVersion('0.3.1', hub)).toEqual({ ok: true });
    const upgraded = { version: '0.5.0', oldestDesktopVersion: '0.4.0' };
    expect(checkDesktopVersion('0.3.1', upgraded)).toEqual({ ok: false, desktopVersion: '0.3.1', hubVersion: '0.5.0', requiredVersion: '0.4.0' });
  });

  it('checks nothing in a browser, against a hub that names no oldest version (before 0.2.0), or for a development build', () => {
    expect(checkDesktopVersion(undefined, hub)).toEqual({ ok: true });
    expect(checkDesktopVersion('0.1.0', { version: '0.1.0' })).toEqual({ ok: true });
    expect(checkDesktopVersion('', hub)).toEqual({ ok: true });
  });
});
