// The bridge the preload exposes as `window.meldkamer`. Type-only and import-free, so
// renderer code can use it: `if (window.meldkamer?.isDesktop) ...`. In a plain browser
// (the console served by the hub) `window.meldkamer` is undefined.

export interface MeldkamerBridge {
  /** Version of the desktop app (package.json), not of the hub. */
  readonly version: string;
  /** The hub URL the desktop app was started with. */
  readonly hubUrl: string;
  readonly isDesktop: true;
  /**
   * Shows a native notification. Rejects when the payload is invalid (empty title,
   * title over 120 or body over 1000 characters) or the page is not the hub.
   */
  notify(title: string, body: string): Promise<void>;
}

declare global {
  interface Window {
    meldkamer?: MeldkamerBridge;
  }
}
