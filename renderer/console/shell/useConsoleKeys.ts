import { type RefObject, useEffect, useRef } from 'react';
import type { QueueRow } from '../../../server/protocol/report-queue';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface ConsoleKeysOptions {
  filterRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLDivElement | null>;
  /** The queue as shown (filtered), in order. */
  visible: readonly QueueRow[];
  selectedId: string | null;
  sideOpen: boolean;
  closeSide: () => void;
  selectInQueue: (id: string) => void;
  openSelected: (id: string) => void;
}

/**
 * The console's keys: ↑/↓ select in the queue, Enter centres the map on the selected report and opens it,
 * / focuses the filter, Esc leaves a field in the side panel, then closes the panel (in the filter: back
 * to the list). Keys typed into other fields are theirs.
 */
export function useConsoleKeys(options: ConsoleKeysOptions): void {
  // Bound once; reads the latest state through the ref.
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const { filterRef, listRef, visible, selectedId, sideOpen, closeSide, selectInQueue, openSelected } = latest.current;
      const inFilter = event.target === filterRef.current;
      const typing = isTypingTarget(event.target);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
        return;
      }
      if (event.key === 'Escape' && !inFilter) {
        if (typing) {
          if (event.target instanceof HTMLElement && event.target.closest('.detail-panel')) event.target.blur();
          return;
        }
        if (sideOpen) {
          event.preventDefault();
          closeSide();
          listRef.current?.focus({ preventScroll: true });
          return;
        }
      }
      if (typing && !inFilter) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (visible.length === 0) return;
        event.preventDefault();
        const index = visible.findIndex((r) => r.id === selectedId);
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const nextIndex = index < 0 ? 0 : Math.min(visible.length - 1, Math.max(0, index + step));
        selectInQueue(visible[nextIndex]!.id);
        return;
      }
      const onControl = event.target instanceof Element && event.target.closest('button, a, summary, [role=button]');
      if (event.key === 'Enter' && selectedId && !onControl) {
        event.preventDefault();
        openSelected(selectedId);
        return;
      }
      if (event.key === 'Escape' && inFilter) {
        filterRef.current?.blur();
        listRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
