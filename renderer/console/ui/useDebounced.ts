import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `ms` (typing a coordinate asks the hub once). */
export function useDebounced<T>(value: T, ms: number, same: (a: T, b: T) => boolean = Object.is): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(settled, value)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms, settled, same]);
  return settled;
}
