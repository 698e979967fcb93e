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
  saveBenchmarks(runId: string, benchmarks: Benchmarks): Promise<void>;
  benchmarks(runId: string): Promise<Benchmarks>;
  /** Records the run's budget at plan time (again on a retried plan: the later start counts). */
  startBudget(runId: string, budget: Omit<RunBudget, 'seenUsed'>): Promise<void>;
  /**
   * Raises the run's seen usage to `used` when that is higher (workers report out of order) and
   * returns the run's budget; undefined when its plan recorded none.
   */
  noteUsage(runId: string, used: number | undefined): Promise<RunBudget | undefined>;
}
