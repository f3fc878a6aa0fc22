import type { HubDeps } from '../commands/context';
import { expireOffers } from '../commands/dispatch';
import { Periodic } from './periodic';

/** Expires unanswered offers. Every node may run one: each expiry is a conditional update exactly one node wins. */
export class OfferSweeper {
  private readonly schedule: Periodic;

  constructor(deps: HubDeps, everyMs = 1000) {
    this.schedule = new Periodic(everyMs, () => expireOffers(deps), deps.log, 'offer expiry');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }
}
