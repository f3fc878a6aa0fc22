import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError } from '../config';
import { mapOriginsOf } from '../http/security-headers';
import { openMbtiles, type MbtilesReader } from '../store/mbtiles';
import { type GlyphStore, glyphStore } from './glyphs';

/** The demo's approximate street map of central Den Haag (scripts/build-demo-basemap.ts). */
export const DEMO_BASEMAP_FILE = fileURLToPath(new URL('../../resources/map/den-haag-demo.mbtiles', import.meta.url));
export const GLYPHS_DIR = fileURLToPath(new URL('../../resources/map/glyphs', import.meta.url));
/** Where the console finds the offline basemap's style (server/http/map-tiles.ts). */
export const OFFLINE_STYLE_PATH = '/map/style.json';

export interface Basemap {
  tiles: MbtilesReader | null;
  glyphs: GlyphStore;
  /** Origins the console's CSP lets the map load from, beyond the hub itself. */
  origins: string[];
  /** What the console is told (ClientConfig). */
  client: { mapStyleUrl: string | null; mapNightStyleUrl: string | null; mapTilesStyleUrl: string | null };
}

type BasemapConfig = Pick<Config, 'mapStyleUrl' | 'mapNightStyleUrl' | 'mapTiles' | 'mapOrigins' | 'demo'>;

/**
 * The configured basemap: an online style (PDOK) by URL, and/or an MBTiles file the hub serves (`mapTiles`; in demo
 * mode without either, the bundled demo file). An MBTiles file that cannot be opened stops the hub with its key.
 */
export function loadBasemap(config: BasemapConfig): Basemap {
  const demoFile = config.demo && !config.mapStyleUrl && existsSync(DEMO_BASEMAP_FILE) ? DEMO_BASEMAP_FILE : undefined;
  const file = config.mapTiles ?? demoFile;
  let tiles: MbtilesReader | null = null;
  if (file) {
    try {
      tiles = openMbtiles(file);
    } catch (err) {
      throw new ConfigError(`Invalid configuration: mapTiles (MELDKAMER_MAP_TILES=${file}): cannot open it as MBTiles: ${(err as Error).message}`);
    }
  }
  return {
    tiles,
    glyphs: glyphStore(GLYPHS_DIR),
    origins: mapOriginsOf([config.mapStyleUrl, config.mapNightStyleUrl], config.mapOrigins),
    client: {
      mapStyleUrl: config.mapStyleUrl ?? null,
      mapNightStyleUrl: config.mapNightStyleUrl ?? null,
      mapTilesStyleUrl: tiles ? OFFLINE_STYLE_PATH : null,
    },
  };
}
