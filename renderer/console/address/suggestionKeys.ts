/**
 * The keyboard of the address combobox as a pure state step: ↓/↑ move through the suggestions (wrapping,
 * ↓ opens a closed list), Enter chooses the active one (the first when none is active yet), Escape closes
 * the list and, on a closed list, clears the text.
 */

export interface ListState {
  open: boolean;
  /** The highlighted suggestion, -1 for none. */
  active: number;
}

export type KeyOutcome =
  | { kind: 'move'; state: ListState }
  | { kind: 'choose'; index: number; state: ListState }
  | { kind: 'clear'; state: ListState }
  /** Not ours: let the key do what it does (typing, Tab). */
  | { kind: 'ignore' };

export const CLOSED: ListState = { open: false, active: -1 };

export function suggestionKey(key: string, state: ListState, count: number): KeyOutcome {
  switch (key) {
    case 'ArrowDown':
      if (count === 0) return { kind: 'ignore' };
      if (!state.open) return { kind: 'move', state: { open: true, active: 0 } };
      return { kind: 'move', state: { open: true, active: (state.active + 1) % count } };
    case 'ArrowUp':
      if (count === 0) return { kind: 'ignore' };
      if (!state.open) return { kind: 'move', state: { open: true, active: count - 1 } };
      return { kind: 'move', state: { open: true, active: state.active <= 0 ? count - 1 : state.active - 1 } };
    case 'Enter':
      if (!state.open || count === 0) return { kind: 'ignore' };
      return { kind: 'choose', index: state.active >= 0 && state.active < count ? state.active : 0, state: CLOSED };
    case 'Escape':
      return state.open ? { kind: 'move', state: CLOSED } : { kind: 'clear', state: CLOSED };
    default:
      return { kind: 'ignore' };
  }
}
