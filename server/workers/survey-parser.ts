import { Worker } from 'node:worker_threads';
import type { SurveyParseInput, SurveyParseOutcome } from './survey-parse';
import type { SurveyJob, SurveyJobAnswer } from './survey-worker';

const BOOT = new URL('./boot.mjs', import.meta.url);
const ENTRY = new URL(`./survey-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Parses survey CSVs on a worker thread (issue 10, point 5): reading and checking 50,000 rows takes a second
 * or more of CPU, which on the hub's event loop would hold up every request, socket event and emergency alert.
 * One worker, started on first use and kept (it does not keep the process alive); jobs queue in it. A worker
 * that dies fails its jobs and is replaced on the next one.
 */
export class SurveyParser {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (outcome: SurveyParseOutcome) => void; reject: (err: Error) => void }>();
  private nextId = 1;

  /** Parses handed to the worker and not yet answered. */
  get busy(): number {
    return this.waiting.size;
  }

  parse(input: SurveyParseInput): Promise<SurveyParseOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const job: SurveyJob = { id, input };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY.href }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.unref();
    worker.on('message', (answer: SurveyJobAnswer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id);
      if ('failure' in answer) waiter.reject(new Error(`survey parse failed: ${answer.failure}`));
      else waiter.resolve(answer.outcome);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`survey parse worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The hub's parser (one worker per process). */
export const surveyParser = new SurveyParser();
