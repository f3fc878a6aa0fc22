import 'maplibre-gl/dist/maplibre-gl.css';
import { useRef } from 'react';
import { useI18n } from '../i18n';
import { type EmergencyTrail, useEmergencyTrailLayer } from './emergencyTrailLayers';
import type { MapViewProps } from './mapTypes';
import { useReportLayer, useMapFocus, usePickMarker, useUnitLayer } from './useLiveLayers';
import { useMapInstance } from './useMapInstance';
import { useReportLabel } from './reportLabel';
import { useAreaLayers, useHotspotLayer, useSignalLayer } from './useOverlayLayers';

export type { MapDrawing, MapFocusRequest, MapViewProps } from './mapTypes';
export type { MeldkamerTestHook } from './useMapInstance';

const NO_IDS: readonly string[] = [];
const NO_TRAILS: readonly EmergencyTrail[] = [];

/** The map: live reports and units, focus areas, signals and hotspots, over the basemap. */
export function MapView(props: MapViewProps) {
  const { t, locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  // Latest props for the map's event handlers, which are bound once.
  const propsRef = useRef(props);
  propsRef.current = props;
  const reportsRef = useRef(props.reports);
  reportsRef.current = props.reports;
  const containerRef = useRef<HTMLDivElement>(null);
  const { mapRef, ready, error } = useMapInstance(containerRef, propsRef, localeRef);

  useReportLayer(mapRef, ready, props.reports, props.selectedId);
  useReportLabel(mapRef, ready, props.reports, props.selectedId, t);
  const unitsRef = useUnitLayer(mapRef, ready, props.showUnits ?? false, props.selectedUnitId ?? null, props.emergencyUnitIds ?? NO_IDS);
  // The last fixes of units in 'noodgeval', just under the units.
  useEmergencyTrailLayer(mapRef, ready, props.emergencyTrails ?? NO_TRAILS);
  useMapFocus(mapRef, ready, props.focus, reportsRef, unitsRef);
  const drawing = Boolean(props.drawing);
  useAreaLayers(mapRef, ready, props.areas, props.highlightAreaId ?? null, props.draft, drawing);
  useSignalLayer(mapRef, ready, props.signals, props.showSignals ?? false);
  useHotspotLayer(mapRef, ready, props.hotspots, props.showHotspots ?? false, props.highlightCell ?? null);
  const picking = props.onPick !== null;
  usePickMarker(mapRef, ready, picking, props.pickLocation);

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
      {drawing && ready && (
        <div className="map-hint" data-testid="map-draw-hint">
          {t('map.drawHint')}
        </div>
      )}
    </div>
  );
}
