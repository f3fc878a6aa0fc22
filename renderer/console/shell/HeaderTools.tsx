import { type ReactNode, useState } from 'react';
import { useCan } from '../../shared/auth/useCan';
import { useFailedMessages } from '../api/queries';
import { useT } from '../i18n';
import { type MenuItem, MenuButton } from '../ui/MenuButton';
import { TotpDialog } from '../users/TotpDialog';
import { SatisfactionPanel } from './SatisfactionPanel';
import type { SidePanel } from './useSelection';

interface HeaderToolsProps {
  side: SidePanel | null;
  onToggleHotspots: () => void;
  onOpenImport: () => void;
  onToggleSide: (panel: SidePanel) => void;
  /** The shift lead's views this user may open (ShiftLeadTools.tsx). */
  views: MenuItem[];
  /** Spoedmelding: always a button of its own. */
  priorityTraffic: ReactNode;
}

/** A header tool: a menu item, and as a button its class. */
type Tool = MenuItem & { className?: string };

/** From this many of the shift lead's views on, the tools are one menu: the shift lead's did not fit the header at 1280 or 1600 px. */
const MENU_FROM_VIEWS = 3;

/**
 * The header's tools for what this user may open: hotspots, the signal import, tasking, failed messages, sign-in
 * attempts, the access log, satisfaction, and the shift lead's views. With three or more views (the shift lead) they
 * are one "Dienstchef" menu, with the second factor, and only Spoedmelding and the failed messages (with their count)
 * stay buttons; for everyone else each is a button, as before.
 */
export function HeaderTools({ side, onToggleHotspots, onOpenImport, onToggleSide, views, priorityTraffic }: HeaderToolsProps) {
  const t = useT();
  const allowed = {
    overlays: useCan('report.list'),
    importSignals: useCan('signals.import'),
    dispatch: useCan('dispatch.read'),
    outbox: useCan('outbox.read'),
    throttles: useCan('auth.throttles'),
    accessLog: useCan('accesslog.read'),
    satisfaction: useCan('satisfaction.read'),
    secondFactor: useCan('auth.totp'),
  };
  const [satisfactionOpen, setSatisfactionOpen] = useState(false);
  const [totpOpen, setTotpOpen] = useState(false);
  const failedMessages = useFailedMessages(allowed.outbox);
  const failedCount = failedMessages.data?.messages.length ?? 0;
  const inMenu = views.length >= MENU_FROM_VIEWS;

  const mapTools: Tool[] = [];
  if (allowed.overlays) mapTools.push({ id: 'hotspots-open', className: 'hotspots-button', label: t('hotspots.open'), onSelect: onToggleHotspots, checked: side === 'hotspots' });
  if (allowed.importSignals) mapTools.push({ id: 'signals-import-open', className: 'signals-button', label: t('signals.open'), onSelect: onOpenImport });
  if (allowed.dispatch) mapTools.push({ id: 'tasking-open', className: 'tasking-button', label: t('tasking.open'), onSelect: () => onToggleSide('tasking'), checked: side === 'tasking' });
  const leadTools: Tool[] = [];
  if (allowed.satisfaction) leadTools.push({ id: 'satisfaction-open', label: t('satisfaction.open'), onSelect: () => setSatisfactionOpen((o) => !o), checked: satisfactionOpen });
  if (allowed.throttles) leadTools.push({ id: 'throttles-open', className: 'throttles-button', label: t('throttles.open'), onSelect: () => onToggleSide('throttles'), checked: side === 'throttles' });
  if (allowed.accessLog) leadTools.push({ id: 'access-log-open', className: 'access-log-button', label: t('accessLog.open'), onSelect: () => onToggleSide('accessLog'), checked: side === 'accessLog' });

  const outbox = allowed.outbox && (
    <button
      type="button"
      className={`btn outbox-button${failedCount > 0 ? ' has-failed' : ''}`}
      onClick={() => onToggleSide('outbox')}
      aria-pressed={side === 'outbox'}
      title={t('outbox.title')}
      data-testid="outbox-open"
      data-count={failedCount}
    >
      {t('outbox.open')} <span className="count">{failedCount}</span>
    </button>
  );
  const panels = (
    <>
      {satisfactionOpen && <SatisfactionPanel onClose={() => setSatisfactionOpen(false)} />}
      {totpOpen && <TotpDialog onClose={() => setTotpOpen(false)} />}
    </>
  );

  if (inMenu) {
    const secondFactor: Tool[] = allowed.secondFactor ? [{ id: 'totp-open', label: t('totp.open'), onSelect: () => setTotpOpen(true) }] : [];
    const groups = [views, mapTools, [...leadTools, ...secondFactor]].filter((g) => g.length > 0);
    const items = groups.flatMap((group, g) => group.map((tool, i) => ({ ...tool, groupStart: g > 0 && i === 0 })));
    return (
      <>
        {priorityTraffic}
        {outbox}
        <MenuButton label={t('shiftLead.menu')} items={items} testId="shift-lead-menu" />
        {panels}
      </>
    );
  }
  const button = (tool: Tool) => (
    <button
      key={tool.id}
      type="button"
      className={`btn${tool.className ? ` ${tool.className}` : ''}`}
      onClick={tool.onSelect}
      aria-pressed={tool.checked}
      data-testid={tool.id}
    >
      {tool.label}
    </button>
  );
  return (
    <>
      {priorityTraffic}
      {mapTools.map(button)}
      {outbox}
      {leadTools.map(button)}
      {views.map(button)}
      {panels}
    </>
  );
}

/** Whether the header's tools are one menu that also holds the second factor (the Header then shows no button for it). */
export function toolsInMenu(views: readonly MenuItem[]): boolean {
  return views.length >= MENU_FROM_VIEWS;
}
