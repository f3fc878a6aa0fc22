/**
 * Live units on the map: their own GeoJSON source (`units`, feature id = unit id via promoteId), never
 * clustered, updated with `updateData` diffs (a moved unit is one geometry update, never setData, never
 * DOM markers) at the pace unitCoalescer.ts sets. Colour by status; a heading arrow (an image drawn on a
 * canvas here, rotated by the fix's heading); the callsign as a canvas-drawn label from zoom 14 on (the
 * offline style has no glyphs); grey when the fix is older than 2 minutes. `selected` and `emergency` are feature-state.
 */
import type { Feature, Point } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONFeatureDiff,
  GeoJSONSource,
  GeoJSONSourceDiff,
  Map as MapLibreMap,
} from 'maplibre-gl';
import type { Unit, UnitStatus } from '../../../server/protocol/dispatch';
import { isStale } from '../ui/fixAge';

export const UNITS_SOURCE = 'units';
export const UNIT_HALO_LAYER = 'units-halo';
export const UNIT_POINT_LAYER = 'units-points';
export const UNIT_HEADING_LAYER = 'units-heading';
export const UNIT_LABEL_LAYER = 'units-labels';
const ARROW_IMAGE = 'unit-heading-arrow';
/**
 * Callsigns from this zoom on. Below it a view holds hundreds of units: every units update made the
 * workers fetch hundreds of label images per tile and place them with collision (most of the cost of a
 * fix batch in docs/BENCHMARKS.md), for labels that mostly collided away; the units board names them.
 */
export const LABEL_MIN_ZOOM = 14;
const UNITS_MAX_TILE_ZOOM = 10;
const LABEL_PREFIX = 'unit-label:';

export const UNIT_STATUS_COLORS: Record<UnitStatus, string> = {
  beschikbaar: '#3fcf6e',
  aangeboden: '#f0b429',
  onderweg: '#5cb0ff',
  ter_plaatse: '#d2a8ff',
  bezet: '#ff7b72',
  pauze: '#8d99a6',
  uit_dienst: '#5a636e',
  // Emergency: bright red with a red halo and a white ring (emergencyOrStatus), never greyed when its fix is old.
  noodgeval: '#ff2d2d',
};
export const STALE_COLOR = '#6b7480';

export interface UnitFeatureProps {
  id: string;
  callsign: string;
  status: UnitStatus;
  /** Degrees from north; 0 when unknown (then `moving` is false and no arrow is drawn). */
  heading: number;
  moving: boolean;
  /** The fix is older than 2 minutes (recomputed on a timer, since "old" depends on the time). */
  stale: boolean;
  label: string;
}

function unitProps(unit: Unit, now: number): UnitFeatureProps {
  const heading = unit.position?.heading ?? null;
  return {
    id: unit.id,
    callsign: unit.callsign,
    status: unit.status,
    heading: heading ?? 0,
    moving: heading !== null,
    stale: isStale(unit.position, now),
    label: LABEL_PREFIX + unit.callsign,
  };
}

export function unitFeature(unit: Unit, now: number): Feature<Point, UnitFeatureProps> | null {
  if (!unit.position) return null;
  return {
    type: 'Feature',
    id: unit.id,
    geometry: { type: 'Point', coordinates: [unit.position.lng, unit.position.lat] },
    properties: unitProps(unit, now),
  };
}

/** What the source holds per unit, to compute the next diff. */
export interface ShownUnit {
  lng: number;
  lat: number;
  props: UnitFeatureProps;
}

/** Whether a spot is in (or near) the map's view; positions elsewhere can wait (see unitCoalescer.ts). */
export type InView = (lng: number, lat: number) => boolean;

/**
 * The updateData diff from what is shown to `units` at time `now` (null when nothing changed). Units
 * without a fix are not on the map. With `inView`, a unit that only moved (or turned) outside the view
 * stays where it is shown until the view or the unit comes near. `shown` is updated in place.
 */
