import categories from '../resources/categories.json' with { type: 'json' };
import demo from '../resources/demo/demo.json' with { type: 'json' };
import { hashPassword } from './auth/password';
import type { HubDeps } from './commands/context';
import { createReport } from './commands/reports';
import type { Role, User } from './protocol/auth';
import type { Category, Priority, SourceChannel } from './protocol/report';
import { hasCategories, upsertCategories } from './store/categories';
import { seedTemplates } from './store/templates';
import { insertUnit } from './store/units';
import { hasUsers, insertUser } from './store/users';

/** Default categories on an empty database, so a fresh hub is usable before an admin configures it. */
export async function seedDefaults(deps: HubDeps): Promise<void> {
  if (!(await hasCategories(deps.store.db))) await upsertCategories(deps.store.db, categories as Category[]);
  await seedTemplates(deps.store.db, deps.clock().toISOString());
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
}

/** Demo users, units and reports on first start in demo mode; returns the demo logins to print. */
export async function seedDemo(deps: HubDeps): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const logins = demo.users.map((u) => ({ username: u.username, password: u.password, role: u.role as Role }));
  if (await hasUsers(deps.store.db)) return { seeded: false, logins };

  const now = deps.clock();
  const unitIds = new Map<string, string>();
  for (const unit of demo.units) {
    const row = await insertUnit(deps.store.db, {
      callsign: unit.callsign,
      kind: unit.kind,
      officerCount: unit.officers,
      lat: unit.lat,
      lng: unit.lng,
      at: now.toISOString(),
      status: 'beschikbaar',
    });
    unitIds.set(unit.callsign, row.id);
  }
  let dispatcher: User | undefined;
  for (const u of demo.users) {
    const user = await insertUser(deps.store.db, {
      username: u.username,
      displayName: u.displayName,
      role: u.role as Role,
      passwordHash: await hashPassword(u.password),
      unitId: 'unit' in u && u.unit ? (unitIds.get(u.unit) ?? null) : null,
    });
    if (user.role === 'dispatcher') dispatcher ??= user;
  }
  if (!dispatcher) throw new Error('demo data needs a dispatcher');

  const oldestFirst = [...demo.reports].sort((a, b) => b.minutesAgo - a.minutesAgo);
  for (const r of oldestFirst) {
    const at = new Date(now.getTime() - r.minutesAgo * 60_000);
    await createReport(
      { ...deps, clock: () => at, actor: dispatcher },
      {
        category: r.category,
        location: { lat: r.lat, lng: r.lng },
        address: r.address,
        description: r.description,
        priority: r.priority as Priority,
        source: r.source as SourceChannel,
      },
    );
  }
  return { seeded: true, logins };
}
