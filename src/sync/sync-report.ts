import type { BatchResult } from './batch-result.js';
import { groupFailures, type RunOutcome, type RunReport } from './run-report.js';

/**
 * A sync run's report: the stored {@link RunReport} (what `status` shows) with what the CLI and
 * the demo print besides: the trigger, the batches, levels, the riskiest deals and the first
 * Tasks opened, and what became of the watermark.
 */
export type SyncReport = RunReport & {
  trigger: string;
  changedSince: string | null;
  batches: number;
  /** Batches that failed after every retry, with BullMQ's reason. */
  failedBatches: { job: string; reason: string }[];
  dealsWritten: number;
  /** Closed deals whose risk fields were cleared. */
  cleared: number;
  read: number;
  byLevel: BatchResult['byLevel'];
  riskiest: BatchResult['riskiest'];
  openedTasks: BatchResult['openedTasks'];
  watermark: { advanced: boolean; value: string | null };
};

/** The run's counts in the report's shape. */
export function reportCounts(totals: BatchResult): Pick<
  SyncReport,
  'scored' | 'fieldsWritten' | 'unchanged' | 'tasksOpened' | 'tasksCompleted' | 'failures' | 'dealsWritten' | 'cleared' | 'read' | 'byLevel' | 'riskiest' | 'openedTasks'
> {
  return {
    read: totals.read,
    scored: totals.scored,
    byLevel: totals.byLevel,
    dealsWritten: totals.dealsWritten,
    cleared: totals.cleared,
    fieldsWritten: totals.fieldsWritten,
    unchanged: totals.unchanged,
    tasksOpened: totals.tasksOpened,
    tasksCompleted: totals.tasksCompleted,
    failures: groupFailures(totals.refusedByCode, totals.refused),
    riskiest: totals.riskiest,
    openedTasks: totals.openedTasks,
  };
}

/**
 * Failed when a batch failed for good (that needs a look even when the budget also stopped the
 * run), else paused when the API budget guard stopped it; records refused one by one do not fail
 * a run (the report lists them).
 */
export function syncOutcome(failedBatches: number, paused = false): RunOutcome {
  if (failedBatches > 0) return 'failed';
  return paused ? 'paused: api budget' : 'succeeded';
}
