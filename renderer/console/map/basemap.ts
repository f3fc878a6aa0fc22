/** The console's basemap: the shared choice of style (renderer/shared/map/basemapStyle.ts) and its day/night switch. */
import type * as maplibregl from 'maplibre-gl';
import { type BasemapMode, type BasemapStyle, storeBasemapMode, storedBasemapMode } from '../../shared/map/basemapStyle';

export { BASEMAP_COLORS, type BasemapMode, basemapFallback, basemapStyle, fallBackWhenBasemapFails, hasNightBasemap, offlineStyle, storedBasemapMode } from '../../shared/map/basemapStyle';

/**
 * Draws `next` as the basemap and keeps everything the console put on top (live reports, units, areas …): their
 * sources and layers are carried into the new style, so MapLibre's style diff leaves them (and their data) alone.
 */
export function swapBasemap(map: maplibregl.Map, next: BasemapStyle, basemapIds: { layers: Set<string>; sources: Set<string> }): void {
  map.setStyle(next, {
    transformStyle: (previous, style) => {
      const overlaySources = Object.fromEntries(Object.entries(previous?.sources ?? {}).filter(([id]) => !basemapIds.sources.has(id)));
      const overlayLayers = (previous?.layers ?? []).filter((layer) => !basemapIds.layers.has(layer.id));
      basemapIds.layers = new Set(style.layers.map((layer) => layer.id));
      basemapIds.sources = new Set(Object.keys(style.sources));
      return { ...style, sources: { ...style.sources, ...overlaySources }, layers: [...style.layers, ...overlayLayers] };
    },
  });
}

/** A map button that switches the basemap between day and night, remembered on this machine. */
export class BasemapModeControl implements maplibregl.IControl {
  private container: HTMLDivElement | null = null;
  private mode: BasemapMode = storedBasemapMode();

  /** `styleFor` gives the style of a mode (after a fallback to the offline basemap: that one's). */
  constructor(
    private readonly styleFor: (mode: BasemapMode) => BasemapStyle,
    private readonly onSwitch: (style: BasemapStyle, mode: BasemapMode) => void,
    private readonly title: (mode: BasemapMode) => string,
  ) {}

  onAdd(): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.testid = 'basemap-mode';
    const show = () => {
      // The button offers the other mode.
      button.textContent = this.mode === 'night' ? '☀' : '☾';
      button.title = this.title(this.mode);
      button.setAttribute('aria-label', button.title);
      button.setAttribute('aria-pressed', String(this.mode === 'night'));
    };
    button.addEventListener('click', () => {
      this.mode = this.mode === 'night' ? 'day' : 'night';
      storeBasemapMode(this.mode);
      show();
      this.onSwitch(this.styleFor(this.mode), this.mode);
    });
    show();
    container.append(button);
    this.container = container;
    return container;
  }

  onRemove(): void {
    this.container?.remove();
    this.container = null;
  }
}
