/**
 * The MapLibre style of the hub's offline basemap: an MBTiles file in the OpenMapTiles schema (what planetiler writes
 * by default; tippecanoe files work when their layers and attributes are named the same). Layers drawn: `water`,
 * `landuse`/`park` (green), `boundary` (municipal and up), `building`, `transportation` (by `class`), `transportation_name` and `place` labels
 * (`name:nl`, else `name`), `housenumber` at close zoom. A day and a night palette over the same tiles.
 */
import type { StyleSpecification } from 'maplibre-gl';

export type BasemapMode = 'day' | 'night';

/** The font of every label: its SDF glyphs ship in resources/map/glyphs (scripts/build-map-glyphs.mjs). */
export const BASEMAP_FONT = 'DejaVu Sans';

const PALETTES = {
  day: {
    land: '#f2efe9', water: '#a8cbe3', green: '#d6e8c8', building: '#ddd6cc', buildingEdge: '#c9c0b4',
    major: '#ffd27f', minor: '#ffffff', casing: '#c4bcb0', rail: '#9a948c', boundary: '#a38fb0', text: '#333333', halo: '#ffffff',
  },
  night: {
    land: '#10151c', water: '#0b1f33', green: '#13201a', building: '#1b232d', buildingEdge: '#26303c',
    major: '#6b5630', minor: '#3a4756', casing: '#0c1016', rail: '#39424d', boundary: '#3b4b5e', text: '#c9d2dc', halo: '#0b0f14',
  },
} as const;

const MAJOR = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'];
const MINOR = ['minor', 'service', 'track', 'path', 'pedestrian', 'residential', 'unclassified'];
const NAME = ['coalesce', ['get', 'name:nl'], ['get', 'name'], ['get', 'name:latin']] as const;
/** Road width by zoom, scaled and widened (a zoom curve must be the top-level expression, so each gets its own). */
const roadWidth = (scale: number, extra = 0) =>
  ['interpolate', ['exponential', 1.5], ['zoom'], 10, 0.8 * scale + extra, 14, 4 * scale + extra, 18, 22 * scale + extra] as never;

export interface BasemapStyleOptions {
  /** Absolute URL of the hub as the browser reaches it (`https://meldkamer.example.nl`). */
  origin: string;
  mode: BasemapMode;
  minzoom?: number;
  maxzoom?: number;
  attribution?: string;
}

export function basemapStyle(options: BasemapStyleOptions): StyleSpecification {
  const c = PALETTES[options.mode];
  const font = [BASEMAP_FONT];
  const label = (size: number) => ({ 'text-font': font, 'text-size': size });
  const textPaint = { 'text-color': c.text, 'text-halo-color': c.halo, 'text-halo-width': 1.4 };
  const inClass = (classes: readonly string[]) => ['in', ['get', 'class'], ['literal', classes]] as never;
  return {
    version: 8,
    name: `Meldkamer offline (${options.mode})`,
    glyphs: `${options.origin}/map/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      basemap: {
        type: 'vector',
        tiles: [`${options.origin}/tiles/{z}/{x}/{y}.pbf`],
        minzoom: options.minzoom ?? 0,
        maxzoom: options.maxzoom ?? 14,
        ...(options.attribution ? { attribution: options.attribution } : {}),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.land } },
      { id: 'landuse-green', type: 'fill', source: 'basemap', 'source-layer': 'park', paint: { 'fill-color': c.green } },
      {
        id: 'landcover-green',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'landcover',
        filter: inClass(['grass', 'wood', 'farmland']),
        paint: { 'fill-color': c.green },
      },
      { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', paint: { 'fill-color': c.water } },
      { id: 'waterway', type: 'line', source: 'basemap', 'source-layer': 'waterway', paint: { 'line-color': c.water, 'line-width': 1.5 } },
      {
        id: 'building',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'building',
        minzoom: 13,
        paint: { 'fill-color': c.building, 'fill-outline-color': c.buildingEdge },
      },
      {
        id: 'boundary',
        type: 'line',
        source: 'basemap',
        'source-layer': 'boundary',
        filter: ['>=', ['to-number', ['get', 'admin_level']], 4],
        paint: { 'line-color': c.boundary, 'line-width': 1.5, 'line-dasharray': [3, 2] },
      },
      {
        id: 'road-casing',
        type: 'line',
        source: 'basemap',
        'source-layer': 'transportation',
        filter: inClass([...MAJOR, ...MINOR]),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': c.casing, 'line-width': roadWidth(1, 1.5) },
      },
      {
        id: 'road-minor',
        type: 'line',
        source: 'basemap',
        'source-layer': 'transportation',
        filter: inClass(MINOR),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': c.minor, 'line-width': roadWidth(1) },
      },
      {
        id: 'road-major',
        type: 'line',
        source: 'basemap',
        'source-layer': 'transportation',
        filter: inClass(MAJOR),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': c.major, 'line-width': roadWidth(1.4) },
      },
      {
        id: 'rail',
        type: 'line',
        source: 'basemap',
        'source-layer': 'transportation',
        filter: inClass(['rail', 'transit']),
        paint: { 'line-color': c.rail, 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
      {
        id: 'street-names',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'transportation_name',
        minzoom: 13,
        filter: ['==', ['geometry-type'], 'LineString'],
        layout: { ...label(12), 'text-field': NAME as never, 'symbol-placement': 'line', 'text-max-angle': 40 },
        paint: textPaint,
      },
      {
        id: 'street-names-point',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'transportation_name',
        minzoom: 14,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { ...label(11), 'text-field': NAME as never },
        paint: textPaint,
      },
      {
        id: 'housenumbers',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'housenumber',
        minzoom: 17,
        layout: { ...label(10), 'text-field': ['get', 'housenumber'] },
        paint: textPaint,
      },
      {
        id: 'place-names',
        type: 'symbol',
        source: 'basemap',
        'source-layer': 'place',
        layout: {
          ...label(13),
          'text-field': NAME as never,
          'text-size': ['match', ['get', 'class'], ['city', 'town'], 16, ['suburb', 'quarter'], 13, 11] as never,
        },
        paint: textPaint,
      },
    ],
  };
}

/** The label layers, so tests and tools can ask what the basemap drew (`queryRenderedFeatures`). */
export const BASEMAP_LABEL_LAYERS = ['street-names', 'street-names-point', 'place-names'] as const;
