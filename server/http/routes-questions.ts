import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { askReporter } from '../commands/reporter-question';
import { runCommand } from '../commands/run-command';
import { commandText } from '../domain/command-texts';
import { isAllowed } from '../domain/permissions';
import { CITIZEN_COMMENT_MASK } from '../domain/privacy-mask';
import { reasonByCode, responseRate } from '../domain/satisfaction';
import { satisfactionCounts } from '../store/citizen-responses';
import { questionsOf } from '../store/reporter-questions';
import { getReport } from '../store/reports';
import { route } from './route';

/** Asking the reporter (POST), the report's questions with their answers (GET) and the satisfaction figures. */
export function registerQuestionRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'reports.askReporter', ({ params, body, user }) => runCommand(deps, askReporter, user, { ...body, reportId: params.id }));

  route(app, 'reports.questions', async ({ params, user }) => {
    if (!(await getReport(deps.store.db, params.id))) throw new CommandError('not_found', commandText('command.report.not_found'));
    const questions = await questionsOf(deps.store.db, params.id);
    // The reporter's own words and photo: for the desk that calls citizens back; masked (no photo id) for every other role.
    const contacts = isAllowed('contacts.read', user.role);
    return {
      questions: contacts ? questions : questions.map((q) => ({ ...q, answer: q.answer === null ? null : CITIZEN_COMMENT_MASK, answerPhotoId: null })),
    };
  });

  route(app, 'satisfaction.get', async ({ query }) => {
    // The store compares ISO text in UTC with milliseconds: a window written with an offset is read in that form.
    const counts = await satisfactionCounts(deps.store.db, new Date(query.from).toISOString(), new Date(query.to).toISOString());
    let satisfied = 0;
    let unsatisfied = 0;
    const byReason = new Map<string, { code: string; satisfied: boolean | null; nl: string; en: string; count: number }>();
    for (const a of counts.answers) {
      if (a.satisfied) satisfied += a.count;
      else unsatisfied += a.count;
      const reason = a.reason ? reasonByCode(a.reason) : undefined;
      const code = reason?.code ?? (a.satisfied ? 'none_ja' : 'none_nee');
      const entry = byReason.get(code) ?? {
        code,
        satisfied: a.satisfied,
        nl: reason?.nl ?? (a.satisfied ? 'Ja, zonder reden' : 'Nee, zonder reden'),
        en: reason?.en ?? (a.satisfied ? 'Yes, no reason given' : 'No, no reason given'),
        count: 0,
      };
      entry.count += a.count;
      byReason.set(code, entry);
    }
    const answered = satisfied + unsatisfied;
    return {
      from: query.from,
      to: query.to,
      asked: counts.asked,
      answered,
      responseRate: responseRate({ asked: counts.asked, answered }),
      satisfied,
      unsatisfied,
      reasons: [...byReason.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    };
  });
}
