// `npm start`: build what is stale, start the hub (embedded SQLite, demo data) and open the console in Electron,
// or, where no Electron binary exists, print the console's web URL. The hub keeps running until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildElectron } from './build-electron.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsStale() {
  try {
    const built = statSync(join(root, 'dist/renderer/index.html')).mtimeMs;
    return Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'server/protocol'))) > built;
  } catch {
    return true;
  }
}

if (rendererIsStale()) {
  process.stdout.write('Building the console (vite)...\n');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// MALLOC_MMAP_THRESHOLD_ fixed at glibc's default of 128 KiB: blocks that large always get their own mapping and go
// back to the system when freed. Left dynamic, glibc raises the threshold after the first such block is freed, and
// later large blocks stay resident in the arena of the thread that made them: each password hash (scrypt, 16 MiB,
// on any of libuv's 4 threads) left 16 MiB per thread behind, 64 MiB of the 270 MiB a hub held after start-up
// (docs/BENCHMARKS.md, hub memory). Ignored where the C library is not glibc.
const env = { MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, MELDKAMER_DEMO: process.env.MELDKAMER_DEMO ?? '1' };
const hub = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill('SIGTERM'));
hub.on('exit', (code) => process.exit(code ?? 0));

const port = env.MELDKAMER_PORT ?? '4800';
const host = env.MELDKAMER_HOST && env.MELDKAMER_HOST !== '0.0.0.0' ? env.MELDKAMER_HOST : '127.0.0.1';
const hubUrl = env.MELDKAMER_PUBLIC_URL ?? `http://${host}:${port}`;

async function waitForHub() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${hubUrl}/health`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

if (await waitForHub()) {
  const electron = await findElectronBinary();
  if (electron) {
    await buildElectron();
    const shell = spawn(electron, [join(root, 'dist/electron/main.cjs')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MELDKAMER_HUB_URL: hubUrl },
    });
    shell.on('exit', () => hub.kill('SIGTERM'));
  } else {
    process.stdout.write(`No Electron binary on this machine (only its types are installed): open the console in a browser at ${hubUrl}/\n`);
  }
} else {
  process.stderr.write(`The hub did not answer on ${hubUrl}/health within 30 s\n`);
}
