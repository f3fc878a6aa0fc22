/**
 * `npm run backup -- <file>`: a consistent copy of the embedded SQLite store while the hub keeps running
 * (store/sqlite-backup.ts; the data directory from the hub's configuration: MELDKAMER_DATA_DIR / MELDKAMER_CONFIG).
 * Prints how far the copy reaches (the last event's seq). PostgreSQL is backed up with its own tools (README).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { backupSqliteFile, SQLITE_FILE } from '../store/sqlite-backup';

function fail(message: string): never {
  process.stderr.write(`meldkamer backup: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) fail('usage: npm run backup -- <file>');
  const config = loadConfig();
  if (config.databaseUrl) fail('the hub runs on PostgreSQL: back it up with pg_dump (README "Operating Meldkamer")');
  const source = join(config.dataDir, SQLITE_FILE);
  if (!existsSync(source)) fail(`no database in ${config.dataDir} (set MELDKAMER_DATA_DIR)`);
  const file = resolve(target);
  if (file === resolve(source)) fail('the backup cannot be the live database itself');
  const outcome = await backupSqliteFile(source, file);
  const mb = (outcome.bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(`backup written: ${outcome.file} (${mb} MB, up to event ${outcome.seq}, ${outcome.ms} ms)\n`);
}

main().catch((err) => fail(err instanceof ConfigError ? err.message : (err as Error).message));
