/**
 * A scripted field unit for browser tests: a real socket.io-client on the hub's /field namespace, as the
 * field client would use it (login token in the handshake, websocket only).
 */
import type { Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/common';
import type { PositionFix } from '../../server/protocol/dispatch';
import { FIELD_NAMESPACE, type FieldClientToServer, type FieldEvent, type FieldServerToClient } from '../../server/protocol/socket';

export type FieldSocket = Socket<FieldServerToClient, FieldClientToServer>;

export interface ScriptedField {
  socket: FieldSocket;
  events: FieldEvent[];
  /** The first received `field:event` (earlier or later) that matches. */
  waitForEvent<T extends FieldEvent>(match: (event: FieldEvent) => event is T, timeoutMs?: number): Promise<T>;
  /** A command with an ack (5 s). */
  command<T>(name: 'offer:accept' | 'offer:decline' | 'emergency' | 'unit:status', input: object): Promise<Ack<T>>;
  /** A volatile position fix (no ack); the hub keeps at most one per second per unit. */
  sendFix(fix: Omit<PositionFix, 'at'> & { at?: string }): void;
  close(): void;
}

export async function connectScriptedField(hubUrl: string, token: string): Promise<ScriptedField> {
  const socket: FieldSocket = io(`${hubUrl}${FIELD_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
  });
  const events: FieldEvent[] = [];
  const waiters = new Set<(event: FieldEvent) => void>();
  socket.on('field:event', (event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('field client: no connection')), 5000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return {
    socket,
    events,
    waitForEvent(match, timeoutMs = 10_000) {
      const earlier = events.find(match);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(onEvent);
          reject(new Error(`field client: no matching event in ${timeoutMs} ms (got ${events.map((e) => e.type).join(', ')})`));
        }, timeoutMs);
        const onEvent = (event: FieldEvent) => {
          if (!match(event)) return;
          clearTimeout(timer);
          waiters.delete(onEvent);
          resolve(event);
        };
        waiters.add(onEvent);
      });
    },
    async command<T>(name: string, input: object) {
      const emitter = socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, p: unknown): Promise<Ack<T>> } };
      return emitter.timeout(5000).emitWithAck(name, input);
    },
    sendFix(fix) {
      socket.emit('position', { ...fix, at: fix.at ?? new Date().toISOString() });
    },
    close() {
      socket.disconnect();
    },
  };
}

interface GeoJsonSourceLike {
  getData(): Promise<{ features: { id?: string | number; properties?: Record<string, unknown>; geometry: { coordinates: unknown } }[] }>;
}

/** The unit's feature in the console map's `units` source ([lng, lat] and properties), or null. */
export async function unitOnMap(
  page: Page,
  unitId: string,
): Promise<{ lng: number; lat: number; properties: Record<string, unknown> } | null> {
  return page.evaluate(async (id) => {
    const hook = (window as unknown as { __meldkamer?: { map: { getSource(id: string): GeoJsonSourceLike | undefined } } })
      .__meldkamer;
    const data = await hook?.map.getSource('units')?.getData();
    const feature = data?.features.find((f) => f.id === id || f.properties?.id === id);
    if (!feature) return null;
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    return { lng, lat, properties: feature.properties ?? {} };
  }, unitId);
}

/** The console map's centre. */
export async function mapCenter(page: Page): Promise<{ lng: number; lat: number }> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __meldkamer?: { map: { getCenter(): { lng: number; lat: number } } } }).__meldkamer;
    const c = hook?.map.getCenter();
    return { lng: c?.lng ?? Number.NaN, lat: c?.lat ?? Number.NaN };
  });
}
