/**
 * The client side of the import bench (forked by import.ts), in its own process so that a blocked hub shows as
 * latency here: it asks GET /health back to back (10 ms apart), presses a field unit's emergency button every
 * 250 ms (the console acknowledges each alert, so the next press raises a new one) and, in an import phase,
 * sends the survey itself. Talks to the parent over IPC.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, FIELD_NAMESPACE } from '../../server/protocol/socket';
import { surveyCsv } from '../support/survey-csv';
import { JsonClient, sleep } from './support';

export type ToImportProbe =
  | { type: 'setup'; url: string; consoleToken: string; fieldToken: string; deskToken: string; rows: number }
  | { type: 'phase'; path: '/api/signals/preview' | '/api/signals/import' | null; idleMs: number; idPrefix: string }
  | { type: 'close' };

export interface PhaseResult {
  /** Wall time of the preview/import request (ms), or of the idle phase. */
  requestMs: number;
  status: number | null;
  imported: number | null;
  health: number[];
  /** Press → the alert at the console, and press → the field unit's ack. */
  emergencyToConsole: number[];
  emergencyAck: number[];
}

export type FromImportProbe = { type: 'ready' } | { type: 'result'; result: PhaseResult } | { type: 'error'; message: string };

let client: JsonClient;
let desk: Socket;
let field: Socket;
let setup: Extract<ToImportProbe, { type: 'setup' }>;

function send(message: FromImportProbe): void {
  process.send?.(message);
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function runPhase(phase: Extract<ToImportProbe, { type: 'phase' }>): Promise<PhaseResult> {
  const body = phase.path ? JSON.stringify({ ...surveyCsv(setup.rows, phase.idPrefix), survey: 'Bench' }) : undefined;
  const result: PhaseResult = { requestMs: 0, status: null, imported: null, health: [], emergencyToConsole: [], emergencyAck: [] };
  let done = false;

  const probeHealth = (async () => {
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${setup.url}/health`);
      await res.arrayBuffer();
      result.health.push(performance.now() - t0);
      await sleep(10);
    }
  })();

  const pressEmergency = (async () => {
    while (!done) {
      const t0 = performance.now();
      const heard = new Promise<{ alert: { id: string } }>((resolve) => {
        const on = (e: { type: string; alert?: { id: string; kind: string } }) => {
          if (e.type === 'alert.raised' && e.alert?.kind === 'emergency') {
            desk.off('event', on);
            resolve(e as { alert: { id: string } });
          }
        };
        desk.on('event', on);
      });
      const ack = field.timeout(30_000).emitWithAck('emergency', { commandId: randomUUID() }).then(() => result.emergencyAck.push(performance.now() - t0));
      const event = await heard;
      result.emergencyToConsole.push(performance.now() - t0);
      await ack;
      await desk.timeout(30_000).emitWithAck('alert:ack', { alertId: event.alert.id });
      await sleep(250);
    }
  })();

  const t0 = performance.now();
  if (phase.path && body) {
    const res = await client.request<{ imported?: number }>('POST', phase.path, setup.deskToken, JSON.parse(body));
    result.status = res.status;
    result.imported = res.body?.imported ?? null;
  } else {
    await sleep(phase.idleMs);
  }
  result.requestMs = performance.now() - t0;
  done = true;
  await Promise.all([probeHealth, pressEmergency]);
  return result;
}

process.on('message', (message: ToImportProbe) => {
  void (async () => {
    try {
      if (message.type === 'setup') {
        setup = message;
        client = new JsonClient(message.url, 4);
        desk = await connect(`${message.url}${CONSOLE_NAMESPACE}`, message.consoleToken);
        field = await connect(`${message.url}${FIELD_NAMESPACE}`, message.fieldToken);
        send({ type: 'ready' });
      } else if (message.type === 'phase') {
        send({ type: 'result', result: await runPhase(message) });
      } else {
        desk?.disconnect();
        field?.disconnect();
        client?.close();
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});
