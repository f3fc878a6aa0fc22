import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { REPLAY_HOURS } from '../domain/replay';
import { localDateTime } from '../domain/zoned-time';
import { type ReplaySnapshotParts, replaySnapshotParts, replayWindow } from '../store/replay';
import { JsonText, route } from './route';

const HOUR_MS = 3_600_000;
/**
 * How far before the range's start an instant is still answered: the range moves on with the clock, and the console's
 * slider starts where it started when the hub last answered (its left end was refused a few seconds later).
 */
const RANGE_START_GRACE_MS = 5 * 60_000;

/** Shift replay (terugkijken): the state at an instant of the last 12 hours and the windows after it (shift lead, admin). */
export function registerReplayRoutes(app: FastifyInstance, deps: HubDeps, timeZone: () => string): void {
  const range = () => {
    const until = deps.clock();
    return { from: new Date(until.getTime() - REPLAY_HOURS * HOUR_MS).toISOString(), until: until.toISOString() };
  };
  const inRange = (at: string, r: { from: string; until: string }) => {
    const t = Date.parse(at);
    if (t < Date.parse(r.from) - RANGE_START_GRACE_MS || t > Date.parse(r.until)) {
      // Replay reaches the last 12 hours only: the trail and the log are read per window, never beyond.
      const local = (iso: string) => localDayMinute(iso, timeZone());
      throw new CommandError('validation', commandText('command.replay.out_of_range', { from: local(r.from), until: local(r.until) }));
    }
    return new Date(t).toISOString();
  };
  route(app, 'replay.snapshot', async ({ query, user }) => {
    const r = range();
    return snapshotAnswer(r, await replaySnapshotParts(deps.store.db, inRange(query.at, r), user.role));
  });
  route(app, 'replay.window', async ({ query, user }) => {
    const r = range();
    const from = inRange(query.from, r);
    const until = new Date(Math.min(Date.parse(from) + query.minutes * 60_000, Date.parse(r.until))).toISOString();
    return replayWindow(deps.store.db, from, until, user.role);
  });
}

/** An instant as the control room's clock reads it, day and minute: 29-11 22:00 (the same in Dutch and English). */
function localDayMinute(instant: string, timeZone: string): string {
  const local = localDateTime(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.day)}-${pad(local.month)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/**
 * The snapshot answer (protocol/replay.ts ReplaySnapshotAnswer) as JSON text: the reports the database wrote as a
 * JSON array are joined with the others as they are, not parsed and serialised again (see http/route.ts JsonText).
 */
function snapshotAnswer(range: { from: string; until: string }, parts: ReplaySnapshotParts): JsonText {
  const { reports, ...rest } = parts.snapshot;
  const untouched = parts.reportsJson.toString().trim();
  const inner = untouched.slice(1, -1);
  const others = reports.length > 0 ? JSON.stringify(reports).slice(1, -1) : '';
  const joined = `[${inner}${inner && others ? ',' : ''}${others}]`;
  const head = JSON.stringify({ range, snapshot: rest });
  // `head` ends with the two closing braces of snapshot and answer: the reports go in before them.
  return new JsonText([head.slice(0, -2), ',"reports":', joined, '}}']);
}
