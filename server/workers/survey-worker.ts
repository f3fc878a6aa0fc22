import { parentPort } from 'node:worker_threads';
import { parseSurvey, type SurveyParseInput, type SurveyParseOutcome } from './survey-parse';

/** The parse worker's entry (started by survey-parser.ts through boot.mjs): one job at a time, answered by id. */
export interface SurveyJob {
  id: number;
  input: SurveyParseInput;
}

export type SurveyJobAnswer = { id: number; outcome: SurveyParseOutcome } | { id: number; failure: string };

parentPort?.on('message', (job: SurveyJob) => {
  let answer: SurveyJobAnswer;
  try {
    answer = { id: job.id, outcome: parseSurvey(job.input) };
  } catch (err) {
    answer = { id: job.id, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(answer);
});
