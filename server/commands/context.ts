import type { AddressSource } from '../geo/address-source';
import type { Logger } from '../log';
import type { User } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';
import type { Store } from '../store/open';

export interface EventPublisher {
  /** Called only after the transaction that wrote the event has committed. */
  publish(event: HubEvent): void;
}

/** What every command needs from the running hub. */
export interface HubDeps {
  store: Store;
  publisher: EventPublisher;
  log: Logger;
  /** The hub's clock; tests and the demo seed move it. */
  clock: () => Date;
  /** Base URL citizens use for status pages; set once the hub listens. */
  publicUrl: string;
  /** Nudges the outbox worker after a commit that queued citizen messages. */
  wakeOutbox: () => void;
  /** Disconnects the sockets of these ended sessions on every hub node (commands/sessions.ts ends them). */
  endSessions: (sessionIds: readonly string[]) => void;
  /** Address search and nearest address (server/geo); absent in tools that need none (CLI, some tests). */
  addresses?: AddressSource;
  /** The readability floor of citizen messages (hub/readability-config.ts); absent: the default, 60. */
  readabilityFloor?: number;
  /** The municipality citizen messages speak for (hub/municipality-config.ts); absent: DEFAULT_MUNICIPALITY. */
  municipality?: import('../domain/feedback-values').Municipality;
  /** Neighbourhood (wijk) boundaries, when configured: run cards may name one (commands/run-cards.ts). */
  neighbourhoods?: readonly import('../domain/neighbourhood-hotspots').Neighbourhood[] | null;
}

export interface CommandContext extends HubDeps {
  actor: User;
}
