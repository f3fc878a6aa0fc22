import { commandText } from '../domain/command-texts';
import { localDateString } from '../domain/sla';
import { type FocusArea, FocusArea as FocusAreaSchema, type TaskingEntry, TaskingEntry as TaskingEntrySchema } from '../protocol/dispatch';
import { getFocusArea, insertFocusArea, insertTasking } from '../store/tasking';
import { getUnit } from '../store/units';
import { CommandError } from './errors';
import { type CommandTx, userCommand } from './run-command';

/** The police coordinator's daily tasking: focus areas and which unit patrols which area in which shift. */

function taskingChanged(tx: CommandTx, actorId: string, date: string) {
  return tx.emit(() => ({ type: 'tasking.updated' as const, at: tx.at, actorId, date }));
}

export const createFocusArea = userCommand({
  name: 'focus_area.create',
  access: 'tasking.write',
  input: FocusAreaSchema.omit({ id: true }),
  async apply(tx, area, user): Promise<FocusArea> {
    if (Date.parse(area.endsAt) <= Date.parse(area.startsAt)) {
      const text = commandText('command.area.ends_before_start');
      throw new CommandError('validation', text, { endsAt: text });
    }
    const created = await insertFocusArea(tx.trx, area, user.id, tx.at);
    await taskingChanged(tx, user.id, localDateString(tx.now));
    return created;
  },
});

export const createTasking = userCommand({
  name: 'tasking.create',
  access: 'tasking.write',
  input: TaskingEntrySchema.omit({ id: true }),
  async apply(tx, entry, user): Promise<TaskingEntry> {
    if (!(await getUnit(tx.trx, entry.unitId))) {
      const text = commandText('command.unit.unknown');
      throw new CommandError('validation', text, { unitId: text });
    }
    if (!(await getFocusArea(tx.trx, entry.areaId))) {
      const text = commandText('command.area.unknown');
      throw new CommandError('validation', text, { areaId: text });
    }
    const created = await insertTasking(tx.trx, entry, user.id);
    await taskingChanged(tx, user.id, entry.date);
    return created;
  },
});
