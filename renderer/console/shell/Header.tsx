import { type ReactNode, useState } from 'react';
import type { User } from '../../../server/protocol/auth';
import { api } from '../../shared/api/client';
import { useCan } from '../../shared/auth/useCan';
import { useT } from '../i18n';
import type { ConnectionState } from '../live/eventStream';
import { ConnectionStatus } from '../ui/ConnectionStatus';
import { LocaleToggle } from '../ui/LocaleToggle';
import { TotpDialog } from '../users/TotpDialog';

interface HeaderProps {
  user: User;
  connection: ConnectionState;
  version: string;
  /** Role-specific controls (e.g. the failed-messages toggle), left of the user. */
  tools?: ReactNode;
  /** The report search field (renderer/console/search), outside the sideways-scrolling tools so its hits can drop down. */
  search?: ReactNode;
  /** The tools hold the second factor (the shift lead's menu, HeaderTools.tsx): no button for it here. */
  secondFactorInTools?: boolean;
}

export function Header({ user, connection, version, tools, search, secondFactorInTools = false }: HeaderProps) {
  const t = useT();
  const ownsSecondFactor = useCan('auth.totp') && !secondFactorInTools;
  const [totpOpen, setTotpOpen] = useState(false);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="muted small">{version}</span>
      </div>
      <ConnectionStatus state={connection} />
      {search}
      <div className="header-spacer" />
      <div className="header-tools">{tools}</div>
      <div className="user" data-testid="current-user">
        <span className="user-name">{user.displayName}</span>
        <span className="user-role" data-testid="current-role">
          {t(`role.${user.role}`)}
        </span>
      </div>
      {ownsSecondFactor && (
        <button type="button" className="btn btn-ghost" onClick={() => setTotpOpen(true)} aria-haspopup="dialog" data-testid="totp-open">
          {t('totp.open')}
        </button>
      )}
      {totpOpen && <TotpDialog onClose={() => setTotpOpen(false)} />}
      <LocaleToggle />
      <button type="button" className="btn btn-ghost" onClick={() => void api.logout()} data-testid="logout">
        {t('header.logout')}
      </button>
    </header>
  );
}
