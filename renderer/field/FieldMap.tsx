/**
 * The field client's small map (issue 12): today's focus areas, the assigned report's location and the
 * unit's own position, over the same basemap as the console (renderer/shared/map/basemapStyle). Loaded on
 * its own (a lazy chunk), so the rest of the field page never waits for MapLibre.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { ClientConfig } from '../../server/protocol/api';
import type { FocusArea } from '../../server/protocol/dispatch';
import { call } from '../shared/api/call';
import { closeRing } from '../shared/geo/ring';
import { basemapStyle, fallBackWhenBasemapFails, storedBasemapMode } from '../shared/map/basemapStyle';
import { useFieldI18n } from './messages';

maplibregl.setWorkerUrl(workerUrl);

const SOURCE = 'field-overlay';
const AREA_COLOR = '#39c5bb';
const REPORT_COLOR = '#ffa03a';
const ME_COLOR = '#5cb0ff';

export interface FieldMapProps {
  areas: readonly FocusArea[];
  report: { lat: number; lng: number; number: string } | null;
  me: { lat: number; lng: number } | null;
}

/** The areas, the report and the unit as one feature collection (kind: area | report | me). */
export function fieldFeatures({ areas, report, me }: FieldMapProps): FeatureCollection {
  const features: Feature[] = areas.map((area) => ({
    type: 'Feature',
    properties: { kind: 'area', name: area.name },
    geometry: { type: 'Polygon', coordinates: area.polygon.map(closeRing) },
  }));
  if (report) {
    features.push({ type: 'Feature', properties: { kind: 'report', name: report.number }, geometry: { type: 'Point', coordinates: [report.lng, report.lat] } });
  }
  if (me) features.push({ type: 'Feature', properties: { kind: 'me' }, geometry: { type: 'Point', coordinates: [me.lng, me.lat] } });
  return { type: 'FeatureCollection', features };
}

/** [[west, south], [east, north]] around the areas and the report (the unit itself moves: it does not steer the view). */
function boundsOf(props: FieldMapProps): [[number, number], [number, number]] | null {
  const points: [number, number][] = props.areas.flatMap((a) => a.polygon.flat());
  if (props.report) points.push([props.report.lng, props.report.lat]);
  if (points.length === 0 && props.me) points.push([props.me.lng, props.me.lat]);
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)],
  ];
}

function addOverlay(map: maplibregl.Map): void {
  if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const kind = (k: string): maplibregl.FilterSpecification => ['==', ['get', 'kind'], k];
  const layers: maplibregl.LayerSpecification[] = [
    { id: 'f-area-fill', type: 'fill', source: SOURCE, filter: kind('area'), paint: { 'fill-color': AREA_COLOR, 'fill-opacity': 0.12 } },
    { id: 'f-area-line', type: 'line', source: SOURCE, filter: kind('area'), paint: { 'line-color': AREA_COLOR, 'line-width': 2, 'line-dasharray': [2, 1.5] } },
    {
      id: 'f-report',
      type: 'circle',
      source: SOURCE,
      filter: kind('report'),
      paint: { 'circle-radius': 9, 'circle-color': REPORT_COLOR, 'circle-stroke-color': '#0b0f14', 'circle-stroke-width': 2.5 },
    },
    {
      id: 'f-me',
      type: 'circle',
      source: SOURCE,
      filter: kind('me'),
      paint: { 'circle-radius': 7, 'circle-color': ME_COLOR, 'circle-stroke-color': '#eef2f6', 'circle-stroke-width': 2 },
    },
  ];
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

export default function FieldMap(props: FieldMapProps) {
  const { t } = useFieldI18n();
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    let current = true;
    call('config.get', {}, undefined, { auth: false }).then(
      (c) => current && setConfig(c),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !config) return;
    const mode = storedBasemapMode();
    const map = new maplibregl.Map({
      container,
      style: basemapStyle(config, mode),
      center: config.mapCenter,
      zoom: config.mapZoom,
      attributionControl: { compact: true },
      maxPitch: 0,
      dragRotate: false,
      fadeDuration: 0,
    });
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    fallBackWhenBasemapFails(map, config, mode);
    map.on('load', () => {
      // MapLibre opens a compact attribution at first and closes it only on a drag: on this small map it
      // would cover the streets until the officer drags. Closed at once; the (i) button opens it.
      container.querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
      addOverlay(map);
      setReady(true);
    });
    return () => {
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
  }, [config]);

  const { areas, report, me } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData(fieldFeatures({ areas, report, me }));
  }, [ready, areas, report, me]);

  // The view follows the areas and the report (not every fix of the unit's own position).
  const reportKey = report ? `${report.lat},${report.lng}` : '';
  const areaKey = areas.map((a) => a.id).join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    void reportKey;
    void areaKey;
    const bounds = boundsOf(propsRef.current);
    if (bounds) map.fitBounds(bounds, { padding: 28, maxZoom: 16, duration: 0 });
  }, [ready, reportKey, areaKey]);

  return (
    <section className="f-section f-card f-map-card" aria-labelledby="f-map-title" data-testid="field-map-card">
      <h2 id="f-map-title">{t('map.title')}</h2>
      {/* A labelled region, not an image: MapLibre puts its own focusable canvas and controls inside (axe nested-interactive). */}
      <section
        ref={containerRef}
        className="f-map"
        aria-label={t('map.label')}
        data-testid="field-map"
        data-ready={ready ? 'true' : 'false'}
        data-areas={areas.length}
        data-report={report ? report.number : ''}
      />
      <p className="f-map-legend f-small f-muted">
        <span className="f-map-swatch" style={{ background: REPORT_COLOR }} aria-hidden="true" /> {t('map.legendReport')}{' '}
        <span className="f-map-swatch f-map-area" aria-hidden="true" /> {t('map.legendArea')}{' '}
        <span className="f-map-swatch" style={{ background: ME_COLOR }} aria-hidden="true" /> {t('map.legendMe')}
      </p>
    </section>
  );
}