export function diffUnits(
  shown: Map<string, ShownUnit>,
  units: readonly Unit[],
  now: number,
  inView?: InView,
): GeoJSONSourceDiff | null {
  const add: Feature[] = [];
  const update: GeoJSONFeatureDiff[] = [];
  const remove: string[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const feature = unitFeature(unit, now);
    if (!feature) continue;
    seen.add(unit.id);
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const before = shown.get(unit.id);
    if (!before) {
      shown.set(unit.id, { lng, lat, props: feature.properties });
      add.push(feature);
      continue;
    }
    const moved = before.lng !== lng || before.lat !== lat;
    const changed = (Object.keys(feature.properties) as Array<keyof UnitFeatureProps>)
      .filter((key) => before.props[key] !== feature.properties[key])
      .map((key) => ({ key, value: feature.properties[key] }));
    if (!moved && changed.length === 0) continue;
    const onlyWhere = changed.every((c) => c.key === 'heading');
    if (onlyWhere && inView && !inView(lng, lat) && !inView(before.lng, before.lat)) continue;
    shown.set(unit.id, { lng, lat, props: feature.properties });
    const change: GeoJSONFeatureDiff = { id: unit.id };
    if (moved) change.newGeometry = feature.geometry;
    if (changed.length > 0) change.addOrUpdateProperties = changed;
    update.push(change);
  }
  for (const id of shown.keys()) {
    if (!seen.has(id)) {
      remove.push(id);
      shown.delete(id);
    }
  }
  if (add.length === 0 && update.length === 0 && remove.length === 0) return null;
  const diff: GeoJSONSourceDiff = {};
  if (add.length > 0) diff.add = add;
  if (update.length > 0) diff.update = update;
  if (remove.length > 0) diff.remove = remove;
  return diff;
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const inEmergency: ExpressionSpecification = ['==', ['get', 'status'], 'noodgeval'];
/** An open emergency alert (feature-state) or the status 'noodgeval'. */
const emergency: ExpressionSpecification = ['any', ['boolean', ['feature-state', 'emergency'], false], inEmergency];
const stale: ExpressionSpecification = ['all', ['==', ['get', 'stale'], true], ['!', inEmergency]];

function statusColor(): ExpressionSpecification {
  const pairs = Object.entries(UNIT_STATUS_COLORS).flat();
  return ['case', stale, STALE_COLOR, ['match', ['get', 'status'], ...pairs, STALE_COLOR]] as unknown as ExpressionSpecification;
}

const PIXEL_RATIO = 2;

function canvasImage(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = width * PIXEL_RATIO;
  canvas.height = height * PIXEL_RATIO;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  draw(ctx);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** A small arrow above the centre, pointing north; the layer rotates it to the heading. */
function arrowImage(): ImageData | null {
  return canvasImage(40, 40, (ctx) => {
    ctx.beginPath();
    ctx.moveTo(20, 1);
    ctx.lineTo(27, 11);
    ctx.lineTo(20, 8.5);
    ctx.lineTo(13, 11);
    ctx.closePath();
    ctx.fillStyle = '#eef2f6';
    ctx.strokeStyle = '#0b0f14';
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.fill();
  });
}

const LABEL_FONT = '600 11px system-ui, "DejaVu Sans", sans-serif';

/** A callsign as a label image (no glyph server needed). */
export function labelImage(text: string, color = '#eef2f6', background = 'rgba(11, 15, 20, 0.82)'): ImageData | null {
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return null;
  measure.font = LABEL_FONT;
  const width = Math.ceil(measure.measureText(text).width) + 10;
  return canvasImage(width, 16, (ctx) => {
    ctx.fillStyle = background;
    ctx.beginPath();
    ctx.roundRect(0.5, 0.5, width - 1, 15, 3);
    ctx.fill();
    ctx.font = LABEL_FONT;
    ctx.fillStyle = color;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, 5, 8.5);
  });
}

/** Images asked for by the label layers are drawn on demand (`styleimagemissing`). */
export function provideLabelImage(map: MapLibreMap, id: string): boolean {
  if (!id.startsWith(LABEL_PREFIX) || map.hasImage(id)) return false;
  const image = labelImage(id.slice(LABEL_PREFIX.length));
  if (image) map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
  return true;
}

/** Adds the units source and layers, above everything added before (idempotent). */
export function addUnitLayers(map: MapLibreMap): void {
  if (!map.getSource(UNITS_SOURCE)) {
    map.addSource(UNITS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      // Tiles up to zoom 10 (overzoomed beyond; a point is still placed to ~3 m): a city view needs one or two
      // of them instead of nine, so an update is one or two tile rebuilds and redraws, not nine.
      maxzoom: UNITS_MAX_TILE_ZOOM,
    });
  }
  if (!map.hasImage(ARROW_IMAGE)) {
    const image = arrowImage();
    if (image) map.addImage(ARROW_IMAGE, image, { pixelRatio: PIXEL_RATIO });
  }
  if (!map.getLayer(UNIT_HALO_LAYER)) {
    map.addLayer({
      id: UNIT_HALO_LAYER,
      type: 'circle',
      source: UNITS_SOURCE,
      paint: {
        'circle-radius': ['case', emergency, 22, selected, 15, 0],
        'circle-color': ['case', emergency, '#ff2d2d', '#f0e68c'],
        'circle-opacity': ['case', emergency, 0.35, selected, 0.2, 0],
        'circle-stroke-color': ['case', emergency, '#ff2d2d', '#f0e68c'],
        'circle-stroke-width': ['case', emergency, 3, selected, 2.5, 0],
      },
    });
  }
  if (!map.getLayer(UNIT_HEADING_LAYER)) {
    map.addLayer({
      id: UNIT_HEADING_LAYER,
      type: 'symbol',
      source: UNITS_SOURCE,
      filter: ['all', ['==', ['get', 'moving'], true], ['!=', ['get', 'stale'], true]],
      layout: {
        'icon-image': ARROW_IMAGE,
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
  }
  if (!map.getLayer(UNIT_POINT_LAYER)) {
    map.addLayer({
      id: UNIT_POINT_LAYER,
      type: 'circle',
      source: UNITS_SOURCE,
      paint: {
        'circle-radius': ['case', inEmergency, 10, selected, 8.5, 7],
        'circle-color': statusColor(),
        'circle-opacity': ['case', stale, 0.6, 1],
        'circle-stroke-color': ['case', inEmergency, '#ffffff', emergency, '#ff2d2d', stale, '#9aa3ad', '#eef2f6'],
        'circle-stroke-width': ['case', emergency, 3, 2],
      },
    });
  }
  if (!map.getLayer(UNIT_LABEL_LAYER)) {
    map.addLayer({
      id: UNIT_LABEL_LAYER,
      type: 'symbol',
      source: UNITS_SOURCE,
      minzoom: LABEL_MIN_ZOOM,
      layout: {
        'icon-image': ['get', 'label'],
        'icon-anchor': 'left',
        'icon-offset': [11, 0],
        'icon-allow-overlap': false,
        'icon-padding': 1,
      },
      paint: { 'icon-opacity': ['case', stale, 0.55, 1] },
    });
  }
}

export function unitsSource(map: MapLibreMap): GeoJSONSource | undefined {
  return map.getSource<GeoJSONSource>(UNITS_SOURCE);
}
