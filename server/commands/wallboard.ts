import { z } from 'zod';
import { textMaker } from '../domain/domain-text';
import { USER_TEXTS } from '../domain/user-texts';
import { EntityId } from '../protocol/common';
import { type IssuedWallboardDevice, NewWallboardDevice, type WallboardDevice } from '../protocol/wallboard';
import { issueWallboardDevice, revokeWallboardDevice } from '../store/wallboard-devices';
import { CommandError } from './errors';
import { userCommand } from './run-command';

const say = textMaker(USER_TEXTS);

/** Issuing a wallboard device token (admin): the token is in this answer only. */
export const issueWallboardCommand = userCommand({
  name: 'wallboard.issue',
  access: 'wallboard.manage',
  input: NewWallboardDevice,
  async apply(tx, { name }, user): Promise<IssuedWallboardDevice> {
    const { device, token } = await issueWallboardDevice(tx.trx, { name, createdBy: user.id, at: tx.at });
    tx.deps.log.info({ wallboardId: device.id, name, by: user.username }, 'wallboard token issued');
    return { ...device, token };
  },
});

/** Revoking a device token (admin): its sessions end in the same transaction; the caller disconnects their sockets. */
export const revokeWallboardCommand = userCommand({
  name: 'wallboard.revoke',
  access: 'wallboard.manage',
  input: z.object({ id: EntityId }),
  async apply(tx, { id }, user): Promise<{ device: WallboardDevice; endedSessions: string[] }> {
    const revoked = await revokeWallboardDevice(tx.trx, { id, by: user.id, at: tx.at });
    if (!revoked) throw new CommandError('not_found', say('user.wallboard.not_found'));
    tx.deps.log.info({ wallboardId: id, by: user.username, sessions: revoked.endedSessions.length }, 'wallboard token revoked');
    return revoked;
  },
});
