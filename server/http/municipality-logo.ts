import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Municipality } from '../domain/feedback-values';
import { LOGO_PATH } from './public-layout';

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** At most 1 MB: a header logo, not a photo. */
const MAX_LOGO_BYTES = 1_000_000;

/**
 * The municipality's logo (MELDKAMER_MUNICIPALITY_LOGO) at `GET /gemeente/logo`, public, read once at start: a
 * missing, unreadable or too large file stops the hub with what to fix, rather than a broken image on every page.
 * Without a logo setting the route is not there (404) and
 * the pages' header shows the name as text.
 */
export async function registerMunicipalityLogo(app: FastifyInstance, municipality: Municipality): Promise<void> {
  const file = municipality.logoFile;
  if (!file) return;
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) throw new Error(`MELDKAMER_MUNICIPALITY_LOGO: ${file} is not a PNG, JPEG, SVG or WebP file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new Error(`MELDKAMER_MUNICIPALITY_LOGO: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) {
    throw new Error(`MELDKAMER_MUNICIPALITY_LOGO: ${file} is ${bytes.length} bytes; a logo must be 1 byte to 1 MB`);
  }
  app.get(LOGO_PATH, { config: { access: 'public' } }, async (_request, reply) =>
    reply
      .header('content-type', type)
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(bytes),
  );
}
