import { useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { Session } from '../../shared/api/client';
import { useCan } from '../../shared/auth/useCan';
import { useT } from '../i18n';
import { AccessLogPanel } from '../privacy/AccessLogPanel';
import { PrivacyPanel } from '../privacy/PrivacyPanel';
import { ThrottlesPanel } from '../security/ThrottlesPanel';
import { UsersPanel } from '../users/UsersPanel';
import { WallboardsPanel } from '../users/WallboardsPanel';
import { Header } from './Header';
import { KpiButton, KpiView } from '../kpi/KpiView';

type Tool = 'users' | 'wallboards' | 'privacy' | 'accessLog' | 'throttles';

/**
 * The console for roles that do not work the control room (no report list): the admin and the privacy
 * officer. Each sees the tools its role may use (useCan), no reports and no citizens' data beyond them.
 */
export function BackOfficeScreen({ session, config }: { session: Session; config: ClientConfig }) {
  const t = useT();
  const tools: Tool[] = [
    ...(useCan('users.manage') ? (['users'] as const) : []),
    ...(useCan('wallboard.manage') ? (['wallboards'] as const) : []),
    ...(useCan('privacy.search') ? (['privacy'] as const) : []),
    ...(useCan('accesslog.read') ? (['accessLog'] as const) : []),
    ...(useCan('auth.throttles') ? (['throttles'] as const) : []),
  ];
  const [chosen, setChosen] = useState<Tool | null>(null);
  // The KPIs against targets (the admin may read them), full screen over the back office.
  const [kpiOpen, setKpiOpen] = useState(false);
  const tool = chosen && tools.includes(chosen) ? chosen : (tools[0] ?? null);
  const label = (x: Tool) => ({ users: t('users.open'), wallboards: t('wallboards.title'), privacy: t('privacy.open'), accessLog: t('accessLog.open'), throttles: t('throttles.open') })[x];
  return (
    <div className="console back-office">
      <Header
        user={session.user}
        connection="online"
        version={config.version}
        tools={[
          ...tools.map((x) => (
            <button key={x} type="button" className="btn" aria-pressed={tool === x} onClick={() => setChosen(x)} data-testid={`backoffice-${x}`}>
              {label(x)}
            </button>
          )),
          <KpiButton key="kpi" onOpen={() => setKpiOpen(true)} />,
        ]}
      />
      <main className="back-office-main" aria-label={t('backoffice.title')}>
        {tool === 'users' && <UsersPanel />}
        {tool === 'wallboards' && <WallboardsPanel />}
        {tool === 'privacy' && <PrivacyPanel />}
        {tool === 'accessLog' && <AccessLogPanel />}
        {tool === 'throttles' && <ThrottlesPanel />}
        {tool === null && <p className="muted">{t('backoffice.nothing')}</p>}
      </main>
      {kpiOpen && <KpiView config={config} onClose={() => setKpiOpen(false)} />}
    </div>
  );
}
