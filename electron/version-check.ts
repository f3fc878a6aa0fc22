// Whether this desktop app may be used with a hub: plain logic, so unit tests cover it without an Electron binary.
// The console the shell loads comes from the hub, so the hub says which shell (preload bridge, window policy) it needs;
// the console runs this with the shell's version (window.meldkamer.version, in every release of the shell) whenever it
// has the hub's config: at start and after each reconnect (renderer/console/shell/App.tsx).
import gte from 'semver/functions/gte';
import valid from 'semver/functions/valid';

export interface HubVersionInfo {
  /** The hub's release (GET /api/config `version`). */
  version: string;
  /** The oldest desktop app the hub supports; absent on hubs before 0.2.0 (they name none). */
  oldestDesktopVersion?: string | undefined;
}

export type DesktopVersionVerdict =
  | { ok: true }
  | { ok: false; desktopVersion: string; hubVersion: string; requiredVersion: string };

/**
 * `desktopVersion` undefined: the console runs in a browser, always the hub's own, so there is nothing to check.
 * A desktop version that is not a release number (a development build) is let through: it is built from the source.
 */
export function checkDesktopVersion(desktopVersion: string | undefined, hub: HubVersionInfo): DesktopVersionVerdict {
  const required = hub.oldestDesktopVersion;
  if (desktopVersion === undefined || !required || !valid(required) || !valid(desktopVersion)) return { ok: true };
  if (gte(desktopVersion, required)) return { ok: true };
  return { ok: false, desktopVersion, hubVersion: hub.version, requiredVersion: required };
}
