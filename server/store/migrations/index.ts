import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_lifecycle_feedback';
import * as m0003 from './0003_dispatch';

/** Every migration, imported statically (bundlers and packaged apps see them); names sort in apply order. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_lifecycle_feedback': m0002,
  '0003_dispatch': m0003,
};
