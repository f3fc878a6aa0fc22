/** The console's HTTP calls for dispatch: units, alerts, tasking. Responses are checked against server/protocol. */
import { z } from 'zod';
import { Alert, Assignment, FocusArea, TaskingEntry, Unit } from '../../../server/protocol/dispatch';
import { request } from '../../shared/api/client';

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
  units: () => request('/api/units', { schema: UnitsResponse }),
  alerts: () => request('/api/alerts', { schema: AlertsResponse }),
  tasking: (date: string) => request(`/api/tasking?date=${encodeURIComponent(date)}`, { schema: TaskingResponse }),
  createFocusArea: (body: NewFocusArea) => request('/api/focus-areas', { method: 'POST', body, schema: FocusArea }),
  createTasking: (body: NewTaskingEntry) => request('/api/tasking', { method: 'POST', body, schema: TaskingEntry }),
};
