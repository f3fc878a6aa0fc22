/**
 * The console map under AVL load, in headless Chromium (set-up: map-session.ts; page scripts: map-page.ts;
 * measuring: map-measure.ts). Main-thread busy time per second from CDP `Performance.getMetrics` (TaskDuration
 * deltas, sampled every second) and a traced split, in six phases on the same page:
 *
 * - console: the batches go to the app as shipped (units cache → units board and map drawer → `updateData`);
 * - console, panning: the same while the camera pans and zooms on every animation frame (map-page.ts `startPan`);
 * - idle: the batches are parsed by a tap in the page and dropped (the floor: socket traffic, clock ticks);
 * - GeoJSON: the tap applies each batch to the `units` source as one `updateData` diff (geometry + heading);
 * - DOM markers (baseline): the units layers hidden, one `maplibregl.Marker` per unit, `setLngLat` per fix;
 * - DOM markers, panning: the same while the camera pans and zooms.
 *
 * The tap wraps `WebSocket.prototype.onmessage` (engine.io-client sets `ws.onmessage`) before the app loads, so the
 * map variants see the very same batches from the hub.
 */
import { measure, type PhaseResult, SETTLE_MS, TRACE_CATEGORIES, TRACE_S } from './map-measure';
import { PAN, setMode, startPan, stopPan, switchToGeoJson, switchToMarkers } from './map-page';
import { CHROMIUM, CHROMIUM_ARGS, INTERVAL_MS, type MapSession, openMapSession, REPORTS, UNITS, VIEWPORT } from './map-session';
import { type BenchSection, ms, QUICK, ratio, say, summarize, table } from './support';

const PHASE_S = { console: QUICK ? 8 : 12, panning: QUICK ? 8 : 15, idle: QUICK ? 5 : 6, geojson: QUICK ? 10 : 30, markers: QUICK ? 10 : 30 };
export const PANNING = { console: 'console, panning', markers: 'DOM markers, panning' } as const;
const CONSOLE_WHAT = 'the app as shipped: socket.io → units cache → units board + map drawer (unitCoalescer.ts) → `updateData`';

/** A phase with the camera moving through the map API the whole time (started before the settle time). */
export async function measurePanning(session: MapSession, name: string, what: string, seconds: number): Promise<PhaseResult> {
  await startPan(session.page);
  try {
    return await measure(session.browser, session.page, session.cdp, { name, what, seconds, moving: true });
  } finally {
    await stopPan(session.page);
  }
}

export async function runMapRender(): Promise<BenchSection> {
  const session = await openMapSession(say);
  try {
    const { browser, page, cdp } = session;
    const phases: PhaseResult[] = [];
    phases.push(await measure(browser, page, cdp, { name: 'console', what: CONSOLE_WHAT, seconds: PHASE_S.console }));
    phases.push(await measurePanning(session, PANNING.console, `${CONSOLE_WHAT}, camera moving`, PHASE_S.panning));
    await setMode(page, 'idle');
    phases.push(await measure(browser, page, cdp, { name: 'idle', what: 'batches parsed by the tap and dropped; units layers static', seconds: PHASE_S.idle }));
    const known = await switchToGeoJson(page);
    phases.push(
      await measure(browser, page, cdp, {
        name: 'GeoJSON',
        what: `tap → one \`updateData\` diff per batch on the \`units\` source (${known} features)`,
        seconds: PHASE_S.geojson,
      }),
    );
    const markers = await switchToMarkers(page);
    say(`map: ${markers.markers} DOM markers, ${markers.inView} in view`);
    const markersWhat = `tap → \`setLngLat\` + arrow rotation on ${markers.markers} \`maplibregl.Marker\`s (units layers hidden)`;
    phases.push(await measure(browser, page, cdp, { name: 'DOM markers', what: markersWhat, seconds: PHASE_S.markers }));
    phases.push(await measurePanning(session, PANNING.markers, `${markersWhat}, camera moving`, PHASE_S.panning));
    return report(phases, { reports: session.info.reports, markers: markers.markers, inView: markers.inView, view: session.info.view });
  } finally {
    await session.close();
  }
}

