import { type RefObject, useLayoutEffect } from 'react';

const STEPS = 7;

/**
 * A wall nobody scrolls: shrinks the type of `ref`'s element (the CSS variable --fit, a factor of its font size) until
 * its content fits its height, in a few halving steps; back to full size when there is room again (a new `content`,
 * another screen size). Never below `min`.
 */
export function useFitToHeight(ref: RefObject<HTMLElement | null>, content: unknown, min = 0.5): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: content is what is measured: new figures fit again
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fits = (factor: number) => {
      el.style.setProperty('--fit', String(factor));
      return el.scrollHeight <= el.clientHeight;
    };
    const shrinkToFit = () => {
      if (fits(1)) return;
      let [low, high] = [min, 1];
      for (let i = 0; i < STEPS; i++) {
        const mid = (low + high) / 2;
        if (fits(mid)) low = mid;
        else high = mid;
      }
      fits(low);
    };
    shrinkToFit();
    const observer = new ResizeObserver(shrinkToFit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, content, min]);
}
