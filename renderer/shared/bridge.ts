/**
 * The Electron preload bridge (`window.meldkamer`, typed in electron/bridge.ts) when the console runs
 * in the desktop shell; undefined in a plain browser. Accessed through a minimal local shape so the
 * renderer does not depend on the shell's code.
 */
interface BridgeLike {
  /** The desktop app's own release (every shell has it), not the hub's. */
  readonly version?: string;
  readonly hubUrl?: string;
  readonly isDesktop?: boolean;
  notify?(title: string, body: string): Promise<void> | void;
}

export function desktopBridge(): BridgeLike | undefined {
  return (window as unknown as { meldkamer?: BridgeLike }).meldkamer;
}

/** Native notification in the desktop shell; a no-op in the browser. */
export function notifyDesktop(title: string, body: string): void {
  const bridge = desktopBridge();
  if (!bridge?.notify) return;
  try {
    const result = bridge.notify(title.slice(0, 120), body.slice(0, 1000));
    if (result && typeof result.catch === 'function')
      result.catch((err: unknown) => console.warn('notify failed', err));
  } catch (err) {
    console.warn('notify failed', err);
  }
}

/**
 * Where the hub is: the page's own origin (the hub serves the console, and the Vite dev server
 * proxies to it), or the shell's hub URL when the page was loaded from a file.
 */
export function hubOrigin(): string {
  if (window.location.protocol === 'http:' || window.location.protocol === 'https:') return window.location.origin;
  const url = desktopBridge()?.hubUrl;
  return url ? new URL(url).origin : 'http://127.0.0.1:4800';
}
