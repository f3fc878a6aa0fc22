/**
 * The last fixes of every unit in 'noodgeval' as a short trail on the map: its own small source
 * (`emergency-trails`: one line and a point per fix, per open emergency), drawn above the hotspots, areas,
 * signals and reports and just under the units (so the unit's own symbol stays on top and clickable).
 * Red on a dark casing and white-ringed points: readable on the day and the night basemap alike.
 * A handful of features that change with each fix: replaced with setData.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect, useRef } from 'react';
import type { PositionFix } from '../../../server/protocol/dispatch';
import { UNIT_HALO_LAYER } from './unitLayers';

export const EMERGENCY_TRAILS_SOURCE = 'emergency-trails';
const CASING_LAYER = 'emergency-trails-casing';
const LINE_LAYER = 'emergency-trails-line';
const POINT_LAYER = 'emergency-trails-points';
export const EMERGENCY_TRAIL_LAYERS = [CASING_LAYER, LINE_LAYER, POINT_LAYER] as const;
const TRAIL_COLOR = '#ff3b3b';
const CASING_COLOR = '#0b0f14';

/** One unit's last fixes, oldest first. */
export interface EmergencyTrail {
  unitId: string;
  fixes: readonly PositionFix[];
}

/**
 * `previous` when `next` draws the same trails (the same units with the same fixes), else `next`. The trails are
 * rebuilt whenever the units cache changes (every position batch, once a second with 500 units on the street); a
 * new list each time set the source's data each time, and the map rebuilt its tiles and redrew every second even
 * with no emergency open (docs/BENCHMARKS.md, the console map).
 */
export function unchangedTrails<T extends EmergencyTrail>(previous: readonly T[], next: readonly T[]): readonly T[] {
  if (previous.length !== next.length) return next;
  for (const [i, trail] of next.entries()) {
    const before = previous[i];
    if (!before || before.unitId !== trail.unitId || before.fixes.length !== trail.fixes.length) return next;
    for (const [j, fix] of trail.fixes.entries()) {
      const was = before.fixes[j];
      if (!was || was.at !== fix.at || was.lat !== fix.lat || was.lng !== fix.lng) return next;
    }
  }
  return previous;
}

/** Per emergency a line through its fixes (when two or more) and a point per fix, `step` 1 = oldest … n = newest. */
export function trailFeatures(trails: readonly EmergencyTrail[]): FeatureCollection {
  const features: Feature[] = [];
  for (const { unitId, fixes } of trails) {
    if (fixes.length >= 2) {
      features.push({
        type: 'Feature',
        properties: { unitId, kind: 'line' },
        geometry: { type: 'LineString', coordinates: fixes.map((f) => [f.lng, f.lat]) },
      });
    }
    fixes.forEach((f, i) => {
      features.push({
        type: 'Feature',
        properties: { unitId, kind: 'fix', step: i + 1, steps: fixes.length, at: f.at },
        geometry: { type: 'Point', coordinates: [f.lng, f.lat] },
      });
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Adds the trail source and layers just under the units (idempotent); on top when the units are not there. */
export function addEmergencyTrailLayers(map: MapLibreMap): void {
  if (!map.getSource(EMERGENCY_TRAILS_SOURCE)) {
    map.addSource(EMERGENCY_TRAILS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  }
  const before = map.getLayer(UNIT_HALO_LAYER) ? UNIT_HALO_LAYER : undefined;
  const isLine = ['==', ['get', 'kind'], 'line'] as const;
  const isFix = ['==', ['get', 'kind'], 'fix'] as const;
  // Older fixes fainter and smaller, the newest full.
  const recency = ['/', ['get', 'step'], ['get', 'steps']] as const;
  if (!map.getLayer(CASING_LAYER)) {
    map.addLayer(
      {
        id: CASING_LAYER,
        type: 'line',
        source: EMERGENCY_TRAILS_SOURCE,
        filter: isLine as never,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': CASING_COLOR, 'line-width': 7, 'line-opacity': 0.85 },
      },
      before,
    );
  }
  if (!map.getLayer(LINE_LAYER)) {
    map.addLayer(
      {
        id: LINE_LAYER,
        type: 'line',
        source: EMERGENCY_TRAILS_SOURCE,
        filter: isLine as never,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': TRAIL_COLOR, 'line-width': 3.5, 'line-dasharray': [2, 1.2] },
      },
      before,
    );
  }
  if (!map.getLayer(POINT_LAYER)) {
    map.addLayer(
      {
        id: POINT_LAYER,
        type: 'circle',
        source: EMERGENCY_TRAILS_SOURCE,
        filter: isFix as never,
        paint: {
          'circle-radius': ['+', 3, ['*', 3, recency]] as never,
          'circle-color': TRAIL_COLOR,
          'circle-opacity': ['+', 0.45, ['*', 0.55, recency]] as never,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      before,
    );
  }
}

/** The open emergencies' trails on the map (the shell keeps them live: emergency events and the unit's newest fix). */
export function useEmergencyTrailLayer(mapRef: RefObject<MapLibreMap | null>, ready: boolean, trails: readonly EmergencyTrail[]): void {
  // What the source was last given, on this map: set again only when a trail changed (see unchangedTrails).
  const drawn = useRef<{ map: MapLibreMap; trails: readonly EmergencyTrail[] } | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const fresh = !map.getSource(EMERGENCY_TRAILS_SOURCE);
    addEmergencyTrailLayers(map);
    const before = drawn.current;
    if (!fresh && before?.map === map && unchangedTrails(before.trails, trails) === before.trails) return;
    map.getSource<GeoJSONSource>(EMERGENCY_TRAILS_SOURCE)?.setData(trailFeatures(trails));
    drawn.current = { map, trails };
  }, [mapRef, ready, trails]);
}
