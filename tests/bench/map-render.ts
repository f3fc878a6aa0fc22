/**
 * The console map under AVL load, in headless Chromium: a real hub (demo data + 5,000 open reports), the console
 * logged in as the dispatcher, 500 real field clients (avl-clients.ts, one fix per 5 s each, staggered) whose fixes
 * reach the page as the hub's `units:positions` batches. Main-thread busy time per second from CDP
 * `Performance.getMetrics` (TaskDuration deltas, sampled every second), in four phases on the same page:
 *
 * - console: the batches go to the app as shipped (units cache → units board and map diff → `updateData`);
 * - idle: the batches are parsed by a tap in the page and dropped (the floor: socket traffic, clock ticks);
 * - GeoJSON: the tap applies each batch to the `units` source as one `updateData` diff (geometry + heading);
 * - DOM markers (baseline): the units layers hidden, one `maplibregl.Marker` per unit, `setLngLat` per fix.
 *
 * The tap wraps `WebSocket.prototype.onmessage` (engine.io-client sets `ws.onmessage`) before the app loads, so the
 * three map variants see the very same batches from the hub.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { createReport } from '../../server/commands/reports';
import { createSession, findUserByUsername, rowToUser } from '../../server/store/users';
import { createFieldUnits } from '../support/field-units';
import type { FieldLogin } from './avl-clients';
import { AvlClients } from './avl-process';
import { type BenchSection, CATEGORIES, DEN_HAAG, ms, prng, QUICK, ratio, say, sleep, startBenchHub, summarize, table } from './support';

const REPORTS = 5_000;
const UNITS = 500;
const INTERVAL_MS = 5_000;
const SETTLE_MS = QUICK ? 1_500 : 2_000;
const PHASE_S = { console: QUICK ? 8 : 12, idle: QUICK ? 5 : 6, geojson: QUICK ? 10 : 30, markers: QUICK ? 10 : 30 };
/** After each CDP window, a traced window for the breakdown (tracing costs a little itself, so it is kept apart). */
const TRACE_S = QUICK ? 3 : 4;
const TRACE_CATEGORIES = ['toplevel', 'gpu', 'devtools.timeline'];
const VIEWPORT = { width: 1600, height: 1000 };
const CHROMIUM = process.env.MELDKAMER_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
const RENDERER_INDEX = fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url));
const MAPLIBRE_MODULE = fileURLToPath(new URL('../../node_modules/maplibre-gl/dist/maplibre-gl.mjs', import.meta.url));
const MAPLIBRE_URL = '/__bench/maplibre-gl.mjs';

type Mode = 'app' | 'idle' | 'apply';

/** What the tap and the phase scripts keep in the page (`window.__bench`). */
interface PageBench {
  mode: Mode;
  apply: ((fixes: PageFix[]) => void) | null;
  batches: number;
  fixes: number;
  renders: number;
  longTasks: number;
  longTaskMs: number;
}

interface PageFix {
  unitId: string;
  lat: number;
  lng: number;
  heading: number | null;
}

/**
 * Runs in the page before the app (an init script, serialized: no outer references). Wraps the `onmessage` setter
 * of WebSocket so `units:positions` frames can be passed to the app ('app'), or parsed here and dropped ('idle') or
 * handed to `__bench.apply` ('apply'). Everything else reaches the app untouched.
 */
function installTap(): void {
  const NAMESPACE_PREFIX = '42/console,';
  const EVENT_PREFIX = '42/console,["units:positions",';
  const bench: PageBench = { mode: 'app', apply: null, batches: 0, fixes: 0, renders: 0, longTasks: 0, longTaskMs: 0 };
  (window as unknown as { __bench: PageBench }).__bench = bench;
  const native = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (!native?.set || !native.get) throw new Error('WebSocket.prototype.onmessage is not an accessor');
  const { get, set } = native;
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    enumerable: native.enumerable ?? true,
    get(this: WebSocket) {
      return get.call(this);
    },
    set(this: WebSocket, handler: ((this: WebSocket, ev: MessageEvent) => unknown) | null) {
      if (typeof handler !== 'function') {
        set.call(this, handler);
        return;
      }
      set.call(this, function (this: WebSocket, ev: MessageEvent) {
        const data: unknown = ev.data;
        if (typeof data === 'string' && data.startsWith(EVENT_PREFIX)) {
          bench.batches++;
          if (bench.mode !== 'app') {
            const [, fixes] = JSON.parse(data.slice(NAMESPACE_PREFIX.length)) as [string, PageFix[]];
            bench.fixes += fixes.length;
            if (bench.mode === 'apply') bench.apply?.(fixes);
            return;
          }
        }
        return handler.call(this, ev);
      });
    },
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longTasks++;
      bench.longTaskMs += entry.duration;
    }
  }).observe({ type: 'longtask', buffered: false });
}

