import { isAllowed } from '../../server/domain/permissions';
import type { Session } from '../shared/api/client';

/** A session the field client can use: a user who may connect from the field, with a unit. */
export function isFieldSession(session: Session | null): session is Session {
  return session !== null && isAllowed('field.connect', session.user.role) && session.user.unitId !== null;
}
