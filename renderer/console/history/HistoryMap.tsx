import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import { useT } from '../i18n';
import { basemapStyle, storedBasemapMode } from '../map/basemap';
import { PRIORITY_COLORS, STATUS_COLORS } from '../map/reportLayers';
import { UNIT_STATUS_COLORS } from '../map/unitLayers';

maplibregl.setWorkerUrl(workerUrl);

/**
 * The map of the shift lead's look back and forecast: its own MapLibre instance over the basemap with three GeoJSON
 * sources (forecast cells as a heat layer, reports, units), replaced whole with `setData` as the frame changes
 * (at most a few thousand features, a few times a second). No interaction beyond pan and zoom; a click on a cell
 * reports it. e2e tests reach it through `window.__meldkamerHistory`.
 */

export const HISTORY_SOURCES = { cells: 'history-cells', reports: 'history-reports', units: 'history-units' } as const;
type Collection = GeoJSON.FeatureCollection;
const EMPTY: Collection = { type: 'FeatureCollection', features: [] };

function pairs(colors: Record<string, string>): string[] {
  return Object.entries(colors).flat();
}

function addLayers(map: maplibregl.Map): void {
  for (const id of Object.values(HISTORY_SOURCES)) map.addSource(id, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'history-cells-fill',
    type: 'fill',
    source: HISTORY_SOURCES.cells,
    paint: {
      // `heat` is 0..1 of the busiest cell shown: yellow to deep red, more opaque as it grows.
      'fill-color': ['interpolate', ['linear'], ['get', 'heat'], 0, '#ffe066', 0.5, '#ff922b', 1, '#c92a2a'],
      'fill-opacity': ['interpolate', ['linear'], ['get', 'heat'], 0, 0.08, 1, 0.6],
    },
  });
  map.addLayer({
    id: 'history-cells-line',
    type: 'line',
    source: HISTORY_SOURCES.cells,
    paint: { 'line-color': ['case', ['boolean', ['get', 'selected'], false], '#f0e68c', '#ff922b'], 'line-width': ['case', ['boolean', ['get', 'selected'], false], 3, 0.6] },
  });
  map.addLayer({
    id: 'history-reports',
    type: 'circle',
    source: HISTORY_SOURCES.reports,
    paint: {
      'circle-radius': 6,
      'circle-color': ['match', ['get', 'status'], ...pairs(STATUS_COLORS), '#8d99a6'] as unknown as maplibregl.ExpressionSpecification,
      'circle-stroke-color': ['match', ['get', 'priority'], ...pairs(PRIORITY_COLORS), '#0b0f14'] as unknown as maplibregl.ExpressionSpecification,
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'history-units',
    type: 'circle',
    source: HISTORY_SOURCES.units,
    paint: {
      'circle-radius': 7,
      'circle-color': ['match', ['get', 'status'], ...pairs(UNIT_STATUS_COLORS), '#6b7480'] as unknown as maplibregl.ExpressionSpecification,
      'circle-stroke-color': '#0b0f14',
      'circle-stroke-width': 2,
    },
  });
}

interface HistoryMapProps {
  config: ClientConfig;
  cells?: Collection;
  reports?: Collection;
  units?: Collection;
  onCellClick?: (cell: string) => void;
  /** Fit the map to these [west, south, east, north] bounds when they change. */
  bounds?: [number, number, number, number] | null;
}

export function HistoryMap({ config, cells, reports, units, onCellClick, bounds }: HistoryMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const clickRef = useRef(onCellClick);
  clickRef.current = onCellClick;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new maplibregl.Map({
      container,
      style: basemapStyle(config, storedBasemapMode()),
      center: config.mapCenter,
      zoom: config.mapZoom,
      attributionControl: { compact: true },
      maxPitch: 0,
      dragRotate: false,
      // The arrow keys step the replay.
      keyboard: false,
      fadeDuration: 0,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('error', (event) => console.warn('map error', event.error));
    map.on('load', () => {
      addLayers(map);
      setReady(true);
      (window as unknown as { __meldkamerHistory?: unknown }).__meldkamerHistory = { map, sources: HISTORY_SOURCES };
    });
    map.on('click', 'history-cells-fill', (e) => {
      const cell = e.features?.[0]?.properties?.cell;
      if (typeof cell === 'string') clickRef.current?.(cell);
    });
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      delete (window as unknown as { __meldkamerHistory?: unknown }).__meldkamerHistory;
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, [config]);

  useEffect(() => {
    if (ready) (mapRef.current?.getSource(HISTORY_SOURCES.cells) as maplibregl.GeoJSONSource | undefined)?.setData(cells ?? EMPTY);
  }, [ready, cells]);
  useEffect(() => {
    if (ready) (mapRef.current?.getSource(HISTORY_SOURCES.reports) as maplibregl.GeoJSONSource | undefined)?.setData(reports ?? EMPTY);
  }, [ready, reports]);
  useEffect(() => {
    if (ready) (mapRef.current?.getSource(HISTORY_SOURCES.units) as maplibregl.GeoJSONSource | undefined)?.setData(units ?? EMPTY);
  }, [ready, units]);
  useEffect(() => {
    if (ready && bounds) mapRef.current?.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 15 });
  }, [ready, bounds]);

  return (
    // The console's .map-wrap fills its positioned parent: here that is this grid cell.
    <div className="history-map">
      <div className="map-wrap">
        <div ref={containerRef} className="map" data-testid="history-map" data-ready={ready ? 'true' : 'false'} />
        {!ready && (
          <div className="map-overlay">
            <span className="spinner" aria-hidden="true" /> {t('map.loading')}
          </div>
        )}
      </div>
    </div>
  );
}
