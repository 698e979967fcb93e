import type { FlowProducer } from 'bullmq';
import type { PlannedDeals } from '../sync/plan-run.js';
import type { RunBudgetStart } from '../sync/sync-run.js';
import { jobIds, jobs, type JobPayload } from './catalog.js';

export const keep = { removeOnComplete: { age: 7 * 24 * 3600, count: 1000 }, removeOnFail: { age: 30 * 24 * 3600 } };

/** The run's finish job: the parent every other job of the run reports to. */
export function finishJob(request: JobPayload<'syncPlan'>, plan: PlannedDeals, asOf: string, planApiCalls: number, budget: RunBudgetStart) {
  const data = jobs.syncFinish.schema.parse({
    ...request,
    mode: plan.mode,
    asOf,
    startedAt: plan.startedAt,
    ...(plan.changedSince ? { changedSince: new Date(plan.changedSince).toISOString() } : {}),
    planned: plan.planned,
    batches: plan.batches.length,
    planApiCalls,
    budget,
  });
  return {
    name: jobs.syncFinish.name,
    queueName: jobs.syncFinish.queue,
    data,
    opts: { jobId: jobIds.finish(request.runId), attempts: jobs.syncFinish.attempts, backoff: jobs.syncFinish.backoff, ...keep },
  };
}

/**
 * One batch job of a run. A batch that fails for good is recorded on its parent
 * (`ignoreDependencyOnFailure`), which then still runs and reports the run failed instead of waiting forever.
 */
export function batchJob(run: { runId: string; asOf: string; dryRun: boolean }, ids: readonly string[], batch: number, source: 'rest' | 'bulk') {
  return {
    name: jobs.syncBatch.name,
    queueName: jobs.syncBatch.queue,
    data: jobs.syncBatch.schema.parse({ runId: run.runId, batch, ids, asOf: run.asOf, dryRun: run.dryRun, source }),
    opts: { jobId: jobIds.batch(run.runId, batch), attempts: jobs.syncBatch.attempts, backoff: jobs.syncBatch.backoff, ignoreDependencyOnFailure: true, ...keep },
  };
}

/**
 * Adds the run as a BullMQ flow: the finish job as parent of one batch job per batch. Job ids are
 * the run's and the batch's, so adding the same run twice (a retried plan) adds nothing new.
 */
export async function addRunFlow(
  flows: FlowProducer,
  request: JobPayload<'syncPlan'>,
  plan: PlannedDeals,
  asOf: string,
  planApiCalls: number,
  budget: RunBudgetStart,
): Promise<void> {
  await flows.add({
    ...finishJob(request, plan, asOf, planApiCalls, budget),
    children: plan.batches.map((ids, batch) => batchJob({ runId: request.runId, asOf, dryRun: request.dryRun }, ids, batch, 'rest')),
  });
}
