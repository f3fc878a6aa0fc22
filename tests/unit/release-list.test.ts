import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../server/version';
import { lastRelease, type Release } from '../support/release-tree';

const releases = JSON.parse(readFileSync(new URL('../../resources/releases.json', import.meta.url), 'utf8')) as Release[];

describe('the release list (resources/releases.json)', () => {
  it('lists releases in order, each with its tag name and a full commit id, none newer than this code', () => {
    expect(releases.length).toBeGreaterThan(0);
    for (const r of releases) {
      expect(semver.valid(r.version)).toBe(r.version);
      expect(r.tag).toBe(`v${r.version}`);
      expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(semver.lte(r.version, APP_VERSION)).toBe(true);
    }
    const versions = releases.map((r) => r.version);
    expect(versions).toEqual([...versions].sort(semver.compare));
  });

  it('the upgrade test starts from the last release before this code, not from this code once it is tagged', () => {
    expect(semver.lt(lastRelease().version, APP_VERSION)).toBe(true);
    expect(lastRelease('0.2.0').version).toBe('0.1.0');
    expect(() => lastRelease('0.1.0')).toThrow('lists no release before 0.1.0');
  });
});
