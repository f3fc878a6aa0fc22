import { describe, expect, it } from 'vitest';
import { transitionStep } from '../support/timeline-steps';

describe('test support: transition steps', () => {
  it('each step is a day after the one before, also past the tenth step and the month', () => {
    const steps = Array.from({ length: 15 }, () => transitionStep('new', 'triaged'));
    const day = 24 * 60 * 60 * 1000;
    for (let i = 1; i < steps.length; i += 1) {
      const gap = Date.parse(steps[i]?.at ?? '') - Date.parse(steps[i - 1]?.at ?? '');
      expect(gap, `step ${i + 1}`).toBe(day);
    }
  });
});
