/** The instants replay reaches, in ms: the hub's last 12 hours. */
export interface ReplayRange {
  from: number;
  until: number;
}

/** The range the hub answered and when (by the console's clock) the answer came. */
export interface AnsweredRange {
  range: ReplayRange;
  receivedAt: number;
}

export function answeredRange(range: { from: string; until: string }, receivedAt: number): AnsweredRange {
  return { range: { from: Date.parse(range.from), until: Date.parse(range.until) }, receivedAt };
}

/**
 * The range now: the hub's 12 hours move on with its clock, so the answered range moves on by the time since it came
 * (measured on the console's clock, whose offset from the hub's does not matter). A view left open a while would
 * otherwise ask for its slider's stale left end, which the hub refuses once it lies more than 5 minutes behind.
 */
export function rangeAt(answered: AnsweredRange, now: number): ReplayRange {
  const moved = Math.max(0, now - answered.receivedAt);
  return { from: answered.range.from + moved, until: answered.range.until + moved };
}

export function clampToRange(t: number, range: ReplayRange): number {
  return Math.min(Math.max(t, range.from), range.until);
}
