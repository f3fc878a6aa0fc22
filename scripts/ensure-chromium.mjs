// Makes sure Debian's Chromium is there for the browser tests; installs it with apt when missing and allowed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.MELDKAMER_CHROMIUM ?? '/usr/bin/chromium';

function canInstall() {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (!canInstall()) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}, and this user cannot install it. Run: sudo apt-get install chromium (or set MELDKAMER_CHROMIUM).`,
    );
  }
  process.stdout.write('Installing Debian chromium for the browser tests (apt-get)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
    stdio: 'inherit',
    env,
  });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.stdout.write(`chromium: ${ensureChromium()}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
