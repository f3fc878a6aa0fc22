import { type RefObject, useEffect } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, canvas, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps the map's controls (MapLibre's canvas and buttons, the address search on the map, legend and layers) out
 * of the Tab order, so Tab goes from the queue to the open report in a few presses. They stay usable with the
 * mouse, by a click or `.focus()`; the map is a pointing surface, the keyboard has the queue, search and shortcuts.
 * Controls that appear later (MapLibre adds its own) are taken out as they come (MutationObserver).
 */
export function useMapOutOfTabOrder(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const apply = () => {
      for (const el of element.querySelectorAll<HTMLElement>(FOCUSABLE)) {
        if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => observer.disconnect();
  }, [root]);
}
