import { useCallback, useEffect, useRef, useState } from 'react';

const STORAGE_KEY = 'meldkamer.locked';
/** How often the idle time is looked at (the lock comes at most this late). */
const CHECK_MS = 5_000;
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** The lock survives a reload of the same session (sessionStorage holds the session too), not a new sign-in. */
function storedLock(sessionToken: string): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === sessionToken.slice(-12);
  } catch {
    return false;
  }
}

function storeLock(sessionToken: string, locked: boolean): void {
  try {
    if (locked) sessionStorage.setItem(STORAGE_KEY, sessionToken.slice(-12));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage unavailable: the lock lasts until a reload
  }
}

/**
 * A console left alone (no pointer, key or wheel) for `minutes` locks (issue 10, point 15: shared control-room
 * PCs); 0 never locks. Returns whether it is locked and `unlocked()` for after the hub took the password.
 */
export function useIdleLock(minutes: number, sessionToken: string): { locked: boolean; unlocked: () => void } {
  const [locked, setLocked] = useState(() => minutes > 0 && storedLock(sessionToken));
  const lastActivity = useRef(Date.now());

  useEffect(() => {
    if (minutes <= 0 || locked) return;
    const limit = minutes * 60_000;
    lastActivity.current = Date.now();
    const active = () => {
      lastActivity.current = Date.now();
    };
    const check = () => {
      if (Date.now() - lastActivity.current < limit) return;
      storeLock(sessionToken, true);
      setLocked(true);
    };
    for (const event of ACTIVITY) window.addEventListener(event, active, { passive: true, capture: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, CHECK_MS);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, active, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [minutes, locked, sessionToken]);

  const unlocked = useCallback(() => {
    storeLock(sessionToken, false);
    lastActivity.current = Date.now();
    setLocked(false);
  }, [sessionToken]);

  return { locked, unlocked };
}
