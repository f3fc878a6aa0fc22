import type { Feature } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { Report } from '../../../server/protocol/report';
import { useT } from '../i18n';
import { offlineStyle } from './basemap';
import {
  addReportLayers,
  CLUSTER_LAYER,
  CLUSTER_MAX_ZOOM,
  diffReports,
  PICK_SOURCE,
  POINT_LAYER,
  REPORTS_SOURCE,
  reportsSource,
} from './reportLayers';

maplibregl.setWorkerUrl(workerUrl);

export interface MapFocusRequest {
  id: string;
  /** Bumped for every request, so centring the same report twice flies twice. */
  n: number;
}

export interface MapViewProps {
  config: ClientConfig;
  reports: readonly Report[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  focus: MapFocusRequest | null;
  /** While set, a click on the map picks a location instead of selecting a report. */
  onPick: ((location: { lat: number; lng: number }) => void) | null;
  pickLocation: { lat: number; lng: number } | null;
}

/** What e2e tests reach through `window.__meldkamer`. */
export interface MeldkamerTestHook {
  map: maplibregl.Map;
}

function setTestHook(hook: MeldkamerTestHook | undefined): void {
  const w = window as unknown as { __meldkamer?: MeldkamerTestHook };
  if (hook) w.__meldkamer = hook;
  else delete w.__meldkamer;
}

const HIT_TOLERANCE_PX = 5;

export function MapView(props: MapViewProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Latest props for the map's event handlers, which are bound once.
  const propsRef = useRef(props);
  propsRef.current = props;
  /** What the `reports` source holds now, to compute updateData diffs. */
  const shownRef = useRef(new Map<string, Report>());

  // ---- create the map once ----
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { config } = propsRef.current;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: config.mapStyleUrl ?? offlineStyle(),
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

    let loaded = false;
    let fellBack = false;
    map.on('error', (event) => {
      console.warn('map error', event.error);
      // A configured basemap that cannot be reached (offline control room): fall back to the bundled one.
      if (!loaded && !fellBack && config.mapStyleUrl) {
        fellBack = true;
        map.setStyle(offlineStyle());
      }
    });
    map.on('load', () => {
      loaded = true;
      addReportLayers(map);
      shownRef.current = new Map();
      setReady(true);
      setTestHook({ map });
    });

    // ---- pointer: select, expand clusters, pick a location, hover ----
    const hitBox = (point: maplibregl.Point): [maplibregl.PointLike, maplibregl.PointLike] => [
      [point.x - HIT_TOLERANCE_PX, point.y - HIT_TOLERANCE_PX],
      [point.x + HIT_TOLERANCE_PX, point.y + HIT_TOLERANCE_PX],
    ];
    map.on('click', (event) => {
      if (!map.getLayer(POINT_LAYER)) return;
      const { onPick, onSelect } = propsRef.current;
      if (onPick) {
        onPick({ lat: round6(event.lngLat.lat), lng: round6(event.lngLat.lng) });
        return;
      }
      const [point] = map.queryRenderedFeatures(hitBox(event.point), { layers: [POINT_LAYER] });
      const id = point?.properties?.id;
      if (typeof id === 'string') {
        onSelect(id);
        return;
      }
      const [cluster] = map.queryRenderedFeatures(hitBox(event.point), { layers: [CLUSTER_LAYER] });
      const clusterId = cluster?.properties?.cluster_id;
      if (typeof clusterId === 'number' && cluster?.geometry.type === 'Point') {
        const center = cluster.geometry.coordinates as [number, number];
        reportsSource(map)
          ?.getClusterExpansionZoom(clusterId)
          .then((zoom) => map.easeTo({ center, zoom: zoom + 0.5 }))
          .catch(() => undefined);
      }
    });

    let hovered: string | null = null;
    const setHover = (id: string | null) => {
      if (id === hovered) return;
      if (hovered !== null) map.setFeatureState({ source: REPORTS_SOURCE, id: hovered }, { hover: false });
      hovered = id;
      if (id !== null) map.setFeatureState({ source: REPORTS_SOURCE, id }, { hover: true });
    };
    map.on('mousemove', (event) => {
      if (!map.getLayer(POINT_LAYER)) return;
      const picking = propsRef.current.onPick !== null;
      const features = map.queryRenderedFeatures(hitBox(event.point), { layers: [POINT_LAYER, CLUSTER_LAYER] });
      const point = features.find((f) => f.layer.id === POINT_LAYER);
      const id = point?.properties?.id;
      setHover(!picking && typeof id === 'string' ? id : null);
      map.getCanvas().style.cursor = picking ? 'crosshair' : features.length > 0 ? 'pointer' : '';
    });
    map.on('mouseout', () => setHover(null));

    const resizeObserver = new ResizeObserver(() => map.resize());
    resizeObserver.observe(container);

    return () => {
      resizeObserver.disconnect();
      setTestHook(undefined);
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, []);

  // ---- reports → source, as diffs ----
  const { reports } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const source = reportsSource(map);
    if (!source) return;
    const diff = diffReports(shownRef.current, reports);
    if (!diff) return;
    shownRef.current = new Map(reports.map((r) => [r.id, r]));
    source.updateData(diff).catch((err: unknown) => console.warn('updateData failed', err));
  }, [ready, reports]);

  // ---- selection → feature-state ----
  const { selectedId } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || selectedId === null) return;
    map.setFeatureState({ source: REPORTS_SOURCE, id: selectedId }, { selected: true });
    return () => {
      if (map.getSource(REPORTS_SOURCE))
        map.setFeatureState({ source: REPORTS_SOURCE, id: selectedId }, { selected: false });
    };
  }, [ready, selectedId]);

  // ---- focus requests → fly ----
  const { focus } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    const report = propsRef.current.reports.find((r) => r.id === focus.id);
    if (!report) return;
    map.flyTo({
      center: [report.lng, report.lat],
      zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 2),
      duration: 700,
      essential: true,
    });
  }, [ready, focus]);

  // ---- pick marker (its own small source; never the live one) ----
  const { pickLocation } = props;
  const picking = props.onPick !== null;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const source = map.getSource<maplibregl.GeoJSONSource>(PICK_SOURCE);
    const features: Feature[] =
      picking && pickLocation
        ? [
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Point', coordinates: [pickLocation.lng, pickLocation.lat] },
            },
          ]
        : [];
    source?.setData({ type: 'FeatureCollection', features });
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [ready, picking, pickLocation]);

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map" data-testid="map" data-ready={ready ? 'true' : 'false'} />
      {!ready && !error && (
        <div className="map-overlay">
          <span className="spinner" aria-hidden="true" /> {t('map.loading')}
        </div>
      )}
      {error && (
        <div className="map-overlay map-error" role="alert">
          {t('map.error', { message: error })}
        </div>
      )}
      {picking && ready && <div className="map-hint">{t('map.pickHint')}</div>}
    </div>
  );
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
