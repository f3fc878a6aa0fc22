import type { HubDeps } from '../commands/context';
import { recordAttempt } from '../commands/delivery';
import { runCommand } from '../commands/run-command';
import type { Config } from '../config';
import { EmailChannel } from './email-channel';
import { SmsChannel } from './sms-channel';
import { OutboxWorker } from './worker';

/** The hub's outbox worker with the configured channels; every attempt is recorded by a command, with its report event. */
export function createOutboxWorker(config: Config, deps: HubDeps): OutboxWorker {
  const { smtp, sms } = config.notify;
  return new OutboxWorker({
    store: deps.store,
    channels: {
      email: smtp ? new EmailChannel(smtp) : undefined,
      sms: sms ? new SmsChannel(sms) : undefined,
    },
    owner: config.nodeId,
    pollMs: config.notify.pollMs,
    maxAttempts: config.notify.maxAttempts,
    ...(config.outboxBackoffMs ? { backoffMs: config.outboxBackoffMs } : {}),
    clock: deps.clock,
    log: deps.log,
    record: (attempt) => runCommand(deps, recordAttempt, 'system', attempt),
  });
}
