// Locates a runnable Electron binary. The `electron` npm package only knows where the
// binary *would* be: its index.js throws when the download never happened and returns
// a path that may not exist, so both cases end in null here.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

async function isExecutableFile(file) {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {Promise<string | null>} */
export async function findElectronBinary() {
  const override = process.env.MELDKAMER_ELECTRON_BINARY?.trim();
  if (override) return (await isExecutableFile(override)) ? override : null;
  let candidate;
  try {
    candidate = require('electron');
  } catch {
    return null;
  }
  if (typeof candidate !== 'string' || candidate === '') return null;
  return (await isExecutableFile(candidate)) ? candidate : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const binary = await findElectronBinary();
  console.log(binary ?? 'No Electron binary on this machine (only types are installed).');
  process.exitCode = binary ? 0 : 1;
}
