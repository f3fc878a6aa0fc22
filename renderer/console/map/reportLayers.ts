/**
 * The live report layers: one clustered GeoJSON source (`reports`, feature id = report id via promoteId),
 * updated with `updateData` diffs, styled by priority and status with data-driven expressions, and
 * highlighted through feature-state (`selected`, `hover`). Kept apart from the static basemap.
 */
import type { Feature, Point } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  GeoJSONSourceDiff,
  GeoJSONFeatureDiff,
  Map as MapLibreMap,
} from 'maplibre-gl';
import type { Priority, ReportStatus } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';

export const REPORTS_SOURCE = 'reports';
export const PICK_SOURCE = 'pick';
export const CLUSTER_LAYER = 'reports-clusters';
export const POINT_LAYER = 'reports-points';
export const HALO_LAYER = 'reports-halo';
export const PICK_LAYER = 'pick-location';
/** Above this zoom every report is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 13;

export const PRIORITY_COLORS: Record<Priority, string> = {
  urgent: '#ff5c5c',
  high: '#ffa03a',
  normal: '#4fa8ff',
  low: '#8d99a6',
};

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export const STATUS_COLORS: Record<ReportStatus, string> = {
  new: '#e8edf2',
  triaged: '#a5d6ff',
  dispatched: '#d2a8ff',
  in_progress: '#7ee787',
  awaiting_review: '#f2cc60',
  scheduled: '#6e7b89',
  closed: '#484f58',
  reopen_requested: '#ff7b72',
};

export interface ReportFeatureProps {
  id: string;
  number: string;
  category: string;
  priority: Priority;
  status: ReportStatus;
  /** Numeric priority, so clusters can carry their most urgent member (clusterProperties max). */
  rank: number;
  version: number;
}

export function reportFeature(report: QueueRow): Feature<Point, ReportFeatureProps> {
  return {
    type: 'Feature',
    id: report.id,
    geometry: { type: 'Point', coordinates: [report.lng, report.lat] },
    properties: reportProps(report),
  };
}

function reportProps(report: QueueRow): ReportFeatureProps {
  return {
    id: report.id,
    number: report.number,
    category: report.category,
    priority: report.priority,
    status: report.status,
    rank: PRIORITY_RANK[report.priority],
    version: report.version,
  };
}

/** The updateData diff that turns the features for `prev` into the features for `next` (null when none). */
export function diffReports(prev: ReadonlyMap<string, QueueRow>, next: readonly QueueRow[]): GeoJSONSourceDiff | null {
  const add: Feature[] = [];
  const update: GeoJSONFeatureDiff[] = [];
  const remove: string[] = [];
  const seen = new Set<string>();
  for (const report of next) {
    seen.add(report.id);
    const before = prev.get(report.id);
    if (!before) {
      add.push(reportFeature(report));
      continue;
    }
    if (before === report) continue;
    const change: GeoJSONFeatureDiff = { id: report.id };
    if (before.lat !== report.lat || before.lng !== report.lng) {
      change.newGeometry = { type: 'Point', coordinates: [report.lng, report.lat] };
    }
    const oldProps = reportProps(before);
    const newProps = reportProps(report);
    const changed = (Object.keys(newProps) as Array<keyof ReportFeatureProps>)
      .filter((key) => oldProps[key] !== newProps[key])
      .map((key) => ({ key, value: newProps[key] }));
    if (changed.length > 0) change.addOrUpdateProperties = changed;
    if (change.newGeometry || change.addOrUpdateProperties) update.push(change);
  }
  for (const id of prev.keys()) if (!seen.has(id)) remove.push(id);
  if (add.length === 0 && update.length === 0 && remove.length === 0) return null;
  const diff: GeoJSONSourceDiff = {};
  if (add.length > 0) diff.add = add;
  if (update.length > 0) diff.update = update;
  if (remove.length > 0) diff.remove = remove;
  return diff;
}

function matchColor(prop: string, colors: Record<string, string>, fallback: string): ExpressionSpecification {
  const pairs = Object.entries(colors).flat();
  return ['match', ['get', prop], ...pairs, fallback] as unknown as ExpressionSpecification;
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const isCluster: ExpressionSpecification = ['has', 'point_count'];

/** Adds the report and pick sources and layers (idempotent: after a style swap they are added again). */
export function addReportLayers(map: MapLibreMap): void {
  if (!map.getSource(REPORTS_SOURCE)) {
    map.addSource(REPORTS_SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      cluster: true,
      clusterRadius: 36,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterProperties: { maxRank: ['max', ['get', 'rank']] },
    });
  }
  if (!map.getSource(PICK_SOURCE)) {
    map.addSource(PICK_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  }
  if (!map.getLayer(CLUSTER_LAYER)) {
    map.addLayer({
      id: CLUSTER_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      filter: isCluster,
      paint: {
        'circle-color': [
          'match',
          ['get', 'maxRank'],
          3,
          PRIORITY_COLORS.urgent,
          2,
          PRIORITY_COLORS.high,
          1,
          PRIORITY_COLORS.normal,
          PRIORITY_COLORS.low,
        ],
        'circle-opacity': 0.35,
        'circle-radius': ['step', ['get', 'point_count'], 13, 5, 17, 20, 23, 100, 30],
        'circle-stroke-width': 2.5,
        'circle-stroke-color': [
          'match',
          ['get', 'maxRank'],
          3,
          PRIORITY_COLORS.urgent,
          2,
          PRIORITY_COLORS.high,
          1,
          PRIORITY_COLORS.normal,
          PRIORITY_COLORS.low,
        ],
      },
    });
  }
  if (!map.getLayer(HALO_LAYER)) {
    map.addLayer({
      id: HALO_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      filter: ['!', isCluster],
      paint: {
        'circle-radius': ['case', selected, 17, 12],
        'circle-color': '#f0e68c',
        'circle-opacity': ['case', selected, 0.22, 0],
        'circle-stroke-color': '#f0e68c',
        'circle-stroke-width': ['case', selected, 2.5, hover, 1.5, 0],
        'circle-stroke-opacity': ['case', selected, 1, hover, 0.7, 0],
      },
    });
  }
  if (!map.getLayer(POINT_LAYER)) {
    map.addLayer({
      id: POINT_LAYER,
      type: 'circle',
      source: REPORTS_SOURCE,
      filter: ['!', isCluster],
      paint: {
        'circle-color': matchColor('priority', PRIORITY_COLORS, PRIORITY_COLORS.normal),
        'circle-radius': ['case', selected, 10, ['match', ['get', 'priority'], 'urgent', 8, 'high', 7, 'normal', 6, 5]],
        'circle-stroke-color': matchColor('status', STATUS_COLORS, STATUS_COLORS.new),
        'circle-stroke-width': ['case', selected, 3, ['==', ['get', 'status'], 'new'], 2.5, 1.5],
        'circle-opacity': ['match', ['get', 'status'], 'scheduled', 0.55, 'awaiting_review', 0.75, 0.95],
      },
    });
  }
  if (!map.getLayer(PICK_LAYER)) {
    map.addLayer({
      id: PICK_LAYER,
      type: 'circle',
      source: PICK_SOURCE,
      paint: {
        'circle-radius': 9,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#f0e68c',
        'circle-stroke-width': 3,
      },
    });
  }
}

export function reportsSource(map: MapLibreMap): GeoJSONSource | undefined {
  return map.getSource<GeoJSONSource>(REPORTS_SOURCE);
}