interface Hook {
  map: import('maplibre-gl').Map;
  sources: { reports: string; units: string };
}

async function featureCount(page: Page, which: 'reports' | 'units'): Promise<number> {
  return page.evaluate(async (key) => {
    const hook = (window as unknown as { __meldkamer?: Hook }).__meldkamer;
    if (!hook) return 0;
    const source = hook.map.getSource(hook.sources[key]) as import('maplibre-gl').GeoJSONSource | undefined;
    const data = (await source?.getData()) as GeoJSON.FeatureCollection | undefined;
    return data?.features.length ?? 0;
  }, which);
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`map bench: timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The GeoJSON variant: each batch is one `updateData` diff on the live `units` source (what `diffUnits` sends). */
async function switchToGeoJson(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __meldkamer: Hook }).__meldkamer;
    const bench = (window as unknown as { __bench: PageBench }).__bench;
    const source = hook.map.getSource(hook.sources.units) as import('maplibre-gl').GeoJSONSource;
    const data = (await source.getData()) as GeoJSON.FeatureCollection;
    const known = new Set(data.features.map((f) => String(f.id ?? f.properties?.id)));
    bench.apply = (fixes) => {
      const update: import('maplibre-gl').GeoJSONFeatureDiff[] = [];
      for (const f of fixes) {
        if (!known.has(f.unitId)) continue;
        update.push({
          id: f.unitId,
          newGeometry: { type: 'Point', coordinates: [f.lng, f.lat] },
          addOrUpdateProperties: [{ key: 'heading', value: f.heading ?? 0 }],
        });
      }
      if (update.length > 0) source.updateData({ update }).catch(() => undefined);
    };
    bench.mode = 'apply';
    return known.size;
  });
}

/**
 * The baseline: the units layers hidden, one real `maplibregl.Marker` per unit (a 14 px status dot with a heading
 * arrow and the callsign, as the layers draw it), `setLngLat` + arrow rotation per fix. The app bundle does not expose
 * maplibregl, so the same maplibre-gl build (node_modules, same version) is imported as a module next to it; its
 * Marker is added to the app's map instance.
 */
async function switchToMarkers(page: Page): Promise<{ markers: number; inView: number }> {
  return page.evaluate(async (moduleUrl) => {
    const hook = (window as unknown as { __meldkamer: Hook }).__meldkamer;
    const bench = (window as unknown as { __bench: PageBench }).__bench;
    const maplibre = (await import(moduleUrl)) as typeof import('maplibre-gl');
    const map = hook.map;
    const source = map.getSource(hook.sources.units) as import('maplibre-gl').GeoJSONSource;
    const data = (await source.getData()) as GeoJSON.FeatureCollection;
    for (const layer of map.getStyle().layers) {
      if ('source' in layer && layer.source === hook.sources.units) map.setLayoutProperty(layer.id, 'visibility', 'none');
    }
    const markers = new Map<string, { marker: import('maplibre-gl').Marker; arrow: HTMLElement }>();
    for (const feature of data.features) {
      if (feature.geometry.type !== 'Point') continue;
      const props = feature.properties ?? {};
      const element = document.createElement('div');
      element.style.cssText =
        'width:14px;height:14px;border-radius:50%;box-sizing:border-box;border:2px solid #eef2f6;background:#3fcf6e;position:relative;cursor:pointer';
      const arrow = document.createElement('div');
      arrow.style.cssText =
        'position:absolute;left:1px;top:-11px;width:0;height:0;border-left:4px solid transparent;border-right:4px solid transparent;border-bottom:8px solid #eef2f6;transform-origin:4px 16px';
      arrow.style.transform = `rotate(${Number(props.heading ?? 0)}deg)`;
      const label = document.createElement('div');
      label.textContent = String(props.callsign ?? '');
      label.style.cssText =
        'position:absolute;left:16px;top:-3px;font:600 11px system-ui,sans-serif;color:#eef2f6;background:rgba(11,15,20,.82);padding:1px 5px;border-radius:3px;white-space:nowrap';
      element.append(arrow, label);
      const marker = new maplibre.Marker({ element }).setLngLat(feature.geometry.coordinates as [number, number]).addTo(map);
      markers.set(String(feature.id ?? props.id), { marker, arrow });
    }
    bench.apply = (fixes) => {
      for (const f of fixes) {
        const m = markers.get(f.unitId);
        if (!m) continue;
        m.marker.setLngLat([f.lng, f.lat]);
        m.arrow.style.transform = `rotate(${f.heading ?? 0}deg)`;
      }
    };
    bench.mode = 'apply';
    const canvas = map.getCanvas();
    let inView = 0;
    for (const { marker } of markers.values()) {
      const p = map.project(marker.getLngLat());
      if (p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight) inView++;
    }
    return { markers: markers.size, inView };
  }, MAPLIBRE_URL);
}

interface Counters {
  batches: number;
  fixes: number;
  renders: number;
  longTasks: number;
  longTaskMs: number;
}

const counters = (page: Page): Promise<Counters> =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: PageBench }).__bench;
    return { batches: b.batches, fixes: b.fixes, renders: b.renders, longTasks: b.longTasks, longTaskMs: b.longTaskMs };
  });

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface TraceSplit {
  /** Main-thread tasks (ThreadControllerImpl::RunTask), ms per second. */
  busyMsPerS: number;
  /** Of which blocked on the GPU process (CommandBufferProxyImpl::WaitFor…), ms per second. */
  gpuWaitMsPerS: number;
  /** Of which reading the WebGL canvas back for the software compositor (GLES2::ReadPixels), ms per second. */
  readbackMsPerS: number;
  /** Animation-frame callbacks (the map's render), ms per second. */
  framesMsPerS: number;
  /** Messages from workers (the map's tile results), ms per second. */
  workerMsPerS: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Sums the renderer main thread's tasks and its waits on the GPU process in a Chromium trace. */
function splitTrace(json: Buffer, seconds: number): TraceSplit {
  const parsed = JSON.parse(json.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map<string, TraceSplit>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !e.dur || !mains.has(key)) continue;
    const t = perThread.get(key) ?? { busyMsPerS: 0, gpuWaitMsPerS: 0, readbackMsPerS: 0, framesMsPerS: 0, workerMsPerS: 0 };
    const msPerS = e.dur / 1000 / seconds;
    if (e.name === 'ThreadControllerImpl::RunTask') t.busyMsPerS += msPerS;
    else if (e.name.startsWith('CommandBufferProxyImpl::WaitFor')) t.gpuWaitMsPerS += msPerS;
    else if (e.name === 'GLES2::ReadPixels') t.readbackMsPerS += msPerS;
    else if (e.name === 'FireAnimationFrame') t.framesMsPerS += msPerS;
    else if (e.name === 'HandlePostMessage') t.workerMsPerS += msPerS;
    perThread.set(key, t);
  }
  // The page's renderer is the busiest main thread in the trace.
  const none = { busyMsPerS: Number.NaN, gpuWaitMsPerS: Number.NaN, readbackMsPerS: Number.NaN, framesMsPerS: Number.NaN, workerMsPerS: Number.NaN };
  return [...perThread.values()].sort((a, b) => b.busyMsPerS - a.busyMsPerS)[0] ?? none;
}

interface PhaseResult {
  name: string;
  what: string;
  seconds: number;
  /** Main-thread busy ms in each second (TaskDuration delta). */
  busy: number[];
  scriptMsPerS: number;
  styleLayoutMsPerS: number;
  batchesPerS: number;
  fixesPerS: number;
  rendersPerS: number;
  longTasks: number;
  longTaskMs: number;
  trace: TraceSplit;
}

/** Resolves on the map's next `idle` (nothing left to load or draw), or after `timeoutMs` while it keeps drawing. */
async function mapIdle(page: Page, timeoutMs: number): Promise<void> {
  await page.evaluate(
    (timeout) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __meldkamer: Hook }).__meldkamer.map;
        const timer = setTimeout(resolve, timeout);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
      }),
    timeoutMs,
  );
}

async function measure(browser: Browser, page: Page, cdp: CDPSession, name: string, what: string, seconds: number): Promise<PhaseResult> {
  await sleep(SETTLE_MS);
  await mapIdle(page, 3_000);
  const c0 = await counters(page);
  const m0 = await metrics(cdp);
  const t0 = performance.now();
  const busy: number[] = [];
  let prev = m0;
  for (let s = 1; s <= seconds; s++) {
    await sleep(Math.max(0, t0 + s * 1000 - performance.now()));
    const m = await metrics(cdp);
    busy.push(((m.TaskDuration ?? 0) - (prev.TaskDuration ?? 0)) * 1000);
    prev = m;
  }
  const wallS = (performance.now() - t0) / 1000;
  const c1 = await counters(page);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES, screenshots: false });
  const traceT0 = performance.now();
  await sleep(TRACE_S * 1000);
  const trace = splitTrace(await browser.stopTracing(), (performance.now() - traceT0) / 1000);
  const delta = (key: string) => ((prev[key] ?? 0) - (m0[key] ?? 0)) * 1000;
  const result: PhaseResult = {
    name,
    what,
    seconds: wallS,
    busy,
    scriptMsPerS: delta('ScriptDuration') / wallS,
    styleLayoutMsPerS: (delta('RecalcStyleDuration') + delta('LayoutDuration')) / wallS,
    batchesPerS: (c1.batches - c0.batches) / wallS,
    fixesPerS: (c1.fixes - c0.fixes) / wallS,
    rendersPerS: (c1.renders - c0.renders) / wallS,
    longTasks: c1.longTasks - c0.longTasks,
    longTaskMs: c1.longTaskMs - c0.longTaskMs,
    trace,
  };
  const s = summarize(busy);
  say(
    `map ${name}: main thread ${ms(s.mean)} ms/s (p50 ${ms(s.p50)}, max ${ms(s.max)}), ${result.rendersPerS.toFixed(1)} renders/s, ${result.longTasks} long tasks; ` +
      `traced: ${ms(trace.busyMsPerS)} ms/s busy, ${ms(trace.gpuWaitMsPerS)} ms/s waiting on the GPU process (readback ${ms(trace.readbackMsPerS)})`,
  );
  return result;
}

async function seed(bench: Awaited<ReturnType<typeof startBenchHub>>): Promise<{ logins: FieldLogin[]; reportsMs: number }> {
  const db = bench.hub.store.db;
  const units = await createFieldUnits(bench.hub, UNITS);
  const logins: FieldLogin[] = [];
  for (const u of units) {
    const row = await findUserByUsername(db, u.username);
    if (!row) throw new Error(`no user ${u.username}`);
    logins.push({ unitId: u.unitId, token: (await createSession(db, row.id, 3600_000)).token });
  }
  const dispatcher = await findUserByUsername(db, 'centralist');
  if (!dispatcher) throw new Error('demo user centralist missing');
  const ctx = { ...bench.hub.deps, actor: rowToUser(dispatcher) };
  const random = prng(5000);
  const t0 = performance.now();
  for (let i = 0; i < REPORTS; i++) {
    await createReport(ctx, {
      category: CATEGORIES[i % CATEGORIES.length]!,
      location: {
        lat: Math.round((DEN_HAAG.latMin + random() * (DEN_HAAG.latMax - DEN_HAAG.latMin)) * 1e6) / 1e6,
        lng: Math.round((DEN_HAAG.lngMin + random() * (DEN_HAAG.lngMax - DEN_HAAG.lngMin)) * 1e6) / 1e6,
      },
      address: `Benchstraat ${i + 1}`,
      description: `Bench-melding ${i + 1}: losse stoeptegel bij de ingang`,
      source: 'phone',
      priority: 'normal',
    });
  }
  return { logins, reportsMs: performance.now() - t0 };
}

export async function runMapRender(): Promise<BenchSection> {
  if (!existsSync(RENDERER_INDEX)) throw new Error(`map bench: ${RENDERER_INDEX} is missing; run npm run build:renderer first`);
  if (!existsSync(CHROMIUM)) throw new Error(`map bench: Chromium not found at ${CHROMIUM} (set MELDKAMER_CHROMIUM)`);
  const bench = await startBenchHub('sqlite');
  let browser: Browser | undefined;
  let clients: AvlClients | undefined;
  try {
    const { logins, reportsMs } = await seed(bench);
    say(`map: ${REPORTS} reports created through createReport() in ${ms(reportsMs)} ms; ${UNITS} field units and sessions`);

    const chromiumBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    browser = chromiumBrowser;
    const context = await chromiumBrowser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (err) => say(`map: page error: ${err.message}`));
    // tsx (esbuild keepNames) wraps inner functions in __name(); the serialized page functions need it too.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(installTap);
    await page.route(`**${MAPLIBRE_URL}`, (route) => route.fulfill({ path: MAPLIBRE_MODULE, contentType: 'text/javascript' }));

    const t0 = performance.now();
    await page.goto(bench.url);
    await page.getByTestId('login-username').fill('centralist');
    await page.getByTestId('login-password').fill('centralist');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Boolean((window as unknown as { __meldkamer?: unknown }).__meldkamer), null, { timeout: 30_000 });
    await waitUntil(`${REPORTS} reports on the map`, 60_000, async () => (await featureCount(page, 'reports')) >= REPORTS);
    await waitUntil(`${UNITS} units on the map`, 30_000, async () => (await featureCount(page, 'units')) >= UNITS);
    const reportsShown = await featureCount(page, 'reports');
    await page.evaluate(() => {
      const hook = (window as unknown as { __meldkamer: Hook }).__meldkamer;
      const bench = (window as unknown as { __bench: PageBench }).__bench;
      hook.map.on('render', () => {
        bench.renders++;
      });
    });
    const view = await page.evaluate(() => {
      const map = (window as unknown as { __meldkamer: Hook }).__meldkamer.map;
      const c = map.getCanvas();
      return { zoom: map.getZoom(), width: c.clientWidth, height: c.clientHeight };
    });
    say(`map: console ready with ${reportsShown} reports in ${ms(performance.now() - t0)} ms (map ${view.width}×${view.height} px, zoom ${view.zoom.toFixed(1)})`);

    clients = new AvlClients();
    const ready = await clients.setup({ type: 'setup', url: bench.url, consoles: 0, field: logins });
    say(`map: ${ready.field} field units connected in ${ms(ready.setupMs)} ms`);
    await clients.start(INTERVAL_MS);
    // One full interval, so every unit has moved into the Den Haag box and is sending.
    await sleep(INTERVAL_MS);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const phases: PhaseResult[] = [];
    phases.push(
      await measure(chromiumBrowser, page, cdp, 'console', 'the app as shipped: socket.io → units cache → units board + `diffUnits` → `updateData`', PHASE_S.console),
    );
    await page.evaluate(() => {
      (window as unknown as { __bench: PageBench }).__bench.mode = 'idle';
    });
    phases.push(await measure(chromiumBrowser, page, cdp, 'idle', 'batches parsed by the tap and dropped; units layers static', PHASE_S.idle));
    const known = await switchToGeoJson(page);
    phases.push(await measure(chromiumBrowser, page, cdp, 'GeoJSON', `tap → one \`updateData\` diff per batch on the \`units\` source (${known} features)`, PHASE_S.geojson));
    const markers = await switchToMarkers(page);
    say(`map: ${markers.markers} DOM markers, ${markers.inView} in view`);
    phases.push(
      await measure(chromiumBrowser, page, cdp, 'DOM markers', `tap → \`setLngLat\` + arrow rotation on ${markers.markers} \`maplibregl.Marker\`s (units layers hidden)`, PHASE_S.markers),
    );
    await clients.stop(0);
    return report(phases, { reports: reportsShown, markers: markers.markers, inView: markers.inView, view });
  } finally {
    await clients?.close();
    await browser?.close();
    await bench.stop();
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
      p.name === 'console' ? '(app)' : p.fixesPerS.toFixed(0),
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
      ['the same, without main-thread waits on the GPU process (traced)', ms(net('console')), ms(net('DOM markers')), ratio(net('console'), net('DOM markers'))],
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
      'the `units:positions` frames; everything else reaches the app untouched. The same page runs four phases in turn:',
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
      'figures. In the GeoJSON phase the units layers stay as the app made them (status colour, heading arrow, labels ' +
      'with collision, stale state). The map does not pan or zoom in any phase; while it does, DOM markers are ' +
      'repositioned on every `move` event, which is not measured here.',
    '',
    'SwiftShader draws WebGL on the CPU (in the GPU process), and the hub, the field clients and Chromium share the ' +
      "machine's cores, so a busy machine stretches tasks: TaskDuration is wall time.",
  ].join('\n');
  return { name: 'map-render', title: 'Console map: 5,000 reports and 500 moving units', markdown };
}
