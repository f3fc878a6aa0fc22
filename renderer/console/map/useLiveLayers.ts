/** Reports and units on the map: their sources updated with diffs, selection and focus. */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature } from 'geojson';
import { type RefObject, useEffect } from 'react';
import type { Unit } from '../../../server/protocol/dispatch';
import type { QueueRow } from '../../../server/protocol/report-queue';
import type { MapFocusRequest } from './mapTypes';
import { CLUSTER_MAX_ZOOM, diffReports, PICK_SOURCE, REPORTS_SOURCE, reportsSource } from './reportLayers';
import { useFeatureFlag } from './useFeatureFlag';
import { useShownOnMap } from './useShownOnMap';

export { useUnitLayer } from './useUnitLayer';

type MapRef = RefObject<MapLibreMap | null>;

/** The live reports as diffs to their source, and the selected one flagged. */
export function useReportLayer(mapRef: MapRef, ready: boolean, reports: readonly QueueRow[], selectedId: string | null): void {
  const shownOn = useShownOnMap(() => new Map<string, QueueRow>());
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const source = reportsSource(map);
    if (!source) return;
    const shown = shownOn(map);
    const diff = diffReports(shown.value, reports);
    if (!diff) return;
    shown.value = new Map(reports.map((r) => [r.id, r]));
    source.updateData(diff).catch((err: unknown) => console.warn('updateData failed', err));
  }, [mapRef, ready, reports, shownOn]);
  useFeatureFlag(mapRef, ready, REPORTS_SOURCE, selectedId, 'selected');
}

/** Flies to a report, a unit, a spot or an area on every new request. */
export function useMapFocus(
  mapRef: MapRef,
  ready: boolean,
  focus: MapFocusRequest | null,
  reportsRef: RefObject<readonly QueueRow[]>,
  unitsRef: RefObject<readonly Unit[]>,
): void {
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
      const report = reportsRef.current.find((r) => r.id === focus.id);
      if (report) center = [report.lng, report.lat];
    }
    if (!center) return;
    map.flyTo({ center, zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 2), duration: 700, essential: true });
  }, [mapRef, ready, focus, reportsRef, unitsRef]);
}

/** The location being picked for a new report: a marker in its own small source (never the live one). */
export function usePickMarker(mapRef: MapRef, ready: boolean, picking: boolean, at: { lat: number; lng: number } | null): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const features: Feature[] =
      picking && at ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [at.lng, at.lat] } }] : [];
    map.getSource<GeoJSONSource>(PICK_SOURCE)?.setData({ type: 'FeatureCollection', features });
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [mapRef, ready, picking, at]);
}
