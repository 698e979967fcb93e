import type { BatchResult } from './batch-result.js';
import type { SyncMode } from './plan-run.js';

/** How a run ended: every batch done (some records perhaps refused), or some batch failed for good. */
export type SyncOutcome = 'succeeded' | 'refusals' | 'failed';

/** What one sync run did: the finish job's result, JSON-safe, no secrets and no full records. */
export interface SyncReport {
  runId: string;
  trigger: string;
  mode: SyncMode;
  dryRun: boolean;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  changedSince: string | undefined;
  planned: number;
  batches: number;
  /** Batches that failed after every retry, with BullMQ's reason. */
  failedBatches: { job: string; reason: string }[];
  totals: BatchResult;
  /** Plan and batches together. */
  apiCalls: number;
  watermark: { advanced: boolean; value: string | undefined };
  outcome: SyncOutcome;
}

/** The run's outcome from its batches: failed when one failed, refusals when records were refused. */
export function syncOutcome(failedBatches: number, totals: BatchResult): SyncOutcome {
  if (failedBatches > 0) return 'failed';
  return totals.refusedCount > 0 ? 'refusals' : 'succeeded';
}
