import type { Feature } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { FocusArea, Unit } from '../../../server/protocol/dispatch';
import type { Hotspot, Signal } from '../../../server/protocol/intake';
import type { Report } from '../../../server/protocol/report';
import { useUnits } from '../api/dispatchQueries';
import { roundCoordinate } from '../../shared/geo/coordinates';
import { formatDateTime, useI18n } from '../i18n';
import { offlineStyle } from './basemap';
import { addHotspotLayers, HOTSPOT_FILL_LAYER, HOTSPOT_LAYERS, HOTSPOTS_SOURCE, setHotspots } from './hotspotLayers';
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
import {
  addSignalLayers,
  diffSignals,
  SIGNAL_LAYER,
  SIGNALS_SOURCE,
  setLayerVisible,
  signalsSource,
} from './signalLayers';
import { addTaskingLayers, AREAS_SOURCE, provideAreaLabelImage, setAreas, setDraft } from './taskingLayers';
import {
  addUnitLayers,
  diffUnits,
  provideLabelImage,
  type ShownUnit,
  UNIT_POINT_LAYER,
  UNITS_SOURCE,
  unitsSource,
} from './unitLayers';

maplibregl.setWorkerUrl(workerUrl);

/** Fly to a report (`id`), a unit (`unitId`), a spot (`at`) or an area (`bounds`: [[w, s], [e, n]]). */
export interface MapFocusRequest {
  id?: string;
  unitId?: string;
  at?: { lat: number; lng: number };
  bounds?: [[number, number], [number, number]];
  /** Bumped for every request, so centring the same report twice flies twice. */
  n: number;
}

/** Drawing a polygon: every click adds a corner; a double click finishes (Enter/Esc are the caller's). */
export interface MapDrawing {
  onPoint: (point: [number, number]) => void;
  onFinish: () => void;
}

/** How often "older than 2 minutes" is re-evaluated for the units shown. */
const STALE_CHECK_MS = 10_000;

