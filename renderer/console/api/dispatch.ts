/** The console's HTTP calls for dispatch: units, alerts, tasking. Responses are checked against server/protocol. */
import { z } from 'zod';
import { Alert, Assignment, FocusArea, TaskingEntry, Unit } from '../../../server/protocol/dispatch';
import { call } from '../../shared/api/call';

export const UnitsResponse = z.object({ units: z.array(Unit), assignments: z.array(Assignment) });
export type UnitsSnapshot = z.infer<typeof UnitsResponse>;

export const AlertsResponse = z.object({ alerts: z.array(Alert) });
export type AlertsSnapshot = z.infer<typeof AlertsResponse>;

export const TaskingResponse = z.object({
  date: z.string(),
  tasking: z.array(z.object({ entry: TaskingEntry, area: FocusArea })),
  areas: z.array(FocusArea),
});
export type TaskingSnapshot = z.infer<typeof TaskingResponse>;

export type NewFocusArea = Omit<FocusArea, 'id'>;
export type NewTaskingEntry = Omit<TaskingEntry, 'id'>;

export const dispatchApi = {
  units: () => call('units.list', {}),
  alerts: () => call('alerts.list', {}),
  tasking: (date: string) => call('tasking.get', { date }),
  createFocusArea: (body: NewFocusArea) => call('focusAreas.create', {}, body),
  createTasking: (body: NewTaskingEntry) => call('tasking.create', {}, body),
};
