import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { type Action, isAllowed } from '../domain/permissions';
import type { User } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';
import { previousResult, recordResult } from '../store/command-log';
import { appendEvent, type EventDraft } from '../store/events';
import type { DB } from '../store/schema';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { parseOrThrow } from './validate';

/** What a command writes with: one transaction, the hub clock read once, and the events to publish after commit. */
export interface CommandTx {
  readonly deps: HubDeps;
  readonly trx: Kysely<DB>;
  readonly now: Date;
  /** `now` as an ISO string, for the rows and events of this command. */
  readonly at: string;
  /** Appends an event with the next seq (build receives it first) and publishes it once the transaction commits. */
  emit<D extends EventDraft>(build: (seq: number) => D | Promise<D>): Promise<D & { seq: number }>;
  /** Counts citizen messages queued in this transaction: the outbox worker is woken after commit. */
  queued(messages: number): void;
}

interface CommandBase<S extends z.ZodType, R> {
  /** Names the command in logs and in the idempotency log. */
  name: string;
  /** The input schema from protocol/: a refusal names the fields. */
  input: S;
  /**
   * The line logged after a commit that wrote events, naming what changed (a report number, a batch id); its
   * fields go next to the command's name and seqs (type the parameter: `(report: Report) => …`). Without it the
   * line is a generic `command applied`. `fields` is a method so that any command still fits `UserCommand<S, unknown>`.
   */
  log?: { message: string; fields(result: R): Record<string, unknown> };
}

/** A change a signed-in user asks for (HTTP route, console or field socket). */
export interface UserCommand<S extends z.ZodType, R, P = z.output<S>> extends CommandBase<S, R> {
  /** What the caller's role must be allowed (domain/permissions). */
  access: Action;
  /** A client-made id: a retry (lost ack, offline replay) gets the stored result and changes nothing. */
  commandId?: (input: z.output<S>) => string;
  /** Work on the input that needs no lock (parsing a CSV), done before the write transaction; `apply` gets its result. */
  prepare?: (deps: HubDeps, input: z.output<S>, user: User) => P | Promise<P>;
  /** See {@link SystemCommand.answerWithoutWriting}. */
  answerWithoutWriting?: (deps: HubDeps, prepared: P) => Promise<R | undefined>;
  apply(tx: CommandTx, prepared: P, user: User): Promise<R>;
}

/** A change the hub makes itself (expiry sweeper, outbox, citizen pages, webhooks): no user, no role. */
export interface SystemCommand<S extends z.ZodType, R, P = z.output<S>> extends CommandBase<S, R> {
  access: 'system';
  /** Work on the input that needs no lock (looking up a place), done before the write transaction; `apply` gets its result. */
  prepare?: (deps: HubDeps, input: z.output<S>) => P | Promise<P>;
  /**
   * The answer when nothing needs writing (e.g. a webhook post delivered before), read after `prepare` and before
   * the write transaction, so it neither waits for nor holds the event-log lock; undefined goes on to `apply`
   * (which checks again under the lock where a race matters).
   */
  answerWithoutWriting?: (deps: HubDeps, prepared: P) => Promise<R | undefined>;
  apply(tx: CommandTx, prepared: P): Promise<R>;
}

/** Declares a user command (types the input of `apply` from the schema, or from `prepare` when given). */
export function userCommand<S extends z.ZodType, R, P = z.output<S>>(command: UserCommand<S, R, P>): UserCommand<S, R, P> {
  return command;
}

/** Declares a system command (types the input of `apply` from the schema, or from `prepare` when given). */
export function systemCommand<S extends z.ZodType, R, P = z.output<S>>(command: Omit<SystemCommand<S, R, P>, 'access'>): SystemCommand<S, R, P> {
  return { ...command, access: 'system' };
}

/** validate → role: what every caller of a user command passes before anything is read or written. */
export function admit<S extends z.ZodType>(command: Pick<UserCommand<S, unknown>, 'input' | 'access'>, user: User, raw: unknown): z.output<S> {
  const input = parseOrThrow(command.input, raw);
  if (!isAllowed(command.access, user.role)) throw new CommandError('forbidden', commandText('command.access.role_not_allowed'));
  return input;
}

/**
 * The one way state changes: validate (protocol/) → role (domain/permissions) → prepare and read-only answers
 * (no lock) → ONE write transaction (state + events + outbox, and the command id when given) → commit →
 * publish the events → wake the outbox if messages were queued.
 */
export function runCommand<S extends z.ZodType, R, P>(deps: HubDeps, command: UserCommand<S, R, P>, caller: User, raw: unknown): Promise<R>;
export function runCommand<S extends z.ZodType, R, P>(deps: HubDeps, command: SystemCommand<S, R, P>, caller: 'system', raw: unknown): Promise<R>;
export async function runCommand<S extends z.ZodType, R, P>(
  deps: HubDeps,
  command: UserCommand<S, R, P> | SystemCommand<S, R, P>,
  caller: User | 'system',
  raw: unknown,
): Promise<R> {
  if (command.access === 'system' || caller === 'system') {
    if (command.access !== 'system' || caller !== 'system') throw new Error(`command ${command.name} run by the wrong kind of caller`);
    const input = parseOrThrow(command.input, raw);
    const prepared = (command.prepare ? await command.prepare(deps, input) : input) as P;
    const answer = await command.answerWithoutWriting?.(deps, prepared);
    if (answer !== undefined) return answer;
    return inTransaction(deps, command, (tx) => command.apply(tx, prepared));
  }
  const input = admit(command, caller, raw);
  const prepared = (command.prepare ? await command.prepare(deps, input, caller) : input) as P;
  const commandId = command.commandId?.(input);
  if (commandId !== undefined) {
    const earlier = await previousResult(deps.store.db, commandId, caller.id);
    if (earlier !== undefined) return earlier as R;
  }
  const answer = await command.answerWithoutWriting?.(deps, prepared);
  if (answer !== undefined) return answer;
  if (commandId === undefined) return inTransaction(deps, command, (tx) => command.apply(tx, prepared, caller));
  return inTransaction(deps, command, async (tx) => {
    // Checked again under the event-log lock: two deliveries of the same command race here.
    const again = await previousResult(tx.trx, commandId, caller.id);
    if (again !== undefined) return again as R;
    const result = await command.apply(tx, prepared, caller);
    await recordResult(tx.trx, commandId, caller.id, command.name, result, tx.at);
    return result;
  });
}

async function inTransaction<R>(
  deps: HubDeps,
  command: Pick<CommandBase<z.ZodType, R>, 'name' | 'log'>,
  apply: (tx: CommandTx) => Promise<R>,
): Promise<R> {
  const events: HubEvent[] = [];
  let messages = 0;
  const result = await deps.store.writeTransaction(async (trx) => {
    const now = deps.clock();
    const tx: CommandTx = {
      deps,
      trx,
      now,
      at: now.toISOString(),
      emit: async (build) => {
        const event = await appendEvent(trx, build);
        events.push(event as HubEvent);
        return event;
      },
      queued: (count) => {
        messages += count;
      },
    };
    return apply(tx);
  });
  for (const event of events) deps.publisher.publish(event);
  if (messages > 0) deps.wakeOutbox();
  if (events.length > 0) {
    const line = { command: command.name, seqs: events.map((e) => e.seq), messages };
    if (command.log) deps.log.info({ ...line, ...command.log.fields(result) }, command.log.message);
    else deps.log.info(line, 'command applied');
  }
  return result;
}
