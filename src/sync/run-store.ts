import type { Benchmarks } from '../scoring/index.js';

/** Where a sync keeps its state between runs and between a run's jobs (Redis: src/queue/run-state.ts). */
export interface RunStore {
  watermark(): Promise<string | undefined>;
  advanceWatermark(startedAt: string): Promise<boolean>;
  saveBenchmarks(runId: string, benchmarks: Benchmarks): Promise<void>;
  benchmarks(runId: string): Promise<Benchmarks>;
}
