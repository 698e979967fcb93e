import type { FlowProducer, Queue } from 'bullmq';
import type { BulkBuckets } from '../sync/bulk-buckets.js';
import { BULK_OBJECTS } from '../sync/bulk-read-port.js';
import { jobIds, jobs, type JobPayload } from './catalog.js';
import type { PlannedDeals } from '../sync/plan-run.js';
import type { RunBudgetStart } from '../sync/sync-run.js';
import { batchJob, finishJob, flowJob } from './fan-out.js';

/**
 * A run read with Bulk API 2.0, as one BullMQ flow: the finish job, as parent of a `sync-bulk-done`
 * job, as parent of one `sync-bulk-read` job per object. The deals' batches are recorded first,
 * so each Bulk read can put its rows into their batch's bucket. When the reads have ended,
 * `sync-bulk-done` adds the batch jobs under the finish job ({@link addRunBatches}). Job ids are
 * the run's, so a retried plan adds nothing new.
 */
export async function addBulkRunFlow(
  flows: FlowProducer,
  buckets: BulkBuckets,
  request: JobPayload<'syncPlan'>,
  plan: PlannedDeals,
  asOf: string,
  planApiCalls: number,
  budget: RunBudgetStart,
): Promise<void> {
  await buckets.assignBuckets(request.runId, plan.batches);
  const scope = plan.mode === 'full' ? 'full' : 'all';
  await flows.add({
    ...finishJob(request, plan, asOf, planApiCalls, budget),
    children: [
      {
        // A failed bulk-done is recorded on the finish job, which then reports the run failed.
        ...flowJob(jobs.syncBulkDone, { runId: request.runId, asOf, dryRun: request.dryRun, batches: plan.batches }, jobIds.bulkDone(request.runId), 'child'),
        // A read that failed for good is recorded on bulk-done, which then reads the run over REST.
        children: BULK_OBJECTS.map((object) => flowJob(jobs.syncBulkRead, { runId: request.runId, object, scope }, jobIds.bulkRead(request.runId, object), 'child')),
      },
    ],
  });
}

/**
 * Adds a run's batch jobs under its finish job, which waits for them: called by `sync-bulk-done`
 * while it is still running, so the finish job never sees all its children done in between. A
 * second call (a retried bulk-done) adds nothing: the job ids are the run's and the batch's.
 */
export async function addRunBatches(batchQueue: Queue, finishQueue: Queue, run: JobPayload<'syncBulkDone'>, source: 'rest' | 'bulk'): Promise<void> {
  const parent = { id: jobIds.finish(run.runId), queue: finishQueue.qualifiedName };
  await batchQueue.addBulk(
    run.batches.map((ids, batch) => {
      const job = batchJob(run, ids, batch, source);
      return { name: job.name, data: job.data, opts: { ...job.opts, parent } };
    }),
  );
}
