/**
 * Issue 11, console map: the console's main thread with 5,000 reports and 500 units sending a fix every 5 s,
 * headless as `npm run bench -- map-render` runs it (its own small hub, not the 1M fixture), on the traced
 * "busy without GPU waits" figure (the main thread's tasks minus its waits on SwiftShader, an artefact of this
 * machine), against 500 DOM markers fed the same batches in the same page: with the camera at rest, and while it
 * pans and zooms on every animation frame.
 */
import type { PhaseResult } from '../../map-measure';
import { measure } from '../../map-measure';
import { switchToMarkers } from '../../map-page';
import { measurePanning, PANNING } from '../../map-render';
import { openMapSession } from '../../map-session';
import type { CheckGoal, GoalLine } from '../goal';

const busyWithoutGpuWaits = (p: PhaseResult) => p.trace.busyMsPerS - p.trace.gpuWaitMsPerS;

function line(goal: string, console: PhaseResult, markers: PhaseResult): GoalLine {
  const a = busyWithoutGpuWaits(console);
  const b = busyWithoutGpuWaits(markers);
  return {
    goal,
    measured: b > 0 ? a / b : Number.NaN,
    target: 1,
    unit: '×',
    better: 'lower',
    note: `console ${a.toFixed(1)} ms/s, DOM markers ${b.toFixed(1)} ms/s (traced, without GPU waits); ${console.rendersPerS.toFixed(1)} / ${markers.rendersPerS.toFixed(1)} map renders/s`,
  };
}

export default {
  name: 'console-map',
  needs: ['chromium'],
  async run({ quick, say }) {
    const seconds = quick ? 6 : 10;
    const session = await openMapSession(say);
    try {
      const { browser, page, cdp } = session;
      const app = await measure(browser, page, cdp, { name: 'console', what: 'as shipped', seconds });
      const appPanning = await measurePanning(session, PANNING.console, 'as shipped, camera moving', seconds);
      const markers = await switchToMarkers(page);
      say(`${markers.markers} DOM markers, ${markers.inView} in view`);
      const dom = await measure(browser, page, cdp, { name: 'DOM markers', what: 'baseline', seconds });
      const domPanning = await measurePanning(session, PANNING.markers, 'baseline, camera moving', seconds);
      return [
        line('console map, 500 units: main thread busy (no GPU waits) vs DOM markers', app, dom),
        line('console map, 500 units, panning + zooming: main thread busy (no GPU waits) vs DOM markers', appPanning, domPanning),
      ];
    } finally {
      await session.close();
    }
  },
} satisfies CheckGoal;
