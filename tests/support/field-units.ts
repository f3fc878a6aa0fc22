import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '../../server/auth/password';
import type { Hub } from '../../server/start-hub';
import { FIELD_NAMESPACE, type FieldClientToServer, type FieldEvent, type FieldServerToClient } from '../../server/protocol/socket';
import { insertUnit } from '../../server/store/units';
import { insertUser } from '../../server/store/users';

export type FieldClient = Socket<FieldServerToClient, FieldClientToServer>;

export interface TestFieldUnit {
  unitId: string;
  callsign: string;
  username: string;
}

/** Extra units, each with its own field user (password = username), available and placed around Den Haag. */
export async function createFieldUnits(hub: Hub, count: number, kind = 'boa_domein_1'): Promise<TestFieldUnit[]> {
  const passwordHash = await hashPassword('veld');
  const units: TestFieldUnit[] = [];
  for (let i = 0; i < count; i++) {
    const callsign = `T-${String(i + 1).padStart(2, '0')}-${randomUUID().slice(0, 4)}`;
    const unit = await insertUnit(hub.store.db, {
      callsign,
      kind,
      officerCount: 2,
      lat: 52.07 + (i % 5) * 0.004,
      lng: 4.29 + Math.floor(i / 5) * 0.006,
      at: new Date().toISOString(),
      status: 'beschikbaar',
    });
    const username = `veld${i + 1}-${callsign.toLowerCase()}`;
    await insertUser(hub.store.db, { username, displayName: `BOA ${callsign}`, role: 'field', passwordHash, unitId: unit.id });
    units.push({ unitId: unit.id, callsign, username });
  }
  return units;
}

export function connectField(url: string, token: string): FieldClient & { received: FieldEvent[] } {
  const socket = io(`${url}${FIELD_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  }) as FieldClient & { received: FieldEvent[] };
  socket.received = [];
  socket.on('field:event', (e) => socket.received.push(e));
  return socket;
}
