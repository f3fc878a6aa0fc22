import { useEffect, useRef, useState } from 'react';

/**
 * The console's single-key shortcuts (shown in the "?" help, ShortcutsHelp.tsx). Rules:
 * - Plain keys only: with Ctrl, Alt or Meta the key is the browser's or another feature's (Ctrl+K search).
 * - Never while typing in a field (input, textarea, select, contenteditable); Escape stays the fields' own
 *   (useConsoleKeys: leave the field, then close the panel) and closes this help first when it is open.
 * - Not when another handler took the key (defaultPrevented), e.g. the units board's own keys on its rows.
 * - Each shortcut acts on what is on screen (the open report's panel, the alert banner), found by its test id,
 *   and moves the focus to where the work continues; where there is nothing to act on, the key does nothing.
 */
export const SHORTCUTS = [
  { key: '?', label: 'keys.help' },
  { key: 'n', label: 'keys.newReport' },
  { key: 'o', label: 'keys.recommend' },
  { key: 'b', label: 'keys.ackAlert' },
  { key: 'g', label: 'keys.actions' },
  { key: 'c', label: 'keys.context' },
  { key: 'q', label: 'keys.queue' },
] as const;

/** The keys other parts of the console already have, listed in the same help. */
export const OTHER_KEYS = [
  { key: 'Ctrl+K', label: 'keys.search' },
  { key: '/', label: 'keys.filter' },
  { key: '↑ ↓', label: 'keys.upDown' },
  { key: 'Enter', label: 'keys.enter' },
  { key: 'Esc', label: 'keys.escape' },
] as const;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const inDetail = (selector: string) => document.querySelector<HTMLElement>(`[data-testid="report-detail"] ${selector}`);

/** Focuses the first focusable element inside `root` (or root itself). */
export function focusFirstIn(root: HTMLElement | null): boolean {
  if (!root) return false;
  const target = root.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex="0"]');
  (target ?? root).focus();
  return true;
}

interface ShortcutOptions {
  openNewReport: () => void;
  focusQueue: () => void;
}

export function useShortcuts(options: ShortcutOptions): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  const latest = useRef({ ...options, helpOpen });
  latest.current = { ...options, helpOpen };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const current = latest.current;
      if (event.key === 'Escape' && current.helpOpen) {
        event.preventDefault();
        event.stopImmediatePropagation();
        setHelpOpen(false);
        return;
      }
      if (isTypingTarget(event.target)) return;
      // While the help is open only "?" (and Escape, above) act: it closes first.
      if (current.helpOpen && event.key !== '?') return;
      const run = (act: () => unknown) => {
        event.preventDefault();
        act();
      };
      switch (event.key) {
        case '?':
          return run(() => setHelpOpen((open) => !open));
        case 'n':
          return run(() => current.openNewReport());
        case 'o':
          return run(() => {
            // The recommendation is there when the open report can be offered: tick the best unit and go to "Aanbieden".
            const first = inDetail('[data-testid="recommendation-select"]') as HTMLInputElement | null;
            if (first && !first.checked) first.click();
            const submit = inDetail('[data-testid="offer-submit"]');
            (submit ?? inDetail('[data-testid="dispatch-panel"]'))?.focus();
          });
        case 'b':
          // An unseen emergency first (acknowledged in the emergency panel, not in the banner).
          return run(() =>
            (
              document.querySelector<HTMLButtonElement>('[data-testid="emergency-ack"]:not([disabled])') ??
              document.querySelector<HTMLButtonElement>('[data-testid="alert-banner"] [data-testid="alert-ack"]:not([disabled])')
            )?.click(),
          );
        case 'g':
          return run(() => focusFirstIn(inDetail('.transition-buttons')));
        case 'c':
          return run(() => inDetail('[data-testid="context-panel"]')?.focus());
        case 'q':
          return run(() => current.focusQueue());
      }
    };
    // Capture: the help closes with Escape before the panel does (useConsoleKeys listens on the document too).
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, []);
  return { helpOpen, setHelpOpen };
}
