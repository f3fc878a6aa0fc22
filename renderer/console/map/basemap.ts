/**
 * The bundled offline basemap: no tiles, glyphs or sprites are fetched. A dark background, the North Sea,
 * a schematic outline of Den Haag and a few trunk roads for orientation (hand-simplified, not survey data).
 * A real basemap comes from `ClientConfig.mapStyleUrl` (e.g. PDOK or a local PMTiles style).
 */
import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import denHaag from './den-haag.json';

export const BASEMAP_COLORS = {
  land: '#10151c',
  sea: '#0b1f33',
  seaEdge: '#1d3b57',
  city: '#161e28',
  cityEdge: '#3b4b5e',
  road: '#2c3744',
};

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Meldkamer offline',
    sources: {
      basemap: { type: 'geojson', data: denHaag as FeatureCollection },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.land } },
      {
        id: 'sea',
        type: 'fill',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'sea'],
        paint: { 'fill-color': BASEMAP_COLORS.sea, 'fill-outline-color': BASEMAP_COLORS.seaEdge },
      },
      {
        id: 'city',
        type: 'fill',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'city'],
        paint: { 'fill-color': BASEMAP_COLORS.city },
      },
      {
        id: 'city-outline',
        type: 'line',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'city'],
        paint: { 'line-color': BASEMAP_COLORS.cityEdge, 'line-width': 1.5, 'line-dasharray': [3, 2] },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'road'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': BASEMAP_COLORS.road,
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 4],
        },
      },
    ],
  };
}
