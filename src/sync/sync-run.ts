import { MappingMismatchError } from '../errors/mapping-mismatch-error.js';
import type { Logger } from '../logging/logger.js';
import { checkSession } from '../mapping/check/check-session.js';
import { refusalLine } from '../mapping/check/report-table.js';
import { mergeBatchResults, type BatchResult } from './batch-result.js';
import type { BulkBuckets } from './bulk-buckets.js';
import { bucketedPort } from './bulk-read.js';
import { planRun, type RunPlan, type SyncMode } from './plan-run.js';
import type { RunStore } from './run-store.js';
import { scoreBatch } from './score-batch.js';
import type { AdminFiles, SalesforceSession } from './session.js';
import { syncOutcome, reportCounts, type SyncReport } from './sync-report.js';

/** What the run's three steps need: the admin files, the logged-in session, the run store and a logger. */
export interface SyncDeps {
  admin: AdminFiles;
  session: SalesforceSession;
  store: RunStore;
  /** Where a Bulk-read run's batches find their rows. */
  buckets: BulkBuckets;
  logger: Logger;
  apiVersion: string;
  /** An incremental run reads changes from the watermark minus this (SYNC_LOOKBACK_MINUTES). */
  lookBackMs: number;
}

export interface RunRequest {
  runId: string;
  mode: SyncMode;
  asOf?: string | undefined;
  dryRun: boolean;
}

/**
 * Step 1, the plan: checks the mapping against the org (once per run, not per batch), picks the
 * deals, computes the benchmarks once and keeps them for the batches, then hands the plan to
 * `fanOut`. The watermark is read here and only moved by {@link finishSyncRun}.
 */
export async function planSyncRun(
  deps: SyncDeps,
  request: RunRequest,
  fanOut: (plan: RunPlan, asOf: string, planApiCalls: number) => Promise<void>,
): Promise<RunPlan> {
  const { admin, session, store, logger } = deps;
  const callsBefore = session.salesforce.callsMade();
  const { failures } = await checkSession({ ...admin, metadata: session.metadata }, deps.apiVersion);
  if (failures.length > 0) throw new MappingMismatchError(refusalLine(failures));
  const startedAt = new Date();
  const asOf = request.asOf ? new Date(request.asOf) : startedAt;
  const plan = await planRun({ salesforce: session.salesforce, ...admin, mode: request.mode, watermark: await store.watermark(), lookBackMs: deps.lookBackMs, asOf, startedAt });
  await store.saveBenchmarks(request.runId, plan.benchmarks);
  await fanOut(plan, asOf.toISOString(), session.salesforce.callsMade() - callsBefore);
  logger.info({ mode: plan.mode, changedSince: plan.changedSince, planned: plan.planned, batches: plan.batches.length }, 'sync run planned');
  return plan;
}

/** Step 2, one batch: its deals scored with the run's benchmarks, what changed written. */
export async function runSyncBatch(
  deps: SyncDeps,
  batch: { runId: string; batch: number; ids: readonly string[]; asOf: string; dryRun: boolean; source: 'rest' | 'bulk' },
): Promise<BatchResult> {
  const { salesforce } = deps.session;
  const result = await scoreBatch({
    salesforce: batch.source === 'bulk' ? bucketedPort(salesforce, deps.buckets, batch.runId, batch.batch) : salesforce,
    ...deps.admin,
    benchmarks: await deps.store.benchmarks(batch.runId),
    now: new Date(batch.asOf),
    ids: batch.ids,
    dryRun: batch.dryRun,
    logger: deps.logger,
  });
  deps.logger.info({ read: result.read, dealsWritten: result.dealsWritten, tasksOpened: result.tasksOpened, refused: result.refusedCount }, 'sync batch done');
  return result;
}

/** What the finish job knows of its run (its payload). */
export type FinishedRun = RunRequest & {
  trigger: string;
  asOf: string;
  startedAt: string;
  changedSince?: string | undefined;
  planned: number;
  batches: number;
  planApiCalls: number;
};

/**
 * Step 3, the finish: adds up the batches, moves the watermark to the run's start only when every
 * batch succeeded (and the run wrote: a dry run moves nothing), and returns the run's report.
 */
export async function finishSyncRun(
  store: RunStore,
  run: FinishedRun,
  results: readonly BatchResult[],
  failedBatches: { job: string; reason: string }[],
  now: Date = new Date(),
): Promise<SyncReport> {
  const totals = mergeBatchResults(results);
  const outcome = syncOutcome(failedBatches.length);
  const advanced = outcome === 'succeeded' && !run.dryRun ? await store.advanceWatermark(run.startedAt) : false;
  return {
    runId: run.runId,
    trigger: run.trigger,
    mode: run.mode,
    dryRun: run.dryRun,
    asOf: run.asOf,
    startedAt: run.startedAt,
    finishedAt: now.toISOString(),
    durationMs: Math.max(0, now.getTime() - Date.parse(run.startedAt)),
    outcome,
    changedSince: run.changedSince ?? null,
    planned: run.planned,
    batches: run.batches,
    failedBatches,
    ...reportCounts(totals),
    apiCalls: run.planApiCalls + totals.apiCalls,
    orgDailyUsageAtStart: null,
    watermark: { advanced, value: advanced ? run.startedAt : ((await store.watermark()) ?? null) },
  };
}
