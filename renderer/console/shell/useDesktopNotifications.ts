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
  const { t, text, locale } = useI18n();
  return useCallback(
    (event: HubEvent) => {
      if (event.type === 'alert.raised') {
        // The hub sends every alert coded; only an alert logged before it did so has just its Dutch message.
        const { alert } = event;
        notifyDesktop(t('notify.alert', { kind: t(`alerts.kind.${alert.kind}`) }), alert.text ? text(alert.text) : alert.message);
        return;
      }
      if (event.type !== 'report.created' || !NOTIFY_PRIORITIES.has(event.report.priority)) return;
      const r = event.report;
      notifyDesktop(
        t('notify.newReport', { priority: t(`priority.${r.priority}`) }),
        `${r.number} · ${categoryName(categories, r.category, locale)} · ${locationText(r)}`,
      );
    },
    [categories, t, text, locale],
  );
}
