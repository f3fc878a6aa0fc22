import { ConfigError, loadConfig } from './config';
import { startHub } from './start-hub';
import { IncompatibleDatabaseError, NewerDatabaseError } from './store/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const hub = await startHub(config);
  if (hub.demoLogins.length > 0) {
    const lines = hub.demoLogins.map((l) => `  ${l.username.padEnd(12)} / ${l.password.padEnd(12)} (${l.role})`);
    process.stdout.write(`\nMeldkamer demo users:\n${lines.join('\n')}\n`);
  }
  process.stdout.write(`\nMeldkamer console: ${hub.url}/\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      hub.log.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    hub.close().then(
      () => process.exit(0),
      (err) => {
        hub.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof NewerDatabaseError || err instanceof IncompatibleDatabaseError) {
    process.stderr.write(`meldkamer: ${err.message}\n`);
  } else {
    process.stderr.write(`meldkamer: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  }
  process.exit(1);
});
