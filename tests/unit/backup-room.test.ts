import { describe, expect, it } from 'vitest';
import { backupRoomProblem } from '../../server/hub/backup-job';

const MB = 1024 * 1024;

describe('a scheduled backup begins only with room for it', () => {
  it('needs twice the database free on the backup disk', () => {
    expect(backupRoomProblem(500 * MB, 1000 * MB)).toBeNull();
    expect(backupRoomProblem(500 * MB, 999 * MB)).toBe('not enough free space: 999 MB free, 1000 MB needed (twice the database); no copy made');
    expect(backupRoomProblem(0, 0)).toBeNull();
  });
});
