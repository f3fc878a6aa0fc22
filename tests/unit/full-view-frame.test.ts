import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The CSS outside its print rules (the printed shift report lays itself out on paper). */
const screenCss = (css: string) => css.replace(/@media print\s*\{[\s\S]*$/, '');

/**
 * The shift lead's full views (overview, KPIs, shift report, replay, forecast) share one frame, `.full-view` in the
 * console's stylesheet; their own stylesheets add only their layout (each had its near-copy of the frame).
 */
describe('the full views share one frame', () => {
  const views: [component: string, className: string][] = [
    ['renderer/console/overview/OverviewView.tsx', 'full-view ov-view'],
    ['renderer/console/kpi/KpiView.tsx', 'full-view kpi-view'],
    ['renderer/console/shift-report/ShiftReportView.tsx', 'full-view shift-view'],
    ['renderer/console/history/ReplayView.tsx', 'full-view history-view'],
    ['renderer/console/history/ForecastView.tsx', 'full-view history-view'],
  ];

  it('each view is a .full-view', () => {
    for (const [component, className] of views) expect(read(component), component).toContain(`className="${className}"`);
    expect(read('renderer/console/styles.css')).toMatch(/\.full-view \{[^}]*position: absolute;[^}]*inset: 0;/);
  });

  it('no view stylesheet repeats the frame (over the work area, above it, the dark page)', () => {
    for (const css of ['overview/overview.css', 'kpi/kpi.css', 'shift-report/shiftReport.css', 'history/history.css']) {
      const text = screenCss(read(`renderer/console/${css}`));
      expect(text, css).not.toMatch(/inset: 0;\s*z-index: 60;/);
      expect(text, css).not.toMatch(/position: absolute;\s*inset: 0;/);
    }
  });
});
