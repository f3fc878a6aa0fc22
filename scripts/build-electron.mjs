// Bundles the Electron main process and preload to CommonJS (package.json is "type": "module",
// hence .cjs). Only 'electron' stays external: a sandboxed preload can require nothing else.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

export async function buildElectron() {
  await mkdir(outdir, { recursive: true });
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') }),
  ]);
  const preload = path.join(outdir, 'preload.cjs');
  const foreign = [...(await readFile(preload, 'utf8')).matchAll(/require\("([^"]+)"\)/g)]
    .map((match) => match[1])
    .filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`preload.cjs requires ${foreign.join(', ')}; a sandboxed preload can only require 'electron'`);
  }
  return { main: path.join(outdir, 'main.cjs'), preload };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { main, preload } = await buildElectron();
  console.log(`built ${path.relative(root, main)} and ${path.relative(root, preload)}`);
}
