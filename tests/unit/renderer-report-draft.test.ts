import { describe, expect, it } from 'vitest';
import type { Translate } from '../../renderer/console/i18n';
import {
  buildLinkBody,
  buildReportInput,
  contactOf,
  EMPTY_REPORT_DRAFT,
  PLACED_REPORT_ERRORS,
  type ReportDraft,
} from '../../renderer/console/intake/reportDraft';

const t = ((key: string) => key) as Translate;
const filled: ReportDraft = {
  ...EMPTY_REPORT_DRAFT,
  category: 'parkeren',
  description: 'Bestelbus op de stoep voor de school',
  address: '  Laan van Meerdervoort 80 ',
};
const here = { lat: '52,0799', lng: '4.3113' };

describe('buildReportInput', () => {
  it('a complete report: coordinates with a decimal comma, address trimmed, no reporter', () => {
    const { input, errors } = buildReportInput(filled, here, t);
    expect(errors).toEqual({});
    expect(input).toEqual({
      category: 'parkeren',
      location: { lat: 52.0799, lng: 4.3113 },
      description: 'Bestelbus op de stoep voor de school',
      priority: 'normal',
      source: 'phone',
      address: 'Laan van Meerdervoort 80',
      consent: { contact: false },
    });
  });

  it('no location: one error on the location, not on lat and lng apart', () => {
    const { errors } = buildReportInput(filled, { lat: '', lng: '4.3' }, t);
    expect(errors).toEqual({ location: 'form.locationRequired' });
  });

  it('contact details need the caller’s consent', () => {
    const withCaller = { ...filled, reporterEmail: ' burger@example.nl ' };
    expect(buildReportInput(withCaller, here, t).errors).toEqual({ consent: 'intake.consentRequired' });
    const { input, errors } = buildReportInput({ ...withCaller, consent: true }, here, t);
    expect(errors).toEqual({});
    expect(input.reporter).toEqual({ email: 'burger@example.nl' });
    expect(input.consent).toEqual({ contact: true });
  });

  it('the protocol’s own field errors come back under the form’s keys', () => {
    const { errors } = buildReportInput({ ...filled, category: '', description: '' }, here, t);
    expect(Object.keys(errors).sort()).toEqual(['category', 'description']);
    for (const key of Object.keys(errors)) expect(PLACED_REPORT_ERRORS.has(key)).toBe(true);
  });
});

describe('linking a caller', () => {
  it('contactOf keeps the filled-in, trimmed details', () => {
    expect(contactOf({ ...EMPTY_REPORT_DRAFT, reporterName: ' Jan ', reporterPhone: '0612345678' })).toEqual({
      name: 'Jan',
      phone: '0612345678',
    });
  });

  it('needs a contact and consent, reported on the form’s fields', () => {
    const missing = buildLinkBody(EMPTY_REPORT_DRAFT, t);
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.errors).toMatchObject({ consent: 'intake.consentRequired', 'reporter.email': 'intake.contactRequired' });
    for (const key of Object.keys(missing.errors)) expect(PLACED_REPORT_ERRORS.has(key)).toBe(true);
  });

  it('the salutation goes with the contact details, collapsed and trimmed, never on its own', () => {
    const draft = { ...filled, reporterName: 'Jan Jansen', reporterSalutation: '  mevrouw   Jansen ', reporterEmail: 'jansen@example.nl' };
    expect(contactOf(draft)).toEqual({ name: 'Jan Jansen', salutation: 'mevrouw Jansen', email: 'jansen@example.nl' });
    expect(contactOf({ ...EMPTY_REPORT_DRAFT, reporterSalutation: 'mevrouw Jansen' })).toEqual({});
    const { input, errors } = buildReportInput({ ...draft, consent: true }, here, t);
    expect(errors).toEqual({});
    expect(input.reporter).toEqual({ name: 'Jan Jansen', salutation: 'mevrouw Jansen', email: 'jansen@example.nl' });
    const linked = buildLinkBody({ ...draft, consent: true }, t);
    expect(linked).toEqual({ ok: true, body: { name: 'Jan Jansen', salutation: 'mevrouw Jansen', email: 'jansen@example.nl', consent: true } });
  });

  it('a salutation over 100 characters is refused on its own field', () => {
    const { errors } = buildReportInput({ ...filled, reporterName: 'Jan', reporterSalutation: 'x'.repeat(101), consent: true }, here, t);
    expect(Object.keys(errors)).toEqual(['reporter.salutation']);
    expect(PLACED_REPORT_ERRORS.has('reporter.salutation')).toBe(true);
  });

  it('a caller with an e-mail address who agreed', () => {
    const linked = buildLinkBody({ ...EMPTY_REPORT_DRAFT, reporterEmail: 'burger@example.nl', consent: true }, t);
    expect(linked).toEqual({ ok: true, body: { email: 'burger@example.nl', consent: true } });
  });
});
