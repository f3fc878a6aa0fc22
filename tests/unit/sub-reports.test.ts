import { describe, expect, it } from 'vitest';
import { checkCloseWithParts, checkReopenPart, checkSplit, MAX_PARTS, partsSummary, partTeam, withPartsSummary } from '../../server/domain/sub-reports';

const TEAMS = ['Handhaving BOA', 'Toezicht afval'];

describe('partsSummary: one sentence per closed part for the main report closing message', () => {
  it('writes a header and one line per closed part in number order, the outcome in brackets unless resolved', () => {
    const text = partsSummary(
      [
        { number: 'M-000012', team: 'Handhaving BOA', outcome: 'referred', action: 'Zaak overgedragen', referredTo: 'Politie' },
        { number: 'M-000011', team: 'Toezicht afval', outcome: 'resolved', action: '  bank   opgehaald ' },
        { number: 'M-000013', team: 'Handhaving BOA', outcome: 'not_found', action: 'Niemand aangetroffen!' },
      ],
      'nl',
    );
    expect(text).toBe(
      [
        'Uw melding is in delen opgepakt door verschillende teams:',
        '- Toezicht afval: bank opgehaald.',
        '- Handhaving BOA (doorverwezen naar Politie): Zaak overgedragen.',
        '- Handhaving BOA (niet aangetroffen): Niemand aangetroffen!',
      ].join('\n'),
    );
  });

  it('leaves out cancelled parts, parts without an action and open parts; nothing left is undefined', () => {
    expect(
      partsSummary(
        [
          { number: 'M-000001', team: 'Toezicht afval', outcome: 'cancelled', action: 'Dubbel aangemaakt' },
          { number: 'M-000002', team: 'Toezicht afval', outcome: null, action: null },
          { number: 'M-000003', team: 'Toezicht afval', outcome: 'resolved', action: '   ' },
        ],
        'nl',
      ),
    ).toBeUndefined();
  });

  it('speaks English for an English message', () => {
    expect(partsSummary([{ number: 'M-000001', team: 'Toezicht afval', outcome: 'no_action', action: 'Looked, nothing to do' }], 'en')).toBe(
      'Your report was handled in parts by different teams:\n- Toezicht afval (no action needed): Looked, nothing to do.',
    );
  });
});

describe('withPartsSummary: the summary paragraph in a closing message', () => {
  const summary = 'Uw melding is in delen opgepakt door verschillende teams:\n- Toezicht afval: bank opgehaald.';
  it('goes before the sign-off, or at the end without one, and never twice', () => {
    expect(withPartsSummary('Beste melder,\n\nWe deden iets.\n\nMet vriendelijke groet,\nGemeente', summary)).toBe(
      `Beste melder,\n\nWe deden iets.\n\n${summary}\n\nMet vriendelijke groet,\nGemeente`,
    );
    expect(withPartsSummary('We deden iets.', summary)).toBe(`We deden iets.\n\n${summary}`);
    const once = withPartsSummary('We deden iets.', summary);
    expect(withPartsSummary(once, summary)).toBe(once);
  });

  it('goes before the closing lines: the thanks and the status link come after it (nl and en)', () => {
    const link = 'https://meldkamer.example/status/abc';
    const nl = `Beste melder,\n\nWe deden iets.\n\nBedankt voor uw melding.\n\nNiet opgelost? Laat het ons weten via ${link}\n\nMet vriendelijke groet,\nGemeente`;
    expect(withPartsSummary(nl, summary, link)).toBe(
      `Beste melder,\n\nWe deden iets.\n\n${summary}\n\nBedankt voor uw melding.\n\nNiet opgelost? Laat het ons weten via ${link}\n\nMet vriendelijke groet,\nGemeente`,
    );
    const en = `Dear reporter,\n\nWe did something.\n\nLet us know at ${link}\n\nKind regards,\nCity`;
    expect(withPartsSummary(en, 'Parts:', link)).toBe(`Dear reporter,\n\nWe did something.\n\nParts:\n\nLet us know at ${link}\n\nKind regards,\nCity`);
    // The greeting is never a closing line, even when it thanks.
    expect(withPartsSummary('Bedankt, melder,\n\nWe deden iets.', 'Delen:', link)).toBe('Bedankt, melder,\n\nWe deden iets.\n\nDelen:');
  });
});

describe('the rules of a split', () => {
  const target = { number: 'M-000001', status: 'triaged' as const, parentNumber: null, partCount: 0 };
  it('refuses a part, a closed report and too many parts', () => {
    expect(checkSplit(target, 2)).toEqual({ ok: true });
    expect(checkSplit({ ...target, parentNumber: 'M-000000' }, 1)).toMatchObject({ ok: false, kind: 'conflict', code: 'subreport.part_of_part' });
    expect(checkSplit({ ...target, status: 'closed' }, 1)).toMatchObject({ ok: false, kind: 'conflict', code: 'subreport.parent_closed' });
    expect(checkSplit({ ...target, partCount: MAX_PARTS - 1 }, 2)).toMatchObject({ ok: false, kind: 'validation', code: 'subreport.too_many' });
  });
  it('takes the category team by default and a known team whatever its case', () => {
    expect(partTeam(undefined, 'Toezicht afval', TEAMS)).toEqual({ ok: true, team: 'Toezicht afval' });
    expect(partTeam(' handhaving boa ', 'Toezicht afval', TEAMS)).toEqual({ ok: true, team: 'Handhaving BOA' });
    expect(partTeam('Brandweer', 'Toezicht afval', TEAMS)).toMatchObject({ ok: false, code: 'subreport.team_unknown' });
  });
  it('closes the main report only without open parts, listing them; reopens a part only under an open main report', () => {
    expect(checkCloseWithParts('M-000001', [{ number: 'M-000002', status: 'closed' }])).toEqual({ ok: true });
    const refused = checkCloseWithParts('M-000001', [
      { number: 'M-000002', status: 'closed' },
      { number: 'M-000003', status: 'in_progress' },
      { number: 'M-000004', status: 'scheduled' },
    ]);
    expect(refused).toMatchObject({ ok: false, code: 'subreport.open_parts' });
    if (!refused.ok) expect(refused.text.message).toBe('Melding M-000001 heeft nog open deelmeldingen: M-000003, M-000004. Sluit of annuleer die eerst.');
    expect(checkReopenPart({ number: 'M-000002' }, { number: 'M-000001', status: 'closed' })).toMatchObject({ ok: false });
    expect(checkReopenPart({ number: 'M-000002' }, { number: 'M-000001', status: 'reopen_requested' })).toEqual({ ok: true });
  });
});