export interface MapViewProps {
  config: ClientConfig;
  reports: readonly Report[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  focus: MapFocusRequest | null;
  /** While set, a click on the map picks a location instead of selecting a report. */
  onPick: ((location: { lat: number; lng: number }) => void) | null;
  pickLocation: { lat: number; lng: number } | null;
  /** Live units in their own layer (read from the units cache here, so a fix re-renders only the map). */
  showUnits?: boolean;
  selectedUnitId?: string | null;
  onSelectUnit?: (id: string) => void;
  /** Units with an open emergency alert: a red ring. */
  emergencyUnitIds?: readonly string[];
  /** Today's focus areas. */
  areas?: readonly FocusArea[];
  highlightAreaId?: string | null;
  /** The polygon being drawn or waiting to be saved ([lng, lat] corners). */
  draft?: readonly [number, number][];
  /** While set, clicks add corners to the draft. */
  drawing?: MapDrawing | null;
  /** Survey and social-media signals (their own layer, shown when `showSignals`). */
  signals?: readonly Signal[];
  showSignals?: boolean;
  /** Hotspot cells (their own layer, shown when `showHotspots`); a click on one calls `onSelectHotspot`. */
  hotspots?: readonly Hotspot[];
  showHotspots?: boolean;
  highlightCell?: string | null;
  onSelectHotspot?: (cell: string) => void;
}

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

const HIT_TOLERANCE_PX = 5;

export function MapView(props: MapViewProps) {
  const { t, locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Latest props for the map's event handlers, which are bound once.
  const propsRef = useRef(props);
  propsRef.current = props;
  /** What the `reports` source holds now, to compute updateData diffs. */
  const shownRef = useRef(new Map<string, Report>());
  /** What the `units` source holds now. */
  const shownUnitsRef = useRef(new Map<string, ShownUnit>());
  /** Ids the `signals` source holds now. */
  const shownSignalsRef = useRef(new Set<string>());

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
    // Labels (callsigns, area names) are drawn on a canvas when the style first asks for them.
    map.setMissingStyleImageResolver((id) => {
      if (!provideLabelImage(map, id)) provideAreaLabelImage(map, id);
    });
    map.on('load', () => {
      loaded = true;
      // Bottom to top: hotspot cells, focus areas, signals, reports, units.
      addHotspotLayers(map);
      addTaskingLayers(map);
      addSignalLayers(map);
      addReportLayers(map);
      addUnitLayers(map);
      shownRef.current = new Map();
      shownUnitsRef.current = new Map();
      shownSignalsRef.current = new Set();
      setReady(true);
      setTestHook({
        map,
        sources: {
          reports: REPORTS_SOURCE,
          units: UNITS_SOURCE,
          areas: AREAS_SOURCE,
          signals: SIGNALS_SOURCE,
          hotspots: HOTSPOTS_SOURCE,
        },
      });
    });

    // ---- pointer: select, expand clusters, pick a location, hover ----
    const hitBox = (point: maplibregl.Point): [maplibregl.PointLike, maplibregl.PointLike] => [
      [point.x - HIT_TOLERANCE_PX, point.y - HIT_TOLERANCE_PX],
      [point.x + HIT_TOLERANCE_PX, point.y + HIT_TOLERANCE_PX],
    ];
    // One popup for the signal clicked last (its text); never a marker per signal.
    const popup = new maplibregl.Popup({ closeButton: true, closeOnClick: true, maxWidth: '320px', className: 'signal-popup' });
    map.on('click', (event) => {
      if (!map.getLayer(POINT_LAYER)) return;
      const { onPick, onSelect, drawing, onSelectUnit } = propsRef.current;
      if (drawing) {
        drawing.onPoint([roundCoordinate(event.lngLat.lng), roundCoordinate(event.lngLat.lat)]);
        return;
      }
      if (onPick) {
        onPick({ lat: roundCoordinate(event.lngLat.lat), lng: roundCoordinate(event.lngLat.lng) });
        return;
      }
      if (onSelectUnit && map.getLayer(UNIT_POINT_LAYER)) {
        const [unit] = map.queryRenderedFeatures(hitBox(event.point), { layers: [UNIT_POINT_LAYER] });
        const unitId = unit?.properties?.id;
        if (typeof unitId === 'string') {
          onSelectUnit(unitId);
          return;
        }
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
        return;
      }
      if (propsRef.current.showSignals && map.getLayer(SIGNAL_LAYER)) {
        const [signal] = map.queryRenderedFeatures(hitBox(event.point), { layers: [SIGNAL_LAYER] });
        if (signal?.geometry.type === 'Point') {
          const p = signal.properties ?? {};
          const when = typeof p.occurredAt === 'string' ? formatDateTime(p.occurredAt, localeRef.current) : '';
          const head = [p.channel, p.place, when].filter((x) => typeof x === 'string' && x !== '').join(' · ');
          popup
            .setLngLat(signal.geometry.coordinates as [number, number])
            .setText(`${head}\n${typeof p.text === 'string' ? p.text : ''}`)
            .addTo(map);
          return;
        }
      }
      const { onSelectHotspot, showHotspots } = propsRef.current;
      if (onSelectHotspot && showHotspots && map.getLayer(HOTSPOT_FILL_LAYER)) {
        const [cell] = map.queryRenderedFeatures(event.point, { layers: [HOTSPOT_FILL_LAYER] });
        if (typeof cell?.properties?.cell === 'string') onSelectHotspot(cell.properties.cell);
      }
    });

    map.on('dblclick', (event) => {
      const { drawing } = propsRef.current;
      if (!drawing) return;
      // The two clicks before it already added the corner (twice: the finisher drops the repeat).
      event.preventDefault();
      drawing.onFinish();
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
      const picking = propsRef.current.onPick !== null || Boolean(propsRef.current.drawing);
      const layers = [POINT_LAYER, CLUSTER_LAYER];
      if (map.getLayer(UNIT_POINT_LAYER)) layers.push(UNIT_POINT_LAYER);
      if (propsRef.current.showSignals && map.getLayer(SIGNAL_LAYER)) layers.push(SIGNAL_LAYER);
      const features = map.queryRenderedFeatures(hitBox(event.point), { layers });
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
  const unitsRef = useRef<readonly Unit[]>([]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    if (focus.bounds) {
      map.fitBounds(focus.bounds, { padding: 60, duration: 700, maxZoom: 16, essential: true });
      return;
    }
    let center: [number, number] | null = null;
    if (focus.at) center = [focus.at.lng, focus.at.lat];
    else if (focus.unitId) {
      const position = unitsRef.current.find((u) => u.id === focus.unitId)?.position;
      if (position) center = [position.lng, position.lat];
    } else if (focus.id) {
      const report = propsRef.current.reports.find((r) => r.id === focus.id);
      if (report) center = [report.lng, report.lat];
    }
    if (!center) return;
    map.flyTo({ center, zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 2), duration: 700, essential: true });
  }, [ready, focus]);

  // ---- units → their own source, as diffs (a fix is a geometry update, never setData) ----
  const showUnits = props.showUnits ?? false;
  const unitsQuery = useUnits(showUnits);
  const units = unitsQuery.data?.units;
  if (units) unitsRef.current = units;
  const [staleTick, setStaleTick] = useState(0);
  useEffect(() => {
    if (!showUnits) return;
    const timer = setInterval(() => setStaleTick((n) => n + 1), STALE_CHECK_MS);
    return () => clearInterval(timer);
  }, [showUnits]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !units) return;
    void staleTick;
    const source = unitsSource(map);
    if (!source) return;
    const diff = diffUnits(shownUnitsRef.current, units, Date.now());
    if (diff) source.updateData(diff).catch((err: unknown) => console.warn('updateData (units) failed', err));
  }, [ready, units, staleTick]);

