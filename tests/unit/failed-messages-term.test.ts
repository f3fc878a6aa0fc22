import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../renderer/console/i18n/messages';
import { kpiEn, kpiNl } from '../../renderer/console/i18n/kpiMessages';
import { overviewEn, overviewNl } from '../../renderer/console/i18n/overviewMessages';

/** Failed citizen messages have one name on every screen: the header button, its view, the overview and the KPIs. */
describe('the term for failed messages', () => {
  it('is "Mislukte berichten" everywhere in Dutch', () => {
    const nl = MESSAGES.nl;
    expect([nl['outbox.open'], nl['outbox.title'], overviewNl['overview.failedDeliveries'], kpiNl['kpi.deliveriesFailed']]).toEqual(
      Array(4).fill('Mislukte berichten'),
    );
  });
  it('is "Failed messages" everywhere in English', () => {
    const en = MESSAGES.en;
    expect([en['outbox.open'], en['outbox.title'], overviewEn['overview.failedDeliveries'], kpiEn['kpi.deliveriesFailed']]).toEqual(
      Array(4).fill('Failed messages'),
    );
  });
});
