/**
 * Draws the live units into the map's `units` source when unitCoalescer.ts says so: news at the next
 * animation frame, positions every few seconds (more often while the camera moves), units outside the view
 * (plus a margin) only once the view or the unit comes near. One per map instance.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Unit } from '../../../server/protocol/dispatch';
import { classifyUnits, type FlushState, flushDelay, type UnitChange, worse } from './unitCoalescer';
import { diffUnits, type InView, type ShownUnit, unitsSource } from './unitLayers';

/** The view plus this share of its width and height on every side counts as "in view". */
const VIEW_MARGIN = 0.25;
const NOBODY: ReadonlySet<string> = new Set();

export class UnitDrawer {
  private readonly state: FlushState = { pending: 'none', lastFlushAt: Number.NEGATIVE_INFINITY, lastMoveAt: Number.NEGATIVE_INFINITY };
  private watched: ReadonlySet<string> = NOBODY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private dueAt = Number.POSITIVE_INFINITY;
  /** The last draw left units out of view where they were: a moved camera may need them. */
  private undrawn = false;

  constructor(
    private readonly map: MapLibreMap,
    private readonly shown: () => Map<string, ShownUnit>,
    private readonly units: () => readonly Unit[],
  ) {
    map.on('move', this.onMove);
    map.on('moveend', this.onMoveEnd);
  }

  /** The units (or the selected and emergency units) changed. */
  changed(watched: ReadonlySet<string>): void {
    this.watched = watched;
    this.note(classifyUnits(this.shown(), this.units(), Date.now(), watched));
  }

  dispose(): void {
    this.map.off('move', this.onMove);
    this.map.off('moveend', this.onMoveEnd);
    clearTimeout(this.timer);
    if (this.frame) cancelAnimationFrame(this.frame);
  }

  private readonly onMove = (): void => {
    this.state.lastMoveAt = Date.now();
    // A position draw waiting for the idle interval may come sooner now.
    if (this.state.pending !== 'none') this.schedule();
  };

  private readonly onMoveEnd = (): void => {
    if (this.undrawn) this.note('position');
  };

  private note(change: UnitChange): void {
    this.state.pending = worse(this.state.pending, change);
    this.schedule();
  }

  private schedule(): void {
    const now = Date.now();
    const delay = flushDelay(this.state, now);
    if (delay === null || this.frame || now + delay >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = now + delay;
    if (delay === 0) this.frame = requestAnimationFrame(this.flush);
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.frame = requestAnimationFrame(this.flush);
      }, delay);
  }

  private readonly flush = (): void => {
    this.frame = 0;
    this.dueAt = Number.POSITIVE_INFINITY;
    this.state.pending = 'none';
    const source = unitsSource(this.map);
    if (!source) return;
    const now = Date.now();
    this.state.lastFlushAt = now;
    const shown = this.shown();
    const units = this.units();
    const diff = diffUnits(shown, units, now, this.inView());
    if (diff) source.updateData(diff).catch((err: unknown) => console.warn('updateData (units) failed', err));
    this.undrawn = classifyUnits(shown, units, now, this.watched) !== 'none';
  };

  private inView(): InView {
    const b = this.map.getBounds();
    const dx = (b.getEast() - b.getWest()) * VIEW_MARGIN;
    const dy = (b.getNorth() - b.getSouth()) * VIEW_MARGIN;
    const [west, east, south, north] = [b.getWest() - dx, b.getEast() + dx, b.getSouth() - dy, b.getNorth() + dy];
    return (lng, lat) => lng >= west && lng <= east && lat >= south && lat <= north;
  }
}
