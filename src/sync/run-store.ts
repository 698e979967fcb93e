import type { Benchmarks } from '../scoring/index.js';

/**
 * A run's API budget as its plan recorded it (the org's usage then, its allowance and the run's
 * share), with the highest org usage any worker has reported since.
 */
export interface RunBudget {
  startUsed: number;
  limit: number;
  runLimitPercent: number;
  seenUsed: number;
}

/** Where a sync keeps its state between runs and between a run's jobs (Redis: src/queue/run-state.ts). */
export interface RunStore {
  watermark(): Promise<string | undefined>;
  advanceWatermark(startedAt: string): Promise<boolean>;
  /** Whether a full run paused by the API budget guard is still owed: the next run then runs full. */
  fullRunOwed(): Promise<boolean>;
  setFullRunOwed(owed: boolean): Promise<void>;
  saveBenchmarks(runId: string, benchmarks: Benchmarks): Promise<void>;
  benchmarks(runId: string): Promise<Benchmarks>;
  /** Records the run's budget at plan time; a retried plan keeps the first start (its calls count too). */
  startBudget(runId: string, budget: Omit<RunBudget, 'seenUsed'>): Promise<void>;
  /**
   * Raises the run's seen usage to `used` when that is higher (workers report out of order) and
   * returns the run's budget; undefined when its plan recorded none.
   */
  noteUsage(runId: string, used: number | undefined): Promise<RunBudget | undefined>;
}
