import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { runCommand } from '../commands/run-command';
import { loginThrottles, unblockLogin } from '../commands/throttles';
import type { LoginLimits } from '../domain/throttle';
import { route } from './route';

/** Who is being tried at sign-in, and lifting a block (shift lead, admin). */
export function registerThrottleRoutes(app: FastifyInstance, deps: HubDeps, limits: LoginLimits): void {
  const unblock = unblockLogin(limits);
  route(app, 'auth.throttles', async () => ({ throttles: await loginThrottles(deps, limits) }));
  route(app, 'auth.unblock', ({ params, user }) => runCommand(deps, unblock, user, { id: params.id }));
}
