import type { HubDeps } from '../commands/context';
import { recordDelivery } from '../commands/delivery';
import { runCommand } from '../commands/run-command';
import type { Config } from '../config';
import { EmailChannel } from './email-channel';
import { SmsChannel } from './sms-channel';
import { OutboxWorker } from './worker';

/** The hub's outbox worker with the configured channels; every delivery change becomes a report event. */
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
    onChange: (row) => {
      runCommand(deps, recordDelivery, 'system', row).catch((err) => deps.log.error({ err, outboxId: row.id }, 'delivery event failed'));
    },
  });
}