  // ---- unit selection and emergencies → feature-state ----
  const selectedUnitId = props.selectedUnitId ?? null;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || selectedUnitId === null) return;
    map.setFeatureState({ source: UNITS_SOURCE, id: selectedUnitId }, { selected: true });
    return () => {
      if (map.getSource(UNITS_SOURCE)) map.setFeatureState({ source: UNITS_SOURCE, id: selectedUnitId }, { selected: false });
    };
  }, [ready, selectedUnitId]);
  const emergencyKey = (props.emergencyUnitIds ?? []).join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !emergencyKey) return;
    const ids = emergencyKey.split(',');
    for (const id of ids) map.setFeatureState({ source: UNITS_SOURCE, id }, { emergency: true });
    return () => {
      if (!map.getSource(UNITS_SOURCE)) return;
      for (const id of ids) map.setFeatureState({ source: UNITS_SOURCE, id }, { emergency: false });
    };
  }, [ready, emergencyKey]);

  // ---- focus areas and the polygon being drawn ----
  const { areas, highlightAreaId, drawing, draft } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setAreas(map, areas ?? []);
  }, [ready, areas]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !highlightAreaId) return;
    map.setFeatureState({ source: AREAS_SOURCE, id: highlightAreaId }, { highlight: true });
    return () => {
      if (map.getSource(AREAS_SOURCE)) map.setFeatureState({ source: AREAS_SOURCE, id: highlightAreaId }, { highlight: false });
    };
  }, [ready, highlightAreaId]);
  const isDrawing = Boolean(drawing);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setDraft(map, draft ?? []);
  }, [ready, draft]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // A double click finishes the polygon instead of zooming.
    if (isDrawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = isDrawing ? 'crosshair' : '';
  }, [ready, isDrawing]);

  // ---- signals → their own source, as diffs (stored signals never change: adds and removes only) ----
  const { signals, showSignals = false } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !signals) return;
    const source = signalsSource(map);
    if (!source) return;
    const diff = diffSignals(shownSignalsRef.current, signals);
    if (!diff) return;
    shownSignalsRef.current = new Set(signals.map((s) => s.id));
    source.updateData(diff).catch((err: unknown) => console.warn('updateData (signals) failed', err));
  }, [ready, signals]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setLayerVisible(map, [SIGNAL_LAYER], showSignals);
  }, [ready, showSignals]);

  // ---- hotspot cells (an aggregate: replaced), their visibility and the highlighted cell ----
  const { hotspots, showHotspots = false, highlightCell = null } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !hotspots) return;
    setHotspots(map, hotspots);
  }, [ready, hotspots]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setLayerVisible(map, HOTSPOT_LAYERS, showHotspots);
  }, [ready, showHotspots]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !highlightCell) return;
    map.setFeatureState({ source: HOTSPOTS_SOURCE, id: highlightCell }, { highlight: true });
    return () => {
      if (map.getSource(HOTSPOTS_SOURCE)) map.setFeatureState({ source: HOTSPOTS_SOURCE, id: highlightCell }, { highlight: false });
    };
  }, [ready, highlightCell]);

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
      {isDrawing && ready && (
        <div className="map-hint" data-testid="map-draw-hint">
          {t('map.drawHint')}
        </div>
      )}
    </div>
  );
}
