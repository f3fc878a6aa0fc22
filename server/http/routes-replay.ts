import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { REPLAY_HOURS } from '../domain/replay';
import { replaySnapshotAt, replayWindow } from '../store/replay';
import { route } from './route';

const HOUR_MS = 3_600_000;

/** Shift replay (terugkijken): the state at an instant of the last 12 hours and the windows after it (shift lead, admin). */
export function registerReplayRoutes(app: FastifyInstance, deps: HubDeps): void {
  const range = () => {
    const until = deps.clock();
    return { from: new Date(until.getTime() - REPLAY_HOURS * HOUR_MS).toISOString(), until: until.toISOString() };
  };
  const inRange = (at: string, r: { from: string; until: string }) => {
    const t = Date.parse(at);
    if (t < Date.parse(r.from) || t > Date.parse(r.until)) {
      // Replay reaches the last 12 hours only: the trail and the log are read per window, never beyond.
      throw new CommandError('validation', commandText('command.request.refused', { reason: `terugkijken kan van ${r.from} tot ${r.until}` }));
    }
    return new Date(t).toISOString();
  };
  route(app, 'replay.snapshot', async ({ query, user }) => {
    const r = range();
    return { range: r, snapshot: await replaySnapshotAt(deps.store.db, inRange(query.at, r), user.role) };
  });
  route(app, 'replay.window', async ({ query, user }) => {
    const r = range();
    const from = inRange(query.from, r);
    const until = new Date(Math.min(Date.parse(from) + query.minutes * 60_000, Date.parse(r.until))).toISOString();
    return replayWindow(deps.store.db, from, until, user.role);
  });
}
