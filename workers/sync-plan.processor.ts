import type { Queues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { addBulkRunFlow } from '../src/queue/bulk-fan-out.js';
import { addRunFlow } from '../src/queue/fan-out.js';
import { readPathFor } from '../src/sync/read-path.js';
import { runIdOf } from '../src/queue/schedules.js';
import { planSyncRun } from '../src/sync/sync-run.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/** `sync-plan`: plans the run and adds its batches and finish job as one flow. */
export function syncPlanProcessor(services: Services, queues: Queues, rateLimit: RateLimit): Processor<'syncPlan'> {
  return (payload, job) =>
    mapFailure(async () => {
      // A schedule's jobs share one template: each run takes its own id from when it was due.
      const request = { ...payload, runId: runIdOf(payload, job) };
      const deps = await syncDeps(services, job, request.runId);
      const plan = await planSyncRun(deps, request, (planned, asOf, calls, budget) =>
        readPathFor(planned.planned, services.config.sync.bulkThreshold) === 'bulk'
          ? addBulkRunFlow(queues.flows, services.bulkBuckets, request, planned, asOf, calls, budget)
          : addRunFlow(queues.flows, request, planned, asOf, calls, budget),
      );
      return { mode: plan.mode, planned: plan.planned, batches: plan.batches.length };
    }, rateLimit);
}
