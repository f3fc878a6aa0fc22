import type { HubDeps } from '../commands/context';
import { expireQuestion } from '../commands/reporter-question';
import { runCommand } from '../commands/run-command';
import { dueQuestionIds } from '../store/reporter-questions';
import { Periodic } from './periodic';

/**
 * Questions to the reporter left unanswered past their due moment (N working days, set when asked): the flag drops
 * and the desk gets a `question_unanswered` alert. Every hub node runs one; a read-only pass finds the due
 * questions and each is decided again in its own write transaction (the event-log lock orders the nodes, and the
 * question ends by a conditional update), so the alert is raised once, not once per node.
 */
export class QuestionSweeper {
  private readonly schedule: Periodic;

  constructor(
    private readonly deps: HubDeps,
    everyMs = 60_000,
  ) {
    this.schedule = new Periodic(everyMs, () => this.sweep(), deps.log, 'question sweep');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
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
