import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../server/log';

export interface LogBuffer {
  /** The hub's logger (startTestHub `logger`), writing here. */
  logger: Logger;
  /** Everything logged, as text. */
  text(): string;
  /** Everything logged, one parsed JSON object a line. */
  lines<T = Record<string, unknown>>(): T[];
}

/** A logger that keeps what a hub logs in memory, to read in a test. */
export function logBuffer(level: 'info' | 'debug' = 'info'): LogBuffer {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    logger: createLogger({ logLevel: level }, stream),
    text,
    lines: <T>() =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T),
  };
}
