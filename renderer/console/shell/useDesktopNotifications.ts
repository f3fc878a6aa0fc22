import { useCallback } from 'react';
import type { HubEvent } from '../../../server/protocol/events';
import type { Category } from '../../../server/protocol/report';
import { notifyDesktop } from '../../shared/bridge';
import { useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import { locationText } from '../ui/locationText';

const NOTIFY_PRIORITIES: ReadonlySet<string> = new Set(['urgent', 'high']);

/** New urgent/high reports and dispatch alerts reach the desktop shell as native notifications. */
export function useDesktopNotifications(categories: ReadonlyMap<string, Category>): (event: HubEvent) => void {
  const { t, locale } = useI18n();
  return useCallback(
    (event: HubEvent) => {
      if (event.type === 'alert.raised') {
        notifyDesktop(t('notify.alert', { kind: t(`alerts.kind.${event.alert.kind}`) }), event.alert.message);
        return;
      }
      if (event.type !== 'report.created' || !NOTIFY_PRIORITIES.has(event.report.priority)) return;
      const r = event.report;
      notifyDesktop(
        t('notify.newReport', { priority: t(`priority.${r.priority}`) }),
        `${r.number} · ${categoryName(categories, r.category, locale)} · ${locationText(r)}`,
      );
    },
    [categories, t, locale],
  );
}
