/** The console's HTTP calls for dispatch: units, alerts, tasking. Their shapes are the route table's (server/protocol/dispatch-api.ts). */
import type {
  AlertsResponse,
  NewFocusArea,
  NewTaskingEntry,
  TaskingResponse,
  UnitsResponse,
} from '../../../server/protocol/dispatch-api';
import { call } from '../../shared/api/call';

/** The units board's cache: the answer of `units.list`, kept current by live events and position fixes. */
export type UnitsSnapshot = UnitsResponse;
/** The open alerts' cache: the answer of `alerts.list`. */
export type AlertsSnapshot = AlertsResponse;
/** One day's tasking cache: the answer of `tasking.get`. */
export type TaskingSnapshot = TaskingResponse;

export const dispatchApi = {
  units: () => call('units.list', {}),
  alerts: () => call('alerts.list', {}),
  tasking: (date: string) => call('tasking.get', { date }),
  createFocusArea: (body: NewFocusArea) => call('focusAreas.create', {}, body),
  createTasking: (body: NewTaskingEntry) => call('tasking.create', {}, body),
};
