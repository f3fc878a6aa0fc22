import type { HubDeps } from '../commands/context';
import { expireOffers } from '../commands/dispatch';

/** Expires unanswered offers. Every node may run one: each expiry is a conditional update exactly one node wins. */
export class OfferSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: HubDeps,
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await expireOffers(this.deps);
    } catch (err) {
      this.deps.log.warn({ err }, 'offer expiry failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
