/**
 * Police tasking on the map: today's focus areas in their own source (`tasking-areas`: polygons, id = area
 * id) drawn under the reports, their names as canvas-drawn labels (`tasking-area-labels`), and the polygon
 * being drawn (`tasking-draft`). These change a few times a day, so they are replaced with setData.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FocusArea } from '../../../server/protocol/dispatch';
import { closeRing, ringCorners } from '../../shared/geo/ring';
import { labelImage } from './unitLayers';

export const AREAS_SOURCE = 'tasking-areas';
export const AREA_LABELS_SOURCE = 'tasking-area-labels';
export const DRAFT_SOURCE = 'tasking-draft';
export const AREA_FILL_LAYER = 'tasking-areas-fill';
export const AREA_LINE_LAYER = 'tasking-areas-line';
export const AREA_LABEL_LAYER = 'tasking-areas-labels';
const DRAFT_FILL_LAYER = 'tasking-draft-fill';
const DRAFT_LINE_LAYER = 'tasking-draft-line';
const DRAFT_POINT_LAYER = 'tasking-draft-points';
const AREA_LABEL_PREFIX = 'area-label:';
const AREA_COLOR = '#39c5bb';
const DRAFT_COLOR = '#f0b429';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Where an area's name goes: on its top edge (the middle of the outer ring's west-east extent, at its most
 * northern corner), drawn above that point. The units working in the area are inside it, so the name stays
 * off their callsign labels instead of sitting in the middle of them.
 */
export function labelPoint(polygon: FocusArea['polygon']): [number, number] | null {
  const corners = ringCorners(polygon[0] ?? []);
  if (corners.length === 0) return null;
  let west = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lng, lat] of corners) {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    north = Math.max(north, lat);
  }
  return [(west + east) / 2, north];
}

export function areaFeatures(areas: readonly FocusArea[]): { polygons: FeatureCollection; labels: FeatureCollection } {
  const polygons: Feature[] = [];
  const labels: Feature[] = [];
  for (const area of areas) {
    polygons.push({
      type: 'Feature',
      id: area.id,
      properties: { id: area.id, name: area.name },
      geometry: { type: 'Polygon', coordinates: area.polygon.map(closeRing) },
    });
    const at = labelPoint(area.polygon);
    if (at) {
      labels.push({
        type: 'Feature',
        id: area.id,
        properties: { id: area.id, label: AREA_LABEL_PREFIX + area.name },
        geometry: { type: 'Point', coordinates: at },
      });
    }
  }
  return {
    polygons: { type: 'FeatureCollection', features: polygons },
    labels: { type: 'FeatureCollection', features: labels },
  };
}

/** The polygon being drawn: its corners, the open outline, and the area it would close. */
export function draftFeatures(points: readonly [number, number][]): FeatureCollection {
  const features: Feature[] = points.map((p, i) => ({
    type: 'Feature',
    properties: { index: i },
    geometry: { type: 'Point', coordinates: p },
  }));
  if (points.length >= 2) {
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...points] } });
  }
  if (points.length >= 3) {
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [closeRing(points)] } });
  }
  return { type: 'FeatureCollection', features };
}

export function provideAreaLabelImage(map: MapLibreMap, id: string): boolean {
  if (!id.startsWith(AREA_LABEL_PREFIX) || map.hasImage(id)) return false;
  const image = labelImage(id.slice(AREA_LABEL_PREFIX.length), AREA_COLOR, 'rgba(11, 15, 20, 0.7)');
  if (image) map.addImage(id, image, { pixelRatio: 2 });
  return true;
}

/** Adds the tasking sources and layers; areas go under `beforeLayer` (the reports), the draft on top. */
export function addTaskingLayers(map: MapLibreMap, beforeLayer?: string): void {
  const before = beforeLayer && map.getLayer(beforeLayer) ? beforeLayer : undefined;
  for (const id of [AREAS_SOURCE, AREA_LABELS_SOURCE, DRAFT_SOURCE]) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty, promoteId: 'id' });
  }
  if (!map.getLayer(AREA_FILL_LAYER)) {
    map.addLayer(
      {
        id: AREA_FILL_LAYER,
        type: 'fill',
        source: AREAS_SOURCE,
        paint: {
          'fill-color': AREA_COLOR,
          'fill-opacity': ['case', ['boolean', ['feature-state', 'highlight'], false], 0.22, 0.08],
        },
      },
      before,
    );
  }
  if (!map.getLayer(AREA_LINE_LAYER)) {
    map.addLayer(
      {
        id: AREA_LINE_LAYER,
        type: 'line',
        source: AREAS_SOURCE,
        paint: { 'line-color': AREA_COLOR, 'line-width': 2, 'line-dasharray': [2, 1.5], 'line-opacity': 0.85 },
      },
      before,
    );
  }
  if (!map.getLayer(AREA_LABEL_LAYER)) {
    map.addLayer(
      {
        id: AREA_LABEL_LAYER,
        type: 'symbol',
        source: AREA_LABELS_SOURCE,
        // Above the top edge; it gives way to a unit's callsign (those are placed first, being higher up),
        // and never hides one: a name that would cover a callsign waits until the map moves.
        layout: {
          'icon-image': ['get', 'label'],
          'icon-anchor': 'bottom',
          'icon-offset': [0, -2],
          'icon-allow-overlap': false,
          'icon-ignore-placement': false,
          'icon-padding': 2,
        },
      },
      before,
    );
  }
  if (!map.getLayer(DRAFT_FILL_LAYER)) {
    map.addLayer({
      id: DRAFT_FILL_LAYER,
      type: 'fill',
      source: DRAFT_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': DRAFT_COLOR, 'fill-opacity': 0.12 },
    });
  }
  if (!map.getLayer(DRAFT_LINE_LAYER)) {
    map.addLayer({
      id: DRAFT_LINE_LAYER,
      type: 'line',
      source: DRAFT_SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': DRAFT_COLOR, 'line-width': 2 },
    });
  }
  if (!map.getLayer(DRAFT_POINT_LAYER)) {
    map.addLayer({
      id: DRAFT_POINT_LAYER,
      type: 'circle',
      source: DRAFT_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 4.5,
        'circle-color': DRAFT_COLOR,
        'circle-stroke-color': '#0b0f14',
        'circle-stroke-width': 1.5,
      },
    });
  }
}

export function setAreas(map: MapLibreMap, areas: readonly FocusArea[]): void {
  const { polygons, labels } = areaFeatures(areas);
  map.getSource<GeoJSONSource>(AREAS_SOURCE)?.setData(polygons);
  map.getSource<GeoJSONSource>(AREA_LABELS_SOURCE)?.setData(labels);
}

export function setDraft(map: MapLibreMap, points: readonly [number, number][]): void {
  map.getSource<GeoJSONSource>(DRAFT_SOURCE)?.setData(draftFeatures(points));
}
