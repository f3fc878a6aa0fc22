/**
 * Keeps one exactly-once event stream alive across several hub nodes: when the current node is gone
 * (its transport closed and reconnecting to it fails), the next URL is tried, resuming from the last
 * applied seq. Pure TypeScript: the console and the failover test use it alike.
 */
import { io, type Socket } from 'socket.io-client';
import type { EventsPage, HubEvent } from '../../../server/protocol/events';
import { CONSOLE_NAMESPACE, type ConsoleClientToServer, type ConsoleServerToClient } from '../../../server/protocol/socket';
import { type ConnectionState, EventStream } from './eventStream';

export interface FailoverStreamOptions {
  hubUrls: readonly string[];
  token: string;
  fetchEvents: (hubUrl: string, after: number) => Promise<EventsPage>;
  onEvent: (event: HubEvent) => void;
  onState?: (state: ConnectionState, hubUrl: string) => void;
  /** Failed reconnection attempts to one node before moving to the next. */
  attemptsPerNode?: number;
}

export class FailoverStream {
  private index = 0;
  private socket: Socket<ConsoleServerToClient, ConsoleClientToServer> | undefined;
  private stream: EventStream | undefined;
  private seq = 0;
  private stopped = false;

  constructor(private readonly opts: FailoverStreamOptions) {
    if (opts.hubUrls.length === 0) throw new Error('FailoverStream needs at least one hub URL');
  }

  get lastSeq(): number {
    return this.stream?.lastSeq ?? this.seq;
  }

  get currentUrl(): string {
    return this.opts.hubUrls[this.index] ?? '';
  }

  start(fromSeq: number, startIndex = 0): void {
    this.seq = fromSeq;
    this.index = startIndex % this.opts.hubUrls.length;
    this.connect();
  }

  whenIdle(): Promise<void> {
    return this.stream?.whenIdle() ?? Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.stop();
    this.socket?.disconnect();
  }

  private connect(): void {
    const url = this.currentUrl;
    const socket: Socket<ConsoleServerToClient, ConsoleClientToServer> = io(`${url}${CONSOLE_NAMESPACE}`, {
      auth: { token: this.opts.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionAttempts: this.opts.attemptsPerNode ?? 3,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    const stream = new EventStream({
      socket,
      fetchEvents: (after) => this.opts.fetchEvents(url, after),
      onEvent: this.opts.onEvent,
      onState: (state) => this.opts.onState?.(state, url),
      retryDelayMs: 100,
      maxRetryDelayMs: 500,
      onError: () => undefined,
    });
    socket.io.on('reconnect_failed', () => this.failOver());
    this.socket = socket;
    this.stream = stream;
    stream.start(this.seq);
  }

  private failOver(): void {
    if (this.stopped) return;
    this.seq = this.stream?.lastSeq ?? this.seq;
    this.stream?.stop();
    this.socket?.disconnect();
    this.index = (this.index + 1) % this.opts.hubUrls.length;
    this.connect();
  }
}
