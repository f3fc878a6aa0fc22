import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { trafficRecipients } from '../domain/priority-traffic';
import { type ShiftSettings, shiftAt } from '../domain/shifts';
import type { PositionFix } from '../protocol/dispatch';
import { DeclarePriorityTrafficCommand, LiftPriorityTrafficCommand, type PriorityTraffic } from '../protocol/safety';
import { getPriorityTraffic, insertPriorityTraffic, liftPriorityTraffic } from '../store/priority-traffic';
import { getFocusArea, taskingForDate } from '../store/tasking';
import { listUnits } from '../store/units';
import { CommandError } from './errors';
import { type CommandTx, userCommand } from './run-command';

/** Spoedmelding (domain/priority-traffic.ts): declared and lifted by the desk; the hub picks the units it reaches. */

/** The units a warning for this area reaches now: tasked to it in the current shift, or last seen inside it. */
export async function recipientsOf(
  db: CommandTx['trx'],
  area: { id: string; polygon: PriorityTraffic['polygon'] },
  now: Date,
  shifts: ShiftSettings,
  live: ReadonlyMap<string, PositionFix>,
): Promise<string[]> {
  const { shift, date } = shiftAt(now, shifts);
  const tasked = new Map<string, string[]>();
  for (const { entry } of await taskingForDate(db, date)) {
    if (entry.shift !== shift) continue;
    tasked.set(entry.unitId, [...(tasked.get(entry.unitId) ?? []), entry.areaId]);
  }
  const units = await listUnits(db);
  return trafficRecipients(
    area,
    units.map((u) => {
      const fix = live.get(u.id) ?? u.position;
      return { unitId: u.id, status: u.status, position: fix ? { lat: fix.lat, lng: fix.lng } : null, taskedAreaIds: tasked.get(u.id) ?? [] };
    }),
  );
}

export function declarePriorityTraffic(shifts: () => ShiftSettings, live: () => ReadonlyMap<string, PositionFix>) {
  return userCommand({
    name: 'priority_traffic.declare',
    access: 'priority_traffic.declare',
    input: DeclarePriorityTrafficCommand,
    commandId: (cmd) => cmd.commandId,
    async apply(tx, cmd, user): Promise<PriorityTraffic> {
      const area = await getFocusArea(tx.trx, cmd.areaId);
      if (!area) {
        const text = commandText('command.area.unknown');
        throw new CommandError('validation', text, { areaId: text });
      }
      const id = await insertPriorityTraffic(tx.trx, { areaId: area.id, text: cmd.text, by: user.id, at: tx.at });
      const traffic = await getPriorityTraffic(tx.trx, id);
      if (!traffic) throw new CommandError('not_found', commandText('command.priority_traffic.not_found'));
      const recipients = await recipientsOf(tx.trx, area, tx.now, shifts(), live());
      await tx.emit(() => ({ type: 'priority_traffic.declared' as const, at: tx.at, actorId: user.id, traffic, recipients }));
      return traffic;
    },
  });
}

export const liftPriorityTrafficCommand = userCommand({
  name: 'priority_traffic.lift',
  access: 'priority_traffic.declare',
  input: LiftPriorityTrafficCommand.extend({ id: z.string().min(1) }),
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<PriorityTraffic> {
    const before = await getPriorityTraffic(tx.trx, cmd.id);
    if (!before) throw new CommandError('not_found', commandText('command.priority_traffic.not_found'));
    if (before.liftedAt) return before;
    await liftPriorityTraffic(tx.trx, cmd.id, user.id, tx.at);
    const traffic = { ...before, liftedAt: tx.at, liftedBy: user.id };
    await tx.emit(() => ({ type: 'priority_traffic.lifted' as const, at: tx.at, actorId: user.id, traffic, recipients: [] }));
    return traffic;
  },
});
