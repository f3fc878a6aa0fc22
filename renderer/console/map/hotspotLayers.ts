/**
 * Hotspots on the map: H3 cells (or neighbourhoods, when the list is per neighbourhood: every outer
 * ring of the neighbourhood as a MultiPolygon) in their own GeoJSON source (`hotspots`, feature id = cell via
 * promoteId), under everything else. The fill grows with the count (relative to the busiest cell shown),
 * the outline says the trend against the previous window: red rising, green falling, grey steady. The
 * cell chosen in the list is highlighted through feature-state. An aggregate: replaced with setData.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Hotspot, Trend } from '../../../server/protocol/intake';

export const HOTSPOTS_SOURCE = 'hotspots';
export const HOTSPOT_FILL_LAYER = 'hotspots-fill';
export const HOTSPOT_LINE_LAYER = 'hotspots-line';
export const HOTSPOT_LAYERS = [HOTSPOT_FILL_LAYER, HOTSPOT_LINE_LAYER] as const;

export const TREND_COLORS: Record<Trend, string> = {
  rising: '#ff5c5c',
  falling: '#3fcf6e',
  steady: '#8e9aa8',
};

export interface HotspotFeatureProps {
  cell: string;
  count: number;
  previousCount: number;
  trend: Trend;
  /** count / the highest count shown, 0-1: the fill's strength. */
  intensity: number;
}

export function hotspotFeatures(cells: readonly Hotspot[]): FeatureCollection<Polygon | MultiPolygon, HotspotFeatureProps> {
  const max = cells.reduce((m, c) => Math.max(m, c.count), 0);
  const features: Feature<Polygon | MultiPolygon, HotspotFeatureProps>[] = cells.map((c) => ({
    type: 'Feature',
    id: c.cell,
    geometry: c.boundaries ? { type: 'MultiPolygon', coordinates: c.boundaries.map((ring) => [ring]) } : { type: 'Polygon', coordinates: [c.boundary] },
    properties: {
      cell: c.cell,
      count: c.count,
      previousCount: c.previousCount,
      trend: c.trend,
      intensity: max > 0 ? c.count / max : 0,
    },
  }));
  return { type: 'FeatureCollection', features };
}

const highlight: ExpressionSpecification = ['boolean', ['feature-state', 'highlight'], false];

/** Adds the source and layers under `beforeLayer` (so reports, units and areas stay on top). */
export function addHotspotLayers(map: MapLibreMap, beforeLayer?: string): void {
  const before = beforeLayer && map.getLayer(beforeLayer) ? beforeLayer : undefined;
  if (!map.getSource(HOTSPOTS_SOURCE)) {
    map.addSource(HOTSPOTS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'cell' });
  }
  if (!map.getLayer(HOTSPOT_FILL_LAYER)) {
    map.addLayer(
      {
        id: HOTSPOT_FILL_LAYER,
        type: 'fill',
        source: HOTSPOTS_SOURCE,
        layout: { visibility: 'none' },
        paint: {
          'fill-color': ['interpolate', ['linear'], ['get', 'intensity'], 0, '#f0b429', 0.5, '#ff8c3a', 1, '#ff4d4d'],
          'fill-opacity': ['case', highlight, 0.55, ['interpolate', ['linear'], ['get', 'intensity'], 0, 0.1, 1, 0.42]],
        },
      },
      before,
    );
  }
  if (!map.getLayer(HOTSPOT_LINE_LAYER)) {
    map.addLayer(
      {
        id: HOTSPOT_LINE_LAYER,
        type: 'line',
        source: HOTSPOTS_SOURCE,
        layout: { visibility: 'none' },
        paint: {
          'line-color': ['case', highlight, '#f0e68c', ['match', ['get', 'trend'], 'rising', TREND_COLORS.rising, 'falling', TREND_COLORS.falling, TREND_COLORS.steady]],
          'line-width': ['case', highlight, 3.5, ['match', ['get', 'trend'], 'steady', 1.2, 2.2]],
          'line-opacity': 0.9,
        },
      },
      before,
    );
  }
}

export function setHotspots(map: MapLibreMap, cells: readonly Hotspot[]): void {
  map.getSource<GeoJSONSource>(HOTSPOTS_SOURCE)?.setData(hotspotFeatures(cells));
}
