import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const APP_VERSION: string = (require('../package.json') as { version: string }).version;

/**
 * The oldest desktop app (Electron shell) this hub supports: the shell loads the hub's own console, so what matters is
 * its preload bridge and window policy. Raise it when the console needs something older shells lack (README "Upgrading").
 */
export const OLDEST_DESKTOP_VERSION = '0.1.0';
