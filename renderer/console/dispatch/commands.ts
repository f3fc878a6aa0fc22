/**
 * Socket commands with acks. Every state-changing command carries a client-made `commandId`; a command
 * whose ack does not arrive in time is sent again with the SAME id, so the hub applies it once however
 * often it arrives (server/commands/idempotent.ts).
 */
import { createContext, useCallback, useContext } from 'react';
import type { Role } from '../../../server/protocol/auth';
import type { Ack, ApiError, DomainText } from '../../../server/protocol/common';
import type { ConsoleClientToServer } from '../../../server/protocol/socket';
import type { ConsoleSocket } from '../live/useLiveConnection';

export type CommandName = keyof ConsoleClientToServer;
export type CommandInput<N extends CommandName> = Parameters<ConsoleClientToServer[N]>[0];
export type CommandResult<N extends CommandName> =
  Parameters<ConsoleClientToServer[N]>[1] extends (result: Ack<infer T>) => void ? T : never;

/** A refused command (the hub's ApiError) or `timeout` / `offline` from the client itself. */
export class HubCommandError extends Error {
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** The refusal as a coded text (to show in the console's language: shared/api/refusal.ts). */
  readonly text: DomainText | undefined;
  /** `fields` as coded texts (same keys). */
  readonly fieldTexts: Record<string, DomainText> | undefined;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'HubCommandError';
    this.code = error.code;
    this.fields = error.fields;
    this.text = error.text;
    this.fieldTexts = error.fieldTexts;
  }
}

export const ACK_TIMEOUT_MS = 8000;
export const ATTEMPTS = 3;

interface AckEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && /timed out/i.test(error.message);
}

/** Sends a command and waits for its ack; on a timeout it is sent again (same payload, same commandId). */
export async function sendCommand<N extends CommandName>(
  socket: ConsoleSocket | null,
  name: N,
  input: CommandInput<N>,
  { attempts = ATTEMPTS, timeoutMs = ACK_TIMEOUT_MS }: { attempts?: number; timeoutMs?: number } = {},
): Promise<CommandResult<N>> {
  if (!socket) throw new HubCommandError({ code: 'offline', message: 'no connection to the hub' });
  const emitter = socket as unknown as AckEmitter;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const ack = (await emitter.timeout(timeoutMs).emitWithAck(name, input)) as Ack<CommandResult<N>>;
      if (ack.ok) return ack.data;
      throw new HubCommandError(ack.error);
    } catch (error) {
      if (!isTimeout(error)) throw error;
      lastError = error;
    }
  }
  throw new HubCommandError({
    code: 'timeout',
    message: lastError instanceof Error ? lastError.message : 'operation has timed out',
  });
}

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost); a console opened over
 * plain http on the control room's LAN builds one from `getRandomValues`, which exists everywhere.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface DispatchContextValue {
  socket: ConsoleSocket | null;
  role: Role;
}

export const DispatchContext = createContext<DispatchContextValue | null>(null);

export function useDispatchContext(): DispatchContextValue {
  const ctx = useContext(DispatchContext);
  if (!ctx) throw new Error('useDispatchContext outside DispatchContext');
  return ctx;
}

/** `run(name, input)` over the console's socket. */
export function useHubCommand() {
  const { socket } = useDispatchContext();
  return useCallback(
    <N extends CommandName>(name: N, input: CommandInput<N>) => sendCommand(socket, name, input),
    [socket],
  );
}
