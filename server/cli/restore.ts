/**
 * `npm run restore -- <file>`: puts a backup back into the data directory of a STOPPED hub (store/sqlite-restore.ts:
 * checked first; the database that was there is kept beside it). The data directory comes from the hub's
 * configuration (MELDKAMER_DATA_DIR / MELDKAMER_CONFIG).
 */
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { RestoreRefused, restoreSqlite } from '../store/sqlite-restore';

function fail(message: string): never {
  process.stderr.write(`meldkamer restore: ${message}\n`);
  process.exit(1);
}

try {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) fail('usage: npm run restore -- <file>');
  const config = loadConfig();
  if (config.databaseUrl) fail('the hub runs on PostgreSQL: restore it with pg_restore (README "Operating Meldkamer")');
  const outcome = restoreSqlite(resolve(file), config.dataDir, new Date());
  process.stdout.write(`restored into ${config.dataDir}: up to event ${outcome.seq}\n`);
  if (outcome.previous) process.stdout.write(`the database that was there is kept as ${outcome.previous}\n`);
  process.stdout.write('start the hub to use it (it applies any newer migrations at start)\n');
} catch (err) {
  fail(err instanceof ConfigError || err instanceof RestoreRefused ? err.message : (err as Error).stack ?? String(err));
}
