import { describe, expect, it } from 'vitest';
import type { Outcome, ReportStatus } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';
import {
  ACTORS,
  type Actor,
  allowedOutcomes,
  allowedTransitions,
  checkTransition,
  citizenStatus,
  isFollowUpDue,
  isOpenForCitizen,
  outcomeText,
  reportStatusText,
  type PartsProgress,
  TRANSITIONS,
} from '../../server/domain/lifecycle';

const STATUSES: ReportStatus[] = [
  'new',
  'triaged',
  'dispatched',
  'in_progress',
  'awaiting_review',
  'scheduled',
  'closed',
  'reopen_requested',
];
const OUTCOMES: Outcome[] = ['resolved', 'referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];

// Written out by hand, independently of TRANSITIONS: "from -> to: actors".
const EXPECTED = `
new -> triaged: dispatcher shift_lead
new -> dispatched: system
new -> closed: dispatcher shift_lead
triaged -> dispatched: system
triaged -> closed: dispatcher shift_lead
dispatched -> in_progress: field dispatcher shift_lead
dispatched -> triaged: dispatcher shift_lead police_coordinator field
dispatched -> closed: dispatcher shift_lead
in_progress -> triaged: dispatcher shift_lead police_coordinator field
in_progress -> awaiting_review: field dispatcher shift_lead
in_progress -> closed: dispatcher shift_lead
awaiting_review -> in_progress: dispatcher shift_lead
awaiting_review -> triaged: dispatcher shift_lead
awaiting_review -> scheduled: dispatcher shift_lead
awaiting_review -> closed: dispatcher shift_lead
scheduled -> triaged: system dispatcher shift_lead
scheduled -> scheduled: dispatcher shift_lead
scheduled -> closed: dispatcher shift_lead
closed -> reopen_requested: citizen dispatcher shift_lead
reopen_requested -> triaged: shift_lead
reopen_requested -> closed: shift_lead
`;

const expected = new Map<string, Set<Actor>>();
for (const line of EXPECTED.trim().split('\n')) {
  const [pair = '', actors = ''] = line.split(':');
  expected.set(pair.trim(), new Set(actors.trim().split(/\s+/) as Actor[]));
}

// 'duplicate' may close from every status that can close, so it isolates the actor rule.
const closing: Resolution = {
  kind: 'close',
  outcome: 'duplicate',
  found: { code: 'al_gemeld', text: 'Zelfde tak als melding M-000120' },
  action: { code: 'samengevoegd', text: 'Samengevoegd met melding M-000120' },
};
const scheduling: Resolution = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'Tak hangt laag, geen direct gevaar' },
  action: { code: 'onderhoudsronde', text: 'Beoordeeld en doorgezet naar groenbeheer' },
  followUp: { date: '2027-06-14', what: 'Tak snoeien in de onderhoudsronde', who: 'Stadsbeheer, team groen' },
};
const reply = 'We hebben de situatie opnieuw bekeken en sturen een eenheid.';

function satisfying(to: ReportStatus) {
  return { resolution: to === 'scheduled' ? scheduling : closing, reply };
}

