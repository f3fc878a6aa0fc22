import type { Ack } from './common';
import type { HubEvent } from './events';
import type { TransitionRequestBody } from './lifecycle-api';
import type { CreateReportInput, Report } from './report';

/** Socket.IO namespace for control-room consoles. */
export const CONSOLE_NAMESPACE = '/console';

export interface ConsoleClientToServer {
  'report:create': (input: CreateReportInput, ack: (result: Ack<Report>) => void) => void;
  'report:transition': (input: TransitionRequestBody & { reportId: string }, ack: (result: Ack<Report>) => void) => void;
}

export interface ConsoleServerToClient {
  event: (event: HubEvent) => void;
}

export interface HubInterServer {
  ping: () => void;
}

export type ClientCommandName = keyof ConsoleClientToServer;
