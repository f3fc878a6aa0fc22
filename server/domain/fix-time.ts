/**
 * When a position fix counts as taken. A phone's clock can be wrong, and a client can send anything: a fix
 * dated more than `MAX_FIX_AHEAD_MS` after the hub's now (say 2099) would stay "the latest" and make every
 * real fix after it look older. Such a fix keeps its place but is dated the hub's now.
 */
export const MAX_FIX_AHEAD_MS = 120_000;

export function settleFixTime<F extends { at: string }>(fix: F, now: Date): F {
  const at = Date.parse(fix.at);
  if (Number.isFinite(at) && at <= now.getTime() + MAX_FIX_AHEAD_MS) return fix;
  return { ...fix, at: now.toISOString() };
}
