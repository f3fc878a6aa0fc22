import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules of WCAG 2.0 and 2.1, levels A and AA (Besluit digitale toegankelijkheid overheid). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe on the page as it is now: no violations, each one listed with its rule, what it is and where, when there are. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${state}`).toEqual([]);
  // axe ran its rules (a page it could not read would pass with nothing checked).
  expect(result.passes.length, `axe checked ${state}`).toBeGreaterThan(0);
}

/**
 * WCAG 1.4.10 (reflow) and 1.4.4 (resize text): at 320 CSS px wide nothing scrolls sideways, and at 640 px with the
 * text at 200 % neither (the same page at 200 % browser zoom on a 1280 px window). The viewport is put back after.
 */
export async function expectReflow(page: Page, state: string): Promise<void> {
  const before = page.viewportSize();
  const overflow = () =>
    page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
  try {
    await page.setViewportSize({ width: 320, height: 640 });
    const narrow = await overflow();
    expect(narrow.scroll, `${state}: no horizontal scrolling at 320 px`).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 640, height: 800 });
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const large = await overflow();
    expect(large.scroll, `${state}: no horizontal scrolling at 200 % text on 640 px`).toBeLessThanOrEqual(640);
  } finally {
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '';
    });
    if (before) await page.setViewportSize(before);
  }
}

/** Both checks: axe, then reflow. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await expectNoAxeViolations(page, state);
  await expectReflow(page, state);
}

/** The focused element shows a focus ring: an outline of at least 2 px, or a box-shadow. */
export async function focusRingOfActive(page: Page): Promise<{ tag: string; id: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return { tag: el.tagName.toLowerCase(), id: el.id || el.getAttribute('name') || el.textContent?.trim().slice(0, 30) || '', visible: outline || shadow };
  });
}
