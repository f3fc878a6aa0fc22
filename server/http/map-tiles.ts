import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { basemapStyle } from '../map/basemap-style';
import type { GlyphStore } from '../map/glyphs';
import type { MbtilesReader } from '../store/mbtiles';

/**
 * The offline basemap (issue 12): `/map/style.json` (`?mode=night` for the night palette), vector tiles from the
 * configured MBTiles file at `/tiles/{z}/{x}/{y}.pbf` and label glyphs at `/map/glyphs/{fontstack}/{range}.pbf`.
 * Public like the console's own files and the bundled map outline: the basemap is public map data, and the login
 * screen and the field client draw it too; nothing in it is about reports or people.
 */
export interface MapTileOptions {
  tiles: MbtilesReader | null;
  glyphs: GlyphStore;
}

const PUBLIC = { config: { access: 'public' as const } };
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The hub's origin as this browser reached it (through a trusted proxy: as it says), for the style's URLs. */
function requestOrigin(request: FastifyRequest): string | null {
  const host = request.host;
  return HOST.test(host) ? `${request.protocol}://${host}` : null;
}

function isGzip(data: Uint8Array): boolean {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
}

function tileCoordinates(params: { z: string; x: string; y: string }): [number, number, number] | null {
  const number = (v: string) => (/^\d{1,8}$/.test(v) ? Number(v) : -1);
  const [z, x, y] = [number(params.z), number(params.x), number(params.y)];
  if (z < 0 || z > 24 || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
  return [z, x, y];
}

export function registerMapTileRoutes(app: FastifyInstance, options: MapTileOptions): void {
  const { tiles, glyphs } = options;
  const notFound = (reply: FastifyReply, what: string) => reply.status(404).type('text/plain').send(`${what} not found`);

  app.get<{ Querystring: { mode?: string } }>('/map/style.json', PUBLIC, async (request, reply) => {
    if (!tiles) return notFound(reply, 'offline basemap');
    const origin = requestOrigin(request);
    if (!origin) return reply.status(400).type('text/plain').send('bad Host header');
    const zoom = (key: string, fallback: number) => {
      const n = Number(tiles.metadata[key]);
      return Number.isInteger(n) && n >= 0 && n <= 24 ? n : fallback;
    };
    const style = basemapStyle({
      origin,
      mode: request.query.mode === 'night' ? 'night' : 'day',
      minzoom: zoom('minzoom', 0),
      maxzoom: zoom('maxzoom', 14),
      attribution: tiles.metadata.attribution,
    });
    return reply.header('Cache-Control', 'no-cache').type('application/json').send(style);
  });

  app.get<{ Params: { z: string; x: string; y: string } }>('/tiles/:z/:x/:y.pbf', PUBLIC, async (request, reply) => {
    if (!tiles) return notFound(reply, 'offline basemap');
    const at = tileCoordinates(request.params);
    if (!at) return notFound(reply, 'tile');
    const data = tiles.tile(...at);
    // No tile there (sea, outside the area): empty, as tile servers answer, so MapLibre draws nothing and moves on.
    if (!data) return reply.status(204).header('Cache-Control', 'public, max-age=3600').send();
    reply.header('Cache-Control', 'public, max-age=3600').header('Vary', 'Accept-Encoding').type('application/x-protobuf');
    if (!isGzip(data)) return reply.send(data);
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('Content-Encoding', 'gzip').send(data);
    return reply.send(gunzipSync(data));
  });

  app.get<{ Params: { fontstack: string; range: string } }>('/map/glyphs/:fontstack/:range.pbf', PUBLIC, async (request, reply) => {
    const found = glyphs.range(request.params.fontstack, request.params.range);
    if (found === 'bad-range' || found === 'missing-font') return notFound(reply, 'glyphs');
    // A range not built (Cyrillic, CJK …): empty, so the rest of the label still draws.
    if (found === 'missing-range') return reply.status(204).send();
    return reply.header('Cache-Control', 'public, max-age=86400').type('application/x-protobuf').send(found);
  });
}
