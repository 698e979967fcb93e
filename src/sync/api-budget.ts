/**
 * The API budget guard's rule, pure: a run does not start when the org has used too much of its
 * daily API allowance, and stops (`paused: api budget`) once it has itself used its share.
 * Salesforce counts the allowance over a rolling 24 hours and every integration of the org spends
 * from it, so both figures come from the org's own counter (`limits` and `Sforce-Limit-Info`).
 */

/** The org's daily API counter: requests counted in the rolling 24 hours, of those allowed. */
export interface DailyUsage {
  used: number;
  limit: number;
}

/** The guard's thresholds, in percent of the org's daily allowance. */
export interface ApiBudgetSettings {
  /** A run does not start when the org has used this share or more. */
  startLimitPercent: number;
  /** A run stops when it has used this share or more. */
  runLimitPercent: number;
}

export const DEFAULT_API_BUDGET: Readonly<ApiBudgetSettings> = { startLimitPercent: 80, runLimitPercent: 25 };

/** `used` of `limit` in percent, one decimal; an org allowed nothing has used all of it. */
export function percentOf(used: number, limit: number): number {
  if (limit <= 0) return 100;
  return Math.round((used / limit) * 1000) / 10;
}

/** Whether a run may start: the org has used less than the start limit of its allowance. */
export function mayStart(org: DailyUsage, settings: ApiBudgetSettings): boolean {
  return org.limit > 0 && org.used * 100 < settings.startLimitPercent * org.limit;
}

/** What a run has spent: the org's calls since its plan began (never below 0, as the window rolls). */
export interface RunSpend {
  calls: number;
  /** Percent of the daily allowance. */
  share: number;
}

/**
 * The run's spend: the org's highest usage seen since the plan began minus its usage then. It is
 * conservative: another integration's calls made meanwhile count as the run's, and calls rolling
 * out of the 24-hour window do not give any back.
 */
export function runSpend(budget: { startUsed: number; seenUsed: number; limit: number }): RunSpend {
  const calls = Math.max(0, budget.seenUsed - budget.startUsed);
  return { calls, share: percentOf(calls, budget.limit) };
}

/** Whether a run that has spent `calls` of `limit` must stop: at its share or beyond. */
export function runMustStop(calls: number, limit: number, runLimitPercent: number): boolean {
  return limit <= 0 || calls * 100 >= runLimitPercent * limit;
}
