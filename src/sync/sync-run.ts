import { MappingMismatchError } from '../errors/mapping-mismatch-error.js';
import type { Logger } from '../logging/logger.js';
import { checkSession } from '../mapping/check/check-session.js';
import { refusalLine } from '../mapping/check/report-table.js';
import { coverageReport } from '../scoring/index.js';
import { mayStart, percentOf, runMustStop, runSpend, type ApiBudgetSettings, type DailyUsage } from './api-budget.js';
import { mergeBatchResults, type BatchResult } from './batch-result.js';
import type { BulkBuckets } from './bulk-buckets.js';
import { bucketedPort } from './bulk-read.js';
import { planRun, runMode, type PlannedDeals, type SyncMode } from './plan-run.js';
import type { ApiBudgetReport } from './run-report.js';
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
  /** The API budget guard's thresholds (the plan's are the run's: it records them for the batches). */
  apiBudget: ApiBudgetSettings;
}

/** What the plan found of the org's API budget, handed to the finish with the plan. */
export interface RunBudgetStart {
  orgUsageAtStart: DailyUsage;
  /** The org had used the start limit or more: the run planned nothing and writes nothing. */
  refusedAtStart: boolean;
  /** Salesforce refused the plan's calls for the spent daily allowance (REQUEST_LIMIT_EXCEEDED), so the run planned nothing. */
  allowanceSpentAtStart?: boolean;
  startLimitPercent: number;
  runLimitPercent: number;
}

/** Adds the run's batches and finish job (src/queue/fan-out.ts). */
export type FanOut = (plan: PlannedDeals, asOf: string, planApiCalls: number, budget: RunBudgetStart) => Promise<void>;

export interface RunRequest {
  runId: string;
  mode: SyncMode;
  asOf?: string | undefined;
  dryRun: boolean;
}

/**
 * Step 1, the plan: reads the org's API usage first (`limits`, one call) and records the run's
 * budget for its batches; an org at or past the start limit gets a run that plans nothing (its
 * finish reports `paused: api budget`). Otherwise checks the mapping against the org (once per
 * run, not per batch), picks the deals, computes the benchmarks once and keeps them for the
 * batches, then hands the plan to `fanOut`. The watermark is read here and only moved by
 * {@link finishSyncRun}.
 */
export async function planSyncRun(deps: SyncDeps, request: RunRequest, fanOut: FanOut): Promise<PlannedDeals> {
  const { admin, session, store, logger } = deps;
  const callsBefore = session.salesforce.callsMade();
  const orgUsageAtStart = await session.salesforce.dailyApiUsage();
  await store.startBudget(request.runId, { startUsed: orgUsageAtStart.used, limit: orgUsageAtStart.limit, runLimitPercent: deps.apiBudget.runLimitPercent });
  const budget: RunBudgetStart = { orgUsageAtStart, refusedAtStart: !mayStart(orgUsageAtStart, deps.apiBudget), ...deps.apiBudget };
  if (budget.refusedAtStart) {
    logger.warn({ orgUsage: orgUsageAtStart, startLimitPercent: deps.apiBudget.startLimitPercent }, 'sync run not started: the org has used its API budget for runs to start');
    return planNothing(deps, request, fanOut, budget, callsBefore);
  }
  const { failures } = await checkSession({ ...admin, metadata: session.metadata }, deps.apiVersion);
  if (failures.length > 0) throw new MappingMismatchError(refusalLine(failures));
  const startedAt = new Date();
  const asOf = request.asOf ? new Date(request.asOf) : startedAt;
  const plan = await planRun({
    salesforce: session.salesforce,
    ...admin,
    mode: request.mode,
    watermark: await store.watermark(),
    fullRunOwed: await store.fullRunOwed(),
    lookBackMs: deps.lookBackMs,
    asOf,
    startedAt,
  });
  await store.saveBenchmarks(request.runId, plan.benchmarks);
  await fanOut(plan, asOf.toISOString(), session.salesforce.callsMade() - callsBefore, budget);
  logger.info({ mode: plan.mode, changedSince: plan.changedSince, planned: plan.planned, batches: plan.batches.length }, 'sync run planned');
  return plan;
}

/** A run that plans no deal: its finish alone, which reports it `paused: api budget` (see {@link pausedAt}). */
async function planNothing(deps: SyncDeps, request: RunRequest, fanOut: FanOut, budget: RunBudgetStart, callsBefore: number): Promise<PlannedDeals> {
  const { store, session } = deps;
  const startedAt = new Date();
  const notStarted: PlannedDeals = { mode: runMode(request.mode, await store.watermark(), await store.fullRunOwed()), changedSince: undefined, startedAt: startedAt.toISOString(), batches: [], planned: 0 };
  await fanOut(notStarted, (request.asOf ? new Date(request.asOf) : startedAt).toISOString(), session.salesforce.callsMade() - callsBefore, budget);
  return notStarted;
}

/**
 * Step 1 when Salesforce refused the plan's calls for the spent daily allowance: the run is paused
 * at its start, not failed, like a batch refused the same way, so nothing is written, the
 * watermark stays and the next run reads everything again. The org's usage is the last Salesforce
 * reported (the refusal carries it too); undefined when no response ever said, and then the plan
 * has nothing to report the pause with and fails. `callsBefore`: the session's count when the plan began.
 */
