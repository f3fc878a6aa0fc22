import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { APP_VERSION } from '../../server/version';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Release {
  version: string;
  commit: string;
  tag: string;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/**
 * The last release before this code (resources/releases.json; the code of a release that was just tagged is that
 * release, and upgrades from the one before it): its commit by tag where the tag is here, else the recorded commit
 * (a CI clone may come without tags, but with the history).
 */
export function lastRelease(ownVersion: string = APP_VERSION): Release {
  const releases = JSON.parse(readFileSync(join(ROOT, 'resources/releases.json'), 'utf8')) as Release[];
  const last = releases.filter((r) => semver.lt(r.version, ownVersion)).sort((a, b) => semver.compare(a.version, b.version)).at(-1);
  if (!last) throw new Error(`resources/releases.json lists no release before ${ownVersion}`);
  let commit = last.commit;
  try {
    commit = git('rev-parse', '--verify', '--quiet', `refs/tags/${last.tag}^{commit}`);
  } catch {
    // No such tag in this clone: the recorded commit.
  }
  try {
    git('cat-file', '-e', `${commit}^{commit}`);
  } catch {
    throw new Error(`release ${last.version}: commit ${commit} is not in this clone (a shallow clone? fetch the history)`);
  }
  return { ...last, commit };
}

export interface ReleaseTree {
  dir: string;
  remove(): void;
}

/** The release's hub sources in a temp directory, on this checkout's node_modules (the release's dependencies are a subset). */
export function extractRelease(release: Release): ReleaseTree {
  const dir = mkdtempSync(join(tmpdir(), `meldkamer-${release.version}-`));
  const archive = execFileSync('git', ['archive', release.commit, 'server', 'resources', 'package.json', 'tsconfig.json'], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  if (!existsSync(join(dir, 'server/main.ts'))) throw new Error(`release ${release.version}: no server/main.ts in ${release.commit}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
