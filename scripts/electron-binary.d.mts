/** Path of a runnable Electron binary, or null when only the npm package (types) is installed. */
export function findElectronBinary(): Promise<string | null>;