describe('transition matrix (every status x status x actor)', () => {
  const cases = STATUSES.flatMap((from) =>
    STATUSES.flatMap((to) => ACTORS.map((actor) => [from, to, actor] as const)),
  );

  it('covers 8 x 8 x 8 combinations', () => {
    expect(cases).toHaveLength(8 * 8 * 8);
    expect(ACTORS).toHaveLength(8);
  });

  it.each(cases)('%s -> %s by %s', (from, to, actor) => {
    const allowedActors = expected.get(`${from} -> ${to}`);
    const result = checkTransition({ from, to, role: actor, ...satisfying(to) });
    if (allowedActors?.has(actor)) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(allowedActors ? 'actor_not_allowed' : 'transition_not_allowed');
      expect(result.message).toMatch(/mag|kan niet/);
    }
  });

  it('the table holds exactly the expected pairs, each once', () => {
    const pairs = TRANSITIONS.map((t) => `${t.from} -> ${t.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(pairs)).toEqual(new Set(expected.keys()));
    for (const t of TRANSITIONS) expect(new Set(t.actors)).toEqual(expected.get(`${t.from} -> ${t.to}`));
  });

  it('allowedTransitions agrees with the expectation for every status and actor', () => {
    for (const from of STATUSES) {
      for (const actor of ACTORS) {
        const want = STATUSES.filter((to) => expected.get(`${from} -> ${to}`)?.has(actor));
        expect(allowedTransitions(from, actor).map((t) => t.to).sort()).toEqual([...want].sort());
      }
    }
  });

  it('admin has no lifecycle transitions', () => {
    for (const from of STATUSES) expect(allowedTransitions(from, 'admin')).toEqual([]);
    for (const from of STATUSES) expect(allowedTransitions(from, 'privacy_officer')).toEqual([]);
  });
});

const deskOutcomes: Outcome[] = ['referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];
/** Outcomes each status may close with, without any parts rule. */
const expectedOutcomes: Partial<Record<ReportStatus, Outcome[]>> = {
  new: deskOutcomes,
  triaged: deskOutcomes,
  dispatched: deskOutcomes,
  in_progress: deskOutcomes,
  awaiting_review: OUTCOMES,
  scheduled: OUTCOMES,
};
function expectedOutcomesFor(from: ReportStatus): Outcome[] {
  return expectedOutcomes[from] ?? [];
}

describe('closing outcomes per status', () => {

  const cases = STATUSES.flatMap((from) => OUTCOMES.map((outcome) => [from, outcome] as const));
  it.each(cases)('from %s as %s', (from, outcome) => {
    const result = checkTransition({ from, to: 'closed', role: 'dispatcher', resolution: { ...closing, outcome } });
    const allowed = expectedOutcomes[from]?.includes(outcome) ?? false;
    expect(result.ok).toBe(allowed);
    if (!result.ok && expectedOutcomes[from]) expect(result.code).toBe('outcome_not_allowed');
  });

  it('allowedOutcomes lists them for the desk and nothing for others', () => {
    for (const from of STATUSES) {
      expect(allowedOutcomes(from, 'dispatcher').sort()).toEqual([...(expectedOutcomes[from] ?? [])].sort());
      expect(allowedOutcomes(from, 'field')).toEqual([]);
    }
  });

  it('"resolved" straight from the desk is refused in Dutch', () => {
    const result = checkTransition({
      from: 'new',
      to: 'closed',
      role: 'dispatcher',
      resolution: { ...closing, outcome: 'resolved' },
    });
    expect(result).toEqual({
      ok: false,
      code: 'outcome_not_allowed',
      message: 'Vanuit "Nieuw" kan niet worden afgesloten als "Opgelost".',
      text: {
        code: 'report.transition.outcome_not_allowed',
        params: { from: reportStatusText('new'), outcome: outcomeText('resolved') },
        message: 'Vanuit "Nieuw" kan niet worden afgesloten als "Opgelost".',
      },
    });
  });
});

// A split main report (sub-reports): the desk closes it as 'resolved' from new or triaged once every part is closed and
// at least one part was resolved; the units' accounts are the parts'. Written out by hand: status -> guarded outcomes.
const GUARDED: Partial<Record<ReportStatus, Outcome[]>> = { new: ['resolved'], triaged: ['resolved'] };
const PARTS: Record<string, PartsProgress | undefined> = {
  'no parts': undefined,
  'none split': { total: 0, open: 0, resolved: 0 },
  'one open': { total: 2, open: 1, resolved: 1 },
  'all closed, none resolved': { total: 2, open: 0, resolved: 0 },
  'all closed, one resolved': { total: 2, open: 0, resolved: 1 },
};
const HOLDS = new Set(['all closed, one resolved']);

describe('closing a split report as resolved (guarded outcome)', () => {
  // Every status, reopen_requested excepted (its closing is the shift lead's decision, with a reply and no outcome).
  const cases = STATUSES.filter((from) => from !== 'reopen_requested').flatMap((from) =>
    Object.keys(PARTS).flatMap((parts) => ACTORS.map((actor) => [from, parts, actor] as const)),
  );

  it.each(cases)('from %s with parts %s by %s', (from, parts, actor) => {
    const progress = PARTS[parts];
    const result = checkTransition({
      from,
      to: 'closed',
      role: actor,
      resolution: { ...closing, outcome: 'resolved' },
      ...(progress ? { parts: progress } : {}),
    });
    const rowActors = expected.get(`${from} -> closed`);
    const plain = expectedOutcomesFor(from).includes('resolved');
    const guarded = GUARDED[from]?.includes('resolved') ?? false;
    const allowed = (rowActors?.has(actor) ?? false) && (plain || (guarded && HOLDS.has(parts)));
    expect(result.ok).toBe(allowed);
    if (result.ok || !rowActors?.has(actor)) return;
    expect(result.code).toBe('outcome_not_allowed');
    // A report that was never split gets the plain refusal; a split one is told what its parts lack.
    const split = (progress?.total ?? 0) > 0;
    expect(result.text.code).toBe(guarded && split ? 'report.transition.outcome_needs_resolved_part' : 'report.transition.outcome_not_allowed');
  });

  it('the guard refuses in Dutch, naming the parts rule', () => {
    const result = checkTransition({
      from: 'triaged',
      to: 'closed',
      role: 'dispatcher',
      resolution: { ...closing, outcome: 'resolved' },
      parts: { total: 2, open: 0, resolved: 0 },
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'outcome_not_allowed',
      message: 'Vanuit "In wachtrij" kan alleen als "Opgelost" worden afgesloten als alle deelmeldingen zijn afgesloten en minstens één is opgelost.',
    });
  });

  it('allowedOutcomes offers resolved only while the guard holds, and only to the desk', () => {
    for (const from of STATUSES) {
      for (const [name, progress] of Object.entries(PARTS)) {
        const want = [...expectedOutcomesFor(from), ...(HOLDS.has(name) ? (GUARDED[from] ?? []) : [])];
        expect(allowedOutcomes(from, 'dispatcher', progress).sort()).toEqual([...new Set(want)].sort());
        expect(allowedOutcomes(from, 'field', progress)).toEqual([]);
      }
    }
  });

  it('other desk outcomes do not depend on the parts', () => {
    for (const progress of Object.values(PARTS)) {
      const check = checkTransition({ from: 'triaged', to: 'closed', role: 'dispatcher', resolution: closing, ...(progress ? { parts: progress } : {}) });
      expect(check).toEqual({ ok: true });
    }
  });
});

describe('transition requirements', () => {
  it('closing needs a resolution', () => {
    const result = checkTransition({ from: 'awaiting_review', to: 'closed', role: 'dispatcher' });
    expect(result).toMatchObject({ ok: false, code: 'resolution_required' });
  });

  it('closing with only an allowed outcome still needs the resolution', () => {
    expect(
      checkTransition({ from: 'new', to: 'closed', role: 'dispatcher', outcome: 'duplicate' }),
    ).toMatchObject({ ok: false, code: 'resolution_required' });
    expect(checkTransition({ from: 'new', to: 'closed', role: 'dispatcher', outcome: 'resolved' })).toMatchObject({
      ok: false,
      code: 'outcome_not_allowed',
    });
  });

  it('the outcome of the resolution wins over a loose outcome', () => {
    const result = checkTransition({
      from: 'new',
      to: 'closed',
      role: 'dispatcher',
      outcome: 'resolved',
      resolution: closing,
    });
    expect(result.ok).toBe(true);
  });

  it('closing with a scheduling resolution is refused', () => {
    const result = checkTransition({ from: 'scheduled', to: 'closed', role: 'dispatcher', resolution: scheduling });
    expect(result).toMatchObject({ ok: false, code: 'closing_resolution_required' });
  });

  it('scheduling needs a scheduling resolution', () => {
    expect(checkTransition({ from: 'awaiting_review', to: 'scheduled', role: 'dispatcher' })).toMatchObject({
      ok: false,
      code: 'schedule_required',
    });
    expect(
      checkTransition({ from: 'awaiting_review', to: 'scheduled', role: 'dispatcher', resolution: closing }),
    ).toMatchObject({ ok: false, code: 'schedule_required' });
    expect(
      checkTransition({ from: 'scheduled', to: 'scheduled', role: 'shift_lead', resolution: scheduling }),
    ).toEqual({ ok: true });
  });

  it('a field proposal may be either kind but must be there', () => {
    const base = { from: 'in_progress', to: 'awaiting_review', role: 'field' } as const;
    expect(checkTransition(base)).toMatchObject({ ok: false, code: 'resolution_required' });
    expect(checkTransition({ ...base, resolution: closing })).toEqual({ ok: true });
    expect(checkTransition({ ...base, resolution: scheduling })).toEqual({ ok: true });
  });

  it('reopen decisions need a reply to the citizen', () => {
    for (const to of ['triaged', 'closed'] as const) {
      const base = { from: 'reopen_requested', to, role: 'shift_lead' } as const;
      expect(checkTransition(base)).toMatchObject({ ok: false, code: 'reply_required' });
      expect(checkTransition({ ...base, reply: '   kort   ' })).toMatchObject({ ok: false, code: 'reply_required' });
      expect(checkTransition({ ...base, reply })).toEqual({ ok: true });
    }
  });

  it('steps without requirements need nothing else', () => {
    expect(checkTransition({ from: 'scheduled', to: 'triaged', role: 'system' })).toEqual({ ok: true });
    expect(checkTransition({ from: 'closed', to: 'reopen_requested', role: 'citizen' })).toEqual({ ok: true });
    expect(checkTransition({ from: 'new', to: 'triaged', role: 'dispatcher' })).toEqual({ ok: true });
  });

  it('names the actor and the step in a refusal', () => {
    const result = checkTransition({ from: 'reopen_requested', to: 'triaged', role: 'dispatcher', reply });
    expect(result).toEqual({
      ok: false,
      code: 'actor_not_allowed',
      message: 'Als centralist mag u de stap "Heropenen" niet zetten.',
      text: {
        code: 'report.transition.actor_not_allowed',
        params: {
          actor: { code: 'actor.dispatcher', params: {}, message: 'centralist' },
          step: { code: 'action.reopen_requested.triaged', params: {}, message: 'Heropenen' },
        },
        message: 'Als centralist mag u de stap "Heropenen" niet zetten.',
      },
    });
  });
});

describe('citizen view', () => {
  it.each(STATUSES)('%s', (status) => {
    const open = status !== 'closed';
    expect(isOpenForCitizen(status)).toBe(open);
    expect(citizenStatus(status)).toBe(open ? 'open' : 'closed');
  });

  it('scheduled is open', () => {
    expect(citizenStatus('scheduled')).toBe('open');
  });

  it('follow-up is due on and after its date', () => {
    expect(isFollowUpDue('2027-06-14', '2027-06-13')).toBe(false);
    expect(isFollowUpDue('2027-06-14', '2027-06-14')).toBe(true);
    expect(isFollowUpDue('2027-06-14', '2027-07-01')).toBe(true);
  });
});
