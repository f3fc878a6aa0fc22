import { describe, expect, it } from 'vitest';
import type { DomainText } from '../../server/protocol/common';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Resolution } from '../../server/protocol/resolution';
import type { Translate } from '../../renderer/console/i18n';
import { columnLabel, errorText, uploadPercent } from '../../renderer/console/intake/signalsImportText';
import { defaultTarget, isFormTransition, type Transition, transitionLabel } from '../../renderer/console/lifecycle/transitions';
import { navigationUrl } from '../../renderer/field/navigationUrl';
import { ApiRequestError } from '../../renderer/shared/api/client';
import { aReport } from './renderer-fixtures';

const step = (to: Transition['to'], requires: Transition['requires'] = null): Transition => ({ to, label: `hub:${to}`, requires, outcomes: [] });
const proposal = (kind: 'close' | 'schedule'): Resolution =>
  kind === 'close'
    ? { kind, outcome: 'resolved', found: { code: 'a', text: 'aangetroffen' }, action: { code: 'b', text: 'gedaan' } }
    : { kind, found: { code: 'a', text: 'aangetroffen' }, action: { code: 'b', text: 'gedaan' }, followUp: { date: '2026-03-12', what: 'x', who: 'y' } };

function detail(transitions: Transition[], resolution: ReportDetail['resolution'], status: 'awaiting_review' | 'in_progress' = 'awaiting_review') {
  return { report: aReport({ status }), resolution, transitions } as unknown as ReportDetail;
}

describe('detail panel steps', () => {
  it('steps that need a resolution open the form; others run at once', () => {
    expect(isFormTransition(step('closed', 'closing'))).toBe(true);
    expect(isFormTransition(step('scheduled', 'schedule'))).toBe(true);
    expect(isFormTransition(step('awaiting_review', 'proposal'))).toBe(true);
    expect(isFormTransition(step('triaged', 'reply'))).toBe(false);
    expect(isFormTransition(step('triaged'))).toBe(false);
  });

  it('a proposal under review opens the form it asks for, when that step is allowed', () => {
    const review = [step('closed', 'closing'), step('scheduled', 'schedule'), step('in_progress')];
    const at = '2026-03-10T10:00:00.000Z';
    expect(defaultTarget(detail(review, { state: 'proposed', body: proposal('schedule'), at }))).toBe('scheduled');
    expect(defaultTarget(detail(review, { state: 'proposed', body: proposal('close'), at }))).toBe('closed');
    expect(defaultTarget(detail([step('in_progress')], { state: 'proposed', body: proposal('close'), at }))).toBeNull();
    expect(defaultTarget(detail(review, { state: 'confirmed', body: proposal('close'), at }))).toBeNull();
    expect(defaultTarget(detail(review, { state: 'proposed', body: proposal('close'), at }, 'in_progress'))).toBeNull();
  });

  it('a step the console has no wording for keeps the hub’s label', () => {
    const t = ((key: string) => `t:${key}`) as Translate;
    expect(transitionLabel(t, 'new', step('awaiting_review'))).toBe('hub:awaiting_review');
  });
});

describe('signal import texts', () => {
  const render = (text: DomainText) => `en:${text.code}`;

  it('the hub’s message with its field details, once each', () => {
    const refused = new ApiRequestError(400, { code: 'invalid', message: 'CSV klopt niet', fields: { columns: 'CSV klopt niet', text: 'kolom ontbreekt' } });
    expect(errorText(refused, render)).toBe('CSV klopt niet: kolom ontbreekt');
    expect(errorText(new ApiRequestError(500, { code: 'x', message: 'stuk' }), render)).toBe('stuk');
    expect(errorText(new Error('netwerk'), render)).toBe('netwerk');
    expect(errorText('vreemd', render)).toBe('vreemd');
  });

  it('coded refusals and field texts in the console’s language', () => {
    const coded = (code: string, message: string) => ({ code, params: {}, message });
    const refused = new ApiRequestError(422, {
      code: 'validation',
      message: 'Niet elke gekozen kolom staat in het bestand',
      text: coded('command.import.mapping_incomplete', 'Niet elke gekozen kolom staat in het bestand'),
      fields: { 'mapping.lat': 'Kolom "b" ontbreekt' },
      fieldTexts: { 'mapping.lat': coded('import.mapping.column_missing', 'Kolom "b" ontbreekt') },
    });
    expect(errorText(refused, render)).toBe('en:command.import.mapping_incomplete: en:import.mapping.column_missing');
  });

  it('upload progress in whole percent, at most 100; nothing while the hub works', () => {
    expect(uploadPercent({ phase: 'upload', loaded: 1, total: 3 })).toBe(33);
    expect(uploadPercent({ phase: 'upload', loaded: 5, total: 3 })).toBe(100);
    expect(uploadPercent({ phase: 'upload', loaded: 0, total: 0 })).toBe(0);
    expect(uploadPercent({ phase: 'processing' })).toBe(0);
  });

  it('a rejected row’s field by its column label, unknown fields as they are', () => {
    const t = ((key: string) => `t:${key}`) as Translate;
    expect(columnLabel(t, 'occurredAt')).toBe('t:signals.col.occurredAt');
    expect(columnLabel(t, 'iets')).toBe('iets');
  });
});

describe('navigationUrl', () => {
  it('OpenStreetMap directions to the spot, six decimals', () => {
    expect(navigationUrl(52.0799, 4.31131234)).toBe('https://www.openstreetmap.org/directions?to=52.079900,4.311312');
  });
});
