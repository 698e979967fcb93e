import type { FlowProducer } from 'bullmq';
import type { PlannedDeals } from '../sync/plan-run.js';
import type { RunBudgetStart } from '../sync/sync-run.js';
import { jobIds, jobs, type JobPayload } from './catalog.js';

const keep = { removeOnComplete: { age: 7 * 24 * 3600, count: 1000 }, removeOnFail: { age: 30 * 24 * 3600 } };

/**
 * Adds the run as a BullMQ flow: the finish job as parent of one batch job per batch. Job ids are
 * the run's and the batch's, so adding the same run twice (a retried plan) adds nothing new. A
 * batch that fails for good is recorded on the parent (`ignoreDependencyOnFailure`), which then
 * still runs and reports the run failed instead of waiting forever.
 */
export async function addRunFlow(
  flows: FlowProducer,
  request: JobPayload<'syncPlan'>,
  plan: PlannedDeals,
  asOf: string,
  planApiCalls: number,
  budget: RunBudgetStart,
): Promise<void> {
  const finish = jobs.syncFinish.schema.parse({
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
  await flows.add({
    name: jobs.syncFinish.name,
    queueName: jobs.syncFinish.queue,
    data: finish,
    opts: { jobId: jobIds.finish(request.runId), attempts: jobs.syncFinish.attempts, backoff: jobs.syncFinish.backoff, ...keep },
    children: plan.batches.map((ids, batch) => ({
      name: jobs.syncBatch.name,
      queueName: jobs.syncBatch.queue,
      data: jobs.syncBatch.schema.parse({ runId: request.runId, batch, ids, asOf, dryRun: request.dryRun }),
      opts: {
        jobId: jobIds.batch(request.runId, batch),
        attempts: jobs.syncBatch.attempts,
        backoff: jobs.syncBatch.backoff,
        ignoreDependencyOnFailure: true,
        ...keep,
      },
    })),
  });
}