function report(
  phases: PhaseResult[],
  info: { reports: number; markers: number; inView: number; view: { zoom: number; width: number; height: number } },
): BenchSection {
  const get = (name: string) => phases.find((p) => p.name === name)!;
  const mean = (p: PhaseResult) => summarize(p.busy).mean;
  const rows = phases.map((p) => {
    const s = summarize(p.busy);
    return [
      p.name,
      p.what,
      `${p.seconds.toFixed(0)} s`,
      p.batchesPerS.toFixed(2),
      p.name.startsWith('console') ? '(app)' : p.fixesPerS.toFixed(0),
      `**${ms(s.mean)}**`,
      `${ms(s.p50)} / ${ms(s.max)}`,
      ms(p.scriptMsPerS),
      ms(p.styleLayoutMsPerS),
      `${p.longTasks} / ${ms(p.longTaskMs)}`,
      p.rendersPerS.toFixed(1),
      `${ms(p.trace.busyMsPerS)} / ${ms(p.trace.gpuWaitMsPerS)} (${ms(p.trace.readbackMsPerS)})`,
      `${ms(p.trace.framesMsPerS)} / ${ms(p.trace.workerMsPerS)}`,
      `**${ms(p.trace.busyMsPerS - p.trace.gpuWaitMsPerS)}**`,
    ];
  });
  // The idle floor: its median second (one straggling frame of the phase before would skew the mean).
  const idle = summarize(get('idle').busy).p50;
  const geo = mean(get('GeoJSON'));
  const dom = mean(get('DOM markers'));
  const app = mean(get('console'));
  const net = (name: string) => {
    const t = get(name).trace;
    return t.busyMsPerS - t.gpuWaitMsPerS;
  };
  const ratios = table(
    ['comparison', 'ms/s', 'DOM markers ms/s', 'ratio'],
    [
      ['GeoJSON source / DOM markers (CDP TaskDuration)', ms(geo), ms(dom), ratio(geo, dom)],
      ['the same, idle floor subtracted from both', ms(geo - idle), ms(dom - idle), ratio(geo - idle, dom - idle)],
      ['the same, without main-thread waits on the GPU process (traced)', ms(net('GeoJSON')), ms(net('DOM markers')), ratio(net('GeoJSON'), net('DOM markers'))],
      ['console as shipped / DOM markers (CDP TaskDuration)', ms(app), ms(dom), ratio(app, dom)],
      ['the same, idle floor subtracted from both', ms(app - idle), ms(dom - idle), ratio(app - idle, dom - idle)],
      ['**the same, without main-thread waits on the GPU process (traced)**', ms(net('console')), ms(net('DOM markers')), `**${ratio(net('console'), net('DOM markers'))}**`],
      ['panning and zooming: console as shipped / DOM markers (CDP TaskDuration)', ms(mean(get(PANNING.console))), ms(mean(get(PANNING.markers))), ratio(mean(get(PANNING.console)), mean(get(PANNING.markers)))],
      ['**panning and zooming: the same, without main-thread waits on the GPU process (traced)**', ms(net(PANNING.console)), ms(net(PANNING.markers)), `**${ratio(net(PANNING.console), net(PANNING.markers))}**`],
    ],
  );
  const markdown = [
    `A real hub in this process (\`startBenchHub\`, SQLite, demo data) with ${info.reports.toLocaleString('en-US')} open ` +
      `reports (${REPORTS.toLocaleString('en-US')} created through \`createReport()\` at random spots in the Den Haag box, plus ` +
      `the demo's) and ${UNITS} extra units with field users. Headless Debian Chromium (\`${CHROMIUM}\`, ` +
      `\`${CHROMIUM_ARGS.join(' ')}\`), ${VIEWPORT.width}×${VIEWPORT.height} viewport, the console logged in as the ` +
      `dispatcher; the map is ${info.view.width}×${info.view.height} px at zoom ${info.view.zoom.toFixed(0)} (reports ` +
      `clustered). ${UNITS} real field clients (socket.io-client on \`/field\`, in a child process) send a fix every ` +
      `${INTERVAL_MS / 1000} s each, staggered, moving ~25 m per fix inside the Den Haag box; the hub batches them to the ` +
      'console as `units:positions` about once a second (~100 fixes per batch).',
    '',
    'A tap in the page (an init script wrapping `WebSocket.prototype.onmessage`, which engine.io-client uses) routes ' +
      'the `units:positions` frames; everything else reaches the app untouched. The same page runs six phases in turn ' +
      `(the two "panning" phases move the camera on every animation frame through \`map.jumpTo\` along a loop of ` +
      `±${PAN.lngDeg}° lng / ±${PAN.latDeg}° lat every ${PAN.loopS} s while zooming between ${(info.view.zoom - PAN.zoomOut).toFixed(0)} and ` +
      `${(info.view.zoom + PAN.zoomIn).toFixed(0)} every ${PAN.zoomS} s, as a drag and the wheel would, while the fixes keep coming):`,
    '',
    table(
      [
        'phase',
        'what happens per batch',
        'measured',
        'batches/s',
        'fixes/s',
        'main thread ms/s',
        'p50 / max second',
        'script ms/s',
        'style + layout ms/s',
        'long tasks (n / ms)',
        'map renders/s',
        `traced ${TRACE_S} s: busy / GPU waits (readback) ms/s`,
        'traced: map frames / worker messages ms/s',
        'busy without GPU waits ms/s',
      ],
      rows,
    ),
    '',
    'Main-thread time spent per second, against the DOM-marker baseline:',
    '',
    ratios,
    '',
    `Main thread ms/s: CDP \`Performance.getMetrics\` \`TaskDuration\` (wall time of all tasks on the renderer's main ` +
      'thread), sampled every second; the mean over the phase, and the median and worst single second (a task that ' +
      'spans a sample boundary can push one second past 1000). "script" and "style + layout": `ScriptDuration` and ' +
      '`RecalcStyleDuration` + `LayoutDuration` over the phase. Long tasks: a `PerformanceObserver` for `longtask` ' +
      `(> 50 ms). Map renders: the map's \`render\` events. Each phase starts ${SETTLE_MS / 1000} s after switching and ` +
      'after the map\'s next `idle` (at most 3 s). The idle floor subtracted in the ratios is the idle phase\'s median ' +
      'second.',
    '',
    `Traced: after each CDP window, a ${TRACE_S} s Chromium trace of the same phase (categories ` +
      `${TRACE_CATEGORIES.map((c) => `\`${c}\``).join(', ')}; kept apart because tracing costs a little itself). ` +
      'busy = `ThreadControllerImpl::RunTask` on the renderer main thread; GPU waits = `CommandBufferProxyImpl::WaitFor…` ' +
      '(the main thread blocked on the GPU process), of which readback = `GLES2::ReadPixels`: with `--disable-gpu` ' +
      'Chromium composites in software, so every new frame of the WebGL canvas is read back from SwiftShader ' +
      'synchronously in the compositor commit, which waits until SwiftShader has drawn it on the CPU. That wait is an ' +
      'artefact of this headless set-up (a GPU-composited browser does not read the canvas back), hence the "without ' +
      'GPU waits" column and ratio. "map frames" = `FireAnimationFrame` (the map\'s render: layer updates, symbol ' +
      'placement, issuing GL commands); "worker messages" = `HandlePostMessage` (the tiles the map\'s workers rebuild ' +
      'after each `updateData`).',
    '',
    `The DOM-marker baseline uses a real \`maplibregl.Marker\` from the same maplibre-gl build (the app bundle does not ` +
      'expose maplibregl, so `node_modules/maplibre-gl/dist/maplibre-gl.mjs`, the same version, is imported into the ' +
      "page next to it) added to the app's own map instance: a 14 px status dot with a heading arrow and the callsign, " +
      `as the layers draw it (${info.inView} of ${info.markers} in view). Markers move by CSS transform and never ` +
      "redraw the map canvas; their compositing (one layer per marker) happens off the main thread and is not in these " +
      'figures, but repositioning them on every `move` of the camera is (the panning phases). In the GeoJSON phase the ' +
      'units layers stay as the app made them (status colour, heading arrow, callsigns from zoom 14, stale state), ' +
      "but each batch is drawn at once; the console draws them as renderer/console/map/unitCoalescer.ts says (news at " +
      'the next frame, positions every 5 s while the camera rests and every 1 s while it moves, units out of view ' +
      'when the view reaches them).',
    '',
    'SwiftShader draws WebGL on the CPU (in the GPU process), and the hub, the field clients and Chromium share the ' +
      "machine's cores, so a busy machine stretches tasks: TaskDuration is wall time.",
  ].join('\n');
  return { name: 'map-render', title: 'Console map: 5,000 reports and 500 moving units', markdown };
}
