import type { HubDeps } from '../commands/context';
import { expireQuestion } from '../commands/reporter-question';
import { runCommand } from '../commands/run-command';
import { dueQuestionIds } from '../store/reporter-questions';

/**
 * Questions to the reporter left unanswered past their due moment (N working days, set when asked): the flag drops
 * and the desk gets a `question_unanswered` alert. Every hub node runs one; a read-only pass finds the due
 * questions and each is decided again in its own write transaction (the event-log lock orders the nodes, and the
 * question ends by a conditional update), so the alert is raised once, not once per node.
 */
export class QuestionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: HubDeps,
    private readonly everyMs = 60_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.sweep();
    } catch (err) {
      this.deps.log.warn({ err }, 'question sweep failed');
    } finally {
      this.running = false;
    }
  }

  /** Ends the due questions; answers how many this node ended. */
  async sweep(): Promise<number> {
    let ended = 0;
    for (const questionId of await dueQuestionIds(this.deps.store.db, this.deps.clock().toISOString())) {
      if (await runCommand(this.deps, expireQuestion, 'system', { questionId })) ended += 1;
    }
    return ended;
  }
}
