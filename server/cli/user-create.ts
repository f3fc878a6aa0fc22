/**
 * `npm run user:create -- --role admin --username NAME [--display-name "Naam"] [--unit CALLSIGN] [--password-stdin]`
 *
 * Creates an account in the hub's store, with the hub's configuration (environment and MELDKAMER_CONFIG, so
 * SQLite or PostgreSQL alike): the first admin of a fresh installation, without demo mode. The password is
 * asked twice on a terminal (not shown), or read from standard input (its first line) with --password-stdin or
 * when standard input is not a terminal. The password policy holds here as in the console.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { runCommand } from '../commands/run-command';
import { createUserFromCommandLine } from '../commands/users';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';
import { Role } from '../protocol/auth';
import { migrateToLatest } from '../store/migrate';
import { openStore } from '../store/open';
import { listUnits } from '../store/units';

const USAGE = `usage: npm run user:create -- --role ${Role.options.join('|')} --username NAME [--display-name "Full name"] [--unit CALLSIGN] [--password-stdin]`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const muted = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WritableStream };
    muted._writeToOutput = (text: string) => {
      if (text.startsWith(question)) muted.output.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function password(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readStdin();
  const first = await askHidden('Password: ');
  const again = await askHidden('Password again: ');
  if (first !== again) fail('The passwords differ; nothing was created.');
  return first;
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      options: {
        role: { type: 'string' },
        username: { type: 'string' },
        'display-name': { type: 'string' },
        unit: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    args = parse();
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`, 2);
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const role = Role.safeParse(values.role);
  if (!role.success || !values.username) fail(USAGE, 2);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }
  const secret = await password(values['password-stdin']);
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  let refusal: string | undefined;
  try {
    await migrateToLatest(store.db);
    const deps: HubDeps = {
      store,
      log: createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }),
      clock: () => new Date(),
      publicUrl: config.publicUrl ?? '',
      wakeOutbox: () => undefined,
      endSessions: () => undefined,
      publisher: { publish: () => undefined },
    };
    const unit = values.unit ? (await listUnits(store.db)).find((u) => u.callsign === values.unit || u.id === values.unit) : undefined;
    if (values.unit && !unit) {
      refusal = `Unknown unit ${values.unit}; nothing was created.`;
    } else {
      const account = await runCommand(deps, createUserFromCommandLine, 'system', {
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        role: role.data,
        unitId: unit?.id ?? null,
        password: secret,
      });
      process.stdout.write(`Created ${account.role} ${account.username} (${store.kind === 'sqlite' ? store.location : 'PostgreSQL'}).\n`);
    }
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    const fields = Object.entries(err.fields ?? {}).map(([field, message]) => `  ${field}: ${message}`);
    refusal = [`${err.message}; nothing was created.`, ...fields].join('\n');
  } finally {
    await store.close();
  }
  if (refusal) fail(refusal);
}

main().catch((err) => fail((err as Error).stack ?? String(err)));
