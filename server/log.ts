import pino from 'pino';
import type { Config } from './config';
import { REDACTED, REDACTED_FIELDS, requestForLog } from './log-redaction';
import { currentJobRun, currentRequestId } from './request-context';

export type Logger = pino.Logger;

/** The hub's logger: request URLs and secret fields redacted (log-redaction.ts); to stdout unless a destination is given. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { app: 'meldkamer' },
    serializers: { req: requestForLog },
    redact: { paths: REDACTED_FIELDS, censor: REDACTED },
    // Every line written while a request or socket command runs carries its id (server/request-context.ts), unless the
    // line's logger already names it (Fastify's request logger binds reqId itself); a background job's run, its name
    // and run id.
    mixin: (_merge, _level, logger) => {
      const run = currentJobRun();
      if (run) return run;
      const reqId = currentRequestId();
      return reqId && !('reqId' in logger.bindings()) ? { reqId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