export async function planPausedForAllowance(deps: SyncDeps, request: RunRequest, fanOut: FanOut, callsBefore: number): Promise<PlannedDeals | undefined> {
  const orgUsageAtStart = deps.session.salesforce.latestDailyUsage();
  if (!orgUsageAtStart) return undefined;
  deps.logger.warn({ orgUsage: orgUsageAtStart }, "sync run not started: Salesforce refused its calls, the org's daily API allowance is spent");
  return planNothing(deps, request, fanOut, { orgUsageAtStart, refusedAtStart: true, allowanceSpentAtStart: true, ...deps.apiBudget }, callsBefore);
}

/**
 * Step 2, one batch: its deals scored with the run's benchmarks, what changed written, unless the
 * run has used its API share. Usage is shared through the run store: each check first reports the
 * org usage this worker process saw last, so every worker decides on the highest seen by any.
 * A Bulk-read run's batch (`source: bulk`) reads its deals from the run's buckets.
 */
export async function runSyncBatch(
  deps: SyncDeps,
  batch: { runId: string; ids: readonly string[]; asOf: string; dryRun: boolean; source: 'rest' | 'bulk' },
): Promise<BatchResult> {
  const { salesforce } = deps.session;
  const noteUsage = () => deps.store.noteUsage(batch.runId, salesforce.latestDailyUsage()?.used);
  const withinBudget = async () => {
    const budget = await noteUsage();
    return budget === undefined || !runMustStop(runSpend(budget).calls, budget.limit, budget.runLimitPercent);
  };
  const result = await scoreBatch({
    withinBudget,
    salesforce: batch.source === 'bulk' ? bucketedPort(salesforce, deps.buckets, batch.runId) : salesforce,
    ...deps.admin,
    benchmarks: await deps.store.benchmarks(batch.runId),
    now: new Date(batch.asOf),
    ids: batch.ids,
    dryRun: batch.dryRun,
    logger: deps.logger,
  });
  // The batch's own calls, so the next check and the run's report count them.
  await noteUsage();
  if (result.pausedBatches > 0) deps.logger.warn({ dealsNotWritten: result.dealsNotWritten }, 'sync batch stopped: the run has used its API budget');
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
  budget?: RunBudgetStart | undefined;
};

/** Why a run paused, if it did: the start share, the spent allowance (at the plan or in batches), or the run's share. */
function pausedAt(budget: RunBudgetStart, totals: BatchResult): ApiBudgetReport['pausedAt'] {
  if (budget.allowanceSpentAtStart) return 'allowance';
  if (budget.refusedAtStart) return 'start';
  if (totals.allowanceSpentBatches > 0) return 'allowance';
  return totals.pausedBatches > 0 ? 'run' : null;
}

/** The guard's figures for the report: the org's share at the start, the run's calls and share since. */
async function budgetReport(store: RunStore, run: FinishedRun, totals: BatchResult): Promise<ApiBudgetReport | undefined> {
  if (!run.budget) return undefined;
  const { orgUsageAtStart, startLimitPercent, runLimitPercent } = run.budget;
  const recorded = await store.noteUsage(run.runId, undefined);
  const spend = recorded ? runSpend(recorded) : { calls: run.planApiCalls + totals.apiCalls, share: percentOf(run.planApiCalls + totals.apiCalls, orgUsageAtStart.limit) };
  return {
    orgShareAtStart: percentOf(orgUsageAtStart.used, orgUsageAtStart.limit),
    startLimitPercent,
    runCalls: spend.calls,
    runShare: spend.share,
    runLimitPercent,
    pausedAt: pausedAt(run.budget, totals),
    dealsNotWritten: totals.dealsNotWritten,
  };
}

/**
 * Step 3, the finish: adds up the batches, moves the watermark to the run's start only when every
 * batch succeeded (and the run wrote: a dry run moves nothing), and returns the run's report. A
 * run the budget guard paused does not move the watermark at all, so the next incremental run
 * reads every change this one planned again, its unwritten deals among them; a paused full run
 * leaves a full run owed, so the next run rescores the deals nothing changed too.
 */
export async function finishSyncRun(
  store: RunStore,
  run: FinishedRun,
  results: readonly BatchResult[],
  failedBatches: { job: string; reason: string }[],
  now: Date = new Date(),
): Promise<SyncReport> {
  const totals = mergeBatchResults(results);
  const apiBudget = await budgetReport(store, run, totals);
  const outcome = syncOutcome(failedBatches.length, Boolean(apiBudget?.pausedAt));
  const advanced = outcome === 'succeeded' && !run.dryRun ? await store.advanceWatermark(run.startedAt) : false;
  if (run.mode === 'full' && !run.dryRun && outcome !== 'failed') await store.setFullRunOwed(outcome === 'paused: api budget');
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
    orgDailyUsageAtStart: run.budget?.orgUsageAtStart ?? null,
    ...(apiBudget ? { apiBudget } : {}),
    coverage: coverageReport(totals.coverage, run.budget?.refusedAtStart ? undefined : await store.benchmarks(run.runId)),
    watermark: { advanced, value: advanced ? run.startedAt : ((await store.watermark()) ?? null) },
  };
}
