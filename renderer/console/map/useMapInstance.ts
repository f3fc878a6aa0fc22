import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { type Locale, makeTranslate } from '../i18n';
import {
  BasemapModeControl,
  basemapFallback,
  basemapStyle,
  fallBackWhenBasemapFails,
  hasNightBasemap,
  storedBasemapMode,
  swapBasemap,
} from './basemap';
import { addHotspotLayers, HOTSPOTS_SOURCE } from './hotspotLayers';
import { bindPointer } from './mapPointer';
import type { MapViewProps } from './mapTypes';
import { addReportLayers, REPORTS_SOURCE } from './reportLayers';
import { addSignalLayers, SIGNALS_SOURCE } from './signalLayers';
import { AREAS_SOURCE, addTaskingLayers, provideAreaLabelImage } from './taskingLayers';
import { addUnitLayers, provideLabelImage, UNITS_SOURCE } from './unitLayers';

maplibregl.setWorkerUrl(workerUrl);

/** What e2e tests reach through `window.__meldkamer`. */
export interface MeldkamerTestHook {
  map: maplibregl.Map;
  /**
   * Source ids for `map.getSource(id).getData()`: live reports, live units, today's focus areas, signals
   * (survey and social media) and hotspot cells.
   */
  sources: { reports: string; units: string; areas: string; signals: string; hotspots: string };
}

function setTestHook(hook: MeldkamerTestHook | undefined): void {
  const w = window as unknown as { __meldkamer?: MeldkamerTestHook };
  if (hook) w.__meldkamer = hook;
  else delete w.__meldkamer;
}

/**
 * Creates the map once in `containerRef` with its layers (bottom to top: hotspot cells, focus areas,
 * signals, reports, units) and pointer handlers; `ready` once the layers are there.
 */
export function useMapInstance(
  containerRef: RefObject<HTMLDivElement | null>,
  propsRef: RefObject<MapViewProps>,
  localeRef: RefObject<Locale>,
) {
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { config } = propsRef.current;
    const mode = storedBasemapMode();
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: basemapStyle(config, mode),
        center: config.mapCenter,
        zoom: config.mapZoom,
        attributionControl: { compact: true },
        maxPitch: 0,
        dragRotate: false,
        // Arrow keys belong to the queue (↑/↓ select); the map pans with the mouse.
        keyboard: false,
        fadeDuration: 0,
      });
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    const fellBack = fallBackWhenBasemapFails(map, config, mode);
    map.on('error', (event) => console.warn('map error', event.error));
    // Labels (callsigns, area names) are drawn on a canvas when the style first asks for them.
    map.setMissingStyleImageResolver((id) => {
      if (!provideLabelImage(map, id)) provideAreaLabelImage(map, id);
    });
    map.on('load', () => {
      // What the basemap brought, before the console adds its own layers on top: a day/night switch replaces only these.
      const style = map.getStyle();
      const basemapIds = { layers: new Set(style.layers.map((l) => l.id)), sources: new Set(Object.keys(style.sources)) };
      // After a fallback, what counts is whether the offline basemap has a night palette.
      if (hasNightBasemap(fellBack() ? { ...config, mapStyleUrl: null, mapNightStyleUrl: null } : config)) {
        const title = (current: 'day' | 'night') => makeTranslate(localeRef.current)(current === 'night' ? 'map.basemapToDay' : 'map.basemapToNight');
        // Once the online style has failed, the switch stays with the fallback's day and night.
        const styleFor = (m: 'day' | 'night') => (fellBack() ? basemapFallback(config, m) : null) ?? basemapStyle(config, m);
        map.addControl(new BasemapModeControl(styleFor, (next) => swapBasemap(map, next, basemapIds), title), 'top-right');
      }
      addHotspotLayers(map);
      addTaskingLayers(map);
      addSignalLayers(map);
      addReportLayers(map);
      addUnitLayers(map);
      setReady(true);
      setTestHook({
        map,
        sources: { reports: REPORTS_SOURCE, units: UNITS_SOURCE, areas: AREAS_SOURCE, signals: SIGNALS_SOURCE, hotspots: HOTSPOTS_SOURCE },
      });
    });
    bindPointer(map, propsRef, localeRef);

    const resizeObserver = new ResizeObserver(() => map.resize());
    resizeObserver.observe(container);

    return () => {
      resizeObserver.disconnect();
      setTestHook(undefined);
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, [containerRef, propsRef, localeRef]);

  return { mapRef, ready, error };
}
