/**
 * What the map bench runs inside the page (tests/bench/map-render.ts): the tap on the hub's `units:positions`
 * frames, the GeoJSON and DOM-marker variants, and the scripted camera moves of the pan-and-zoom phases.
 * Functions passed to `page.evaluate` are serialized: they use no outer references.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const MAPLIBRE_MODULE = fileURLToPath(new URL('../../node_modules/maplibre-gl/dist/maplibre-gl.mjs', import.meta.url));
export const MAPLIBRE_URL = '/__bench/maplibre-gl.mjs';

export type Mode = 'app' | 'idle' | 'apply';

/** What the tap and the phase scripts keep in the page (`window.__bench`). */
export interface PageBench {
  mode: Mode;
  apply: ((fixes: PageFix[]) => void) | null;
  batches: number;
  fixes: number;
  renders: number;
  longTasks: number;
  longTaskMs: number;
}

export interface PageFix {
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
export function installTap(): void {
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

export interface Hook {
  map: import('maplibre-gl').Map;
  sources: { reports: string; units: string };
}

export async function featureCount(page: Page, which: 'reports' | 'units'): Promise<number> {
  return page.evaluate(async (key) => {
    const hook = (window as unknown as { __meldkamer?: Hook }).__meldkamer;
    if (!hook) return 0;
    const source = hook.map.getSource(hook.sources[key]) as import('maplibre-gl').GeoJSONSource | undefined;
    const data = (await source?.getData()) as GeoJSON.FeatureCollection | undefined;
    return data?.features.length ?? 0;
  }, which);
}

/** The GeoJSON variant: each batch is one `updateData` diff on the live `units` source (what `diffUnits` sends). */
export async function switchToGeoJson(page: Page): Promise<number> {
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
export async function switchToMarkers(page: Page): Promise<{ markers: number; inView: number }> {
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

export interface Counters {
  batches: number;
  fixes: number;
  renders: number;
  longTasks: number;
  longTaskMs: number;
}

export const counters = (page: Page): Promise<Counters> =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: PageBench }).__bench;
    return { batches: b.batches, fixes: b.fixes, renders: b.renders, longTasks: b.longTasks, longTaskMs: b.longTaskMs };
  });

export async function setMode(page: Page, mode: Mode): Promise<void> {
  await page.evaluate((m) => {
    (window as unknown as { __bench: PageBench }).__bench.mode = m;
  }, mode);
}

/** Counts the map's `render` events in `__bench.renders`. */
export async function countRenders(page: Page): Promise<void> {
  await page.evaluate(() => {
    const hook = (window as unknown as { __meldkamer: Hook }).__meldkamer;
    const bench = (window as unknown as { __bench: PageBench }).__bench;
    hook.map.on('render', () => {
      bench.renders++;
    });
  });
}

/** The camera path of the pan-and-zoom phases: one camera per animation frame, as a function of time. */
export const PAN = {
  /** Pans a loop of ±0.03° lng and ±0.018° lat (about 2 × 2 km) every 10 s... */
  lngDeg: 0.03,
  latDeg: 0.018,
  loopS: 10,
  /** ...while zooming between zoom − 1 and zoom + 2 (callsigns appear from 14) every 6 s. */
  zoomOut: 1,
  zoomIn: 2,
  zoomS: 6,
};

/**
 * Starts scripted camera moves through the map API: `jumpTo` on every animation frame along PAN's path
 * (a time function, so a slow frame skips ahead rather than slowing the path), as a drag and a wheel would.
 */
export async function startPan(page: Page): Promise<void> {
  await page.evaluate((pan) => {
    const map = (window as unknown as { __meldkamer: Hook }).__meldkamer.map;
    const w = window as unknown as { __pan?: { frame: number; center: [number, number]; zoom: number } };
    const c = map.getCenter();
    const state = { frame: 0, center: [c.lng, c.lat] as [number, number], zoom: map.getZoom() };
    w.__pan = state;
    const t0 = performance.now();
    const mid = state.zoom + (pan.zoomIn - pan.zoomOut) / 2;
    const amplitude = (pan.zoomIn + pan.zoomOut) / 2;
    const step = (t: number) => {
      const s = (t - t0) / 1000;
      const a = (2 * Math.PI * s) / pan.loopS;
      map.jumpTo({
        center: [state.center[0] + pan.lngDeg * Math.sin(a), state.center[1] + pan.latDeg * Math.sin(2 * a)],
        zoom: mid - amplitude * Math.cos((2 * Math.PI * s) / pan.zoomS),
      });
      state.frame = requestAnimationFrame(step);
    };
    state.frame = requestAnimationFrame(step);
  }, PAN);
}

/** Stops the camera moves and puts the camera back where they started. */
export async function stopPan(page: Page): Promise<void> {
  await page.evaluate(() => {
    const map = (window as unknown as { __meldkamer: Hook }).__meldkamer.map;
    const w = window as unknown as { __pan?: { frame: number; center: [number, number]; zoom: number } };
    if (!w.__pan) return;
    cancelAnimationFrame(w.__pan.frame);
    map.jumpTo({ center: w.__pan.center, zoom: w.__pan.zoom });
    delete w.__pan;
  });
}

/** Resolves on the map's next `idle` (nothing left to load or draw), or after `timeoutMs` while it keeps drawing. */
export async function mapIdle(page: Page, timeoutMs: number): Promise<void> {
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
