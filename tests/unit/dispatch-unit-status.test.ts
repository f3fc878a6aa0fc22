import { describe, expect, it } from 'vitest';
import type { UnitStatus } from '../../server/protocol/dispatch';
import { UnitStatus as UnitStatusSchema } from '../../server/protocol/dispatch';
import {
  allowedUnitTransitions,
  checkUnitTransition,
  isAvailableForOffer,
  isOnDuty,
  UNIT_ACTORS,
  UNIT_STATUS_LABELS,
  UNIT_STATUSES,
  UNIT_TRANSITIONS,
  type UnitActor,
  unitStatusText,
} from '../../server/domain/unit-status';
import { actorText } from '../../server/domain/lifecycle';

const STATUSES: UnitStatus[] = ['beschikbaar', 'aangeboden', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst', 'noodgeval'];
const ACTORS: UnitActor[] = ['field', 'dispatcher', 'shift_lead', 'police_coordinator', 'system'];

// Written out by hand, independently of UNIT_TRANSITIONS: "from -> to: actors".
const EXPECTED = `
uit_dienst -> beschikbaar: field dispatcher shift_lead
beschikbaar -> uit_dienst: field dispatcher shift_lead
pauze -> uit_dienst: field dispatcher shift_lead
beschikbaar -> pauze: field dispatcher shift_lead
pauze -> beschikbaar: field dispatcher shift_lead
beschikbaar -> bezet: field dispatcher shift_lead
beschikbaar -> aangeboden: system
aangeboden -> onderweg: system
aangeboden -> beschikbaar: system
onderweg -> ter_plaatse: field dispatcher shift_lead
onderweg -> beschikbaar: dispatcher shift_lead police_coordinator system
ter_plaatse -> bezet: field dispatcher shift_lead
ter_plaatse -> beschikbaar: field dispatcher shift_lead police_coordinator system
bezet -> ter_plaatse: field dispatcher shift_lead
bezet -> beschikbaar: field dispatcher shift_lead police_coordinator system
`;

// Emergency steps: taken only by the emergency commands (NOODKNOP, "Noodgeval melden", "Noodgeval beëindigen").
const EMERGENCY = `
beschikbaar -> noodgeval: field dispatcher shift_lead
aangeboden -> noodgeval: field dispatcher shift_lead
onderweg -> noodgeval: field dispatcher shift_lead
ter_plaatse -> noodgeval: field dispatcher shift_lead
bezet -> noodgeval: field dispatcher shift_lead
pauze -> noodgeval: field dispatcher shift_lead
uit_dienst -> noodgeval: field dispatcher shift_lead
noodgeval -> beschikbaar: dispatcher shift_lead
noodgeval -> onderweg: dispatcher shift_lead
noodgeval -> ter_plaatse: dispatcher shift_lead
noodgeval -> bezet: dispatcher shift_lead
noodgeval -> pauze: dispatcher shift_lead
noodgeval -> uit_dienst: dispatcher shift_lead
`;

const expected = new Map<string, Set<UnitActor>>();
const emergencySteps = new Set<string>();
for (const [table, emergency] of [
  [EXPECTED, false],
  [EMERGENCY, true],
] as const) {
  for (const line of table.trim().split('\n')) {
    const [pair = '', actors = ''] = line.split(':');
    expected.set(pair.trim(), new Set(actors.trim().split(/\s+/) as UnitActor[]));
    if (emergency) emergencySteps.add(pair.trim());
  }
}

describe('unit status transition matrix (every status x status x actor)', () => {
  const cases = STATUSES.flatMap((from) => STATUSES.flatMap((to) => ACTORS.map((actor) => [from, to, actor] as const)));

  it('covers 8 x 8 x 5 combinations and the lists match the protocol', () => {
    expect(cases).toHaveLength(8 * 8 * 5);
    expect([...UNIT_STATUSES].sort()).toEqual([...UnitStatusSchema.options].sort());
    expect([...UNIT_ACTORS].sort()).toEqual([...ACTORS].sort());
  });

  it.each(cases)('%s -> %s by %s', (from, to, actor) => {
    const allowedActors = expected.get(`${from} -> ${to}`);
    const emergency = emergencySteps.has(`${from} -> ${to}`);
    if (emergency) {
      // Not through a status command, whoever asks.
      expect(checkUnitTransition({ from, to, actor })).toMatchObject({ ok: false, code: 'emergency_only' });
    }
    const result = checkUnitTransition({ from, to, actor, emergency });
    if (allowedActors?.has(actor)) {
      expect(result).toEqual({ ok: true });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const code = from === to ? 'unchanged' : allowedActors ? 'actor_not_allowed' : 'transition_not_allowed';
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/^(De|Een|Als) /);
  });

  it('the table holds exactly the expected pairs, each once, with a label', () => {
    const pairs = UNIT_TRANSITIONS.map((t) => `${t.from} -> ${t.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(pairs)).toEqual(new Set(expected.keys()));
    for (const t of UNIT_TRANSITIONS) {
      expect(new Set(t.actors)).toEqual(expected.get(`${t.from} -> ${t.to}`));
      expect(t.label.length).toBeGreaterThan(0);
    }
  });

  it('allowedUnitTransitions agrees with the expectation for every status and actor', () => {
    for (const from of STATUSES) {
      for (const actor of ACTORS) {
        const want = STATUSES.filter((to) => expected.get(`${from} -> ${to}`)?.has(actor) && !emergencySteps.has(`${from} -> ${to}`));
        expect(
          allowedUnitTransitions(from, actor)
            .map((t) => t.to)
            .sort(),
        ).toEqual([...want].sort());
      }
    }
  });

  it('the shift lead can do everything the dispatcher can', () => {
    for (const t of UNIT_TRANSITIONS) {
      if (t.actors.includes('dispatcher')) expect(t.actors).toContain('shift_lead');
    }
  });
});

describe('unit status messages and helpers', () => {
  it('has a Dutch label for every status', () => {
    expect(UNIT_STATUS_LABELS).toEqual({
      beschikbaar: 'Beschikbaar',
      aangeboden: 'Aangeboden',
      onderweg: 'Onderweg',
      ter_plaatse: 'Ter plaatse',
      bezet: 'Bezet',
      pauze: 'Pauze',
      uit_dienst: 'Uit dienst',
      noodgeval: 'Noodgeval',
    });
  });

  it('refuses a forbidden step in Dutch', () => {
    expect(checkUnitTransition({ from: 'onderweg', to: 'uit_dienst', actor: 'field' })).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      message: 'Een eenheid met status "Onderweg" kan niet naar "Uit dienst".',
      text: {
        code: 'unit.transition.not_allowed',
        params: { from: unitStatusText('onderweg'), to: unitStatusText('uit_dienst') },
        message: 'Een eenheid met status "Onderweg" kan niet naar "Uit dienst".',
      },
    });
  });

  it('refuses a step by the wrong actor in Dutch', () => {
    expect(checkUnitTransition({ from: 'onderweg', to: 'beschikbaar', actor: 'field' })).toEqual({
      ok: false,
      code: 'actor_not_allowed',
      message: 'Als eenheid mag u de stap "Ontkoppelen" niet zetten.',
      text: {
        code: 'unit.transition.actor_not_allowed',
        params: { actor: actorText('field'), step: { code: 'unit.step.unassign', params: {}, message: 'Ontkoppelen' } },
        message: 'Als eenheid mag u de stap "Ontkoppelen" niet zetten.',
      },
    });
  });

  it('explains that offer steps are the system\'s own', () => {
    const result = checkUnitTransition({ from: 'aangeboden', to: 'onderweg', actor: 'dispatcher' });
    expect(result).toMatchObject({ ok: false, code: 'actor_not_allowed' });
    if (!result.ok) {
      expect(result.message).toBe('De stap "Aanbod geaccepteerd" zet het systeem zelf, via het antwoord op het aanbod of het verlopen ervan.');
      expect(result.text.code).toBe('unit.transition.via_system');
      expect(result.text.params).toMatchObject({ step: { code: 'unit.step.offer_accepted' }, via: { code: 'unit.via.answer' } });
      expect(result.text.message).toBe(result.message);
    }
  });

  it('says so when nothing changes', () => {
    expect(checkUnitTransition({ from: 'pauze', to: 'pauze', actor: 'field' })).toEqual({
      ok: false,
      code: 'unchanged',
      message: 'De eenheid staat al op "Pauze".',
      text: { code: 'unit.transition.unchanged', params: { status: unitStatusText('pauze') }, message: 'De eenheid staat al op "Pauze".' },
    });
  });

  it('only a unit that is beschikbaar can be offered a report', () => {
    for (const status of STATUSES) expect(isAvailableForOffer(status)).toBe(status === 'beschikbaar');
    // and the table agrees: 'aangeboden' is reached from 'beschikbaar' only
    expect(UNIT_TRANSITIONS.filter((t) => t.to === 'aangeboden').map((t) => t.from)).toEqual(['beschikbaar']);
  });

  it('on duty is everything but uit_dienst; going off duty needs beschikbaar or pauze (or the end of an emergency)', () => {
    for (const status of STATUSES) expect(isOnDuty(status)).toBe(status !== 'uit_dienst');
    const offDutyFrom = UNIT_TRANSITIONS.filter((t) => t.to === 'uit_dienst' && !t.emergency).map((t) => t.from);
    expect(offDutyFrom.sort()).toEqual(['beschikbaar', 'pauze']);
  });

  it('every status can be left and reached (no dead ends)', () => {
    for (const status of STATUSES) {
      expect(UNIT_TRANSITIONS.some((t) => t.from === status)).toBe(true);
      expect(UNIT_TRANSITIONS.some((t) => t.to === status)).toBe(true);
    }
  });
});
