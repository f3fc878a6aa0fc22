import Database from 'better-sqlite3';

/**
 * A vector basemap in an MBTiles file (SQLite: `tiles(zoom_level, tile_column, tile_row, tile_data)` with TMS rows,
 * `metadata(name, value)`), opened read-only. Tiles are returned as stored (planetiler and tippecanoe gzip them).
 */
export interface MbtilesReader {
  tile(z: number, x: number, y: number): Buffer | null;
  metadata: Record<string, string>;
  close(): void;
}

export function openMbtiles(file: string): MbtilesReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[];
    const metadata = Object.fromEntries(rows.map((r) => [r.name, r.value]));
    const select = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    return {
      metadata,
      // MBTiles counts rows from the south (TMS); XYZ from the north.
      tile: (z, x, y) => (select.get(z, x, 2 ** z - 1 - y) as Buffer | undefined) ?? null,
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Writes an MBTiles file: for tests and the demo basemap script. `tiles` are XYZ addressed. */
export function writeMbtiles(
  file: string,
  metadata: Record<string, string>,
  tiles: Iterable<{ z: number; x: number; y: number; data: Uint8Array }>,
): void {
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const tile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const [name, value] of Object.entries(metadata)) meta.run(name, value);
      for (const t of tiles) tile.run(t.z, t.x, 2 ** t.z - 1 - t.y, Buffer.from(t.data));
    })();
  } finally {
    db.close();
  }
}
