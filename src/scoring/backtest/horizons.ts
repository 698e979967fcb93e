import type { ScoredSnapshot } from './score-snapshots.js';

/**
 * Each deal's snapshot `days` before its close: the latest one at least `days` before, if it is
 * less than `everyDays` earlier still (so every deal is seen at about the same distance from its close).
 */
export function atHorizon(snapshots: readonly ScoredSnapshot[], days: number, everyDays: number): ScoredSnapshot[] {
  const best = new Map<string, ScoredSnapshot>();
  for (const s of snapshots) {
    if (s.daysToClose < days || s.daysToClose >= days + everyDays) continue;
    const current = best.get(s.dealId);
    if (!current || s.daysToClose < current.daysToClose) best.set(s.dealId, s);
  }
  return [...best.values()];
}
