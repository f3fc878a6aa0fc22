import pino from 'pino';
import type { Config } from './config';
import { REDACTED, REDACTED_FIELDS, requestForLog } from './log-redaction';

export type Logger = pino.Logger;

/** The hub's logger: request URLs and secret fields redacted (log-redaction.ts); to stdout unless a destination is given. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { app: 'meldkamer' },
    serializers: { req: requestForLog },
    redact: { paths: REDACTED_FIELDS, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
