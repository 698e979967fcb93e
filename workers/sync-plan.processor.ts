import type { Queues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { addRunFlow } from '../src/queue/fan-out.js';
import { planSyncRun } from '../src/sync/sync-run.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/** `sync-plan`: plans the run and adds its batches and finish job as one flow. */
export function syncPlanProcessor(services: Services, queues: Queues, rateLimit: RateLimit): Processor<'syncPlan'> {
  return (payload, job) =>
    mapFailure(async () => {
      const deps = await syncDeps(services, job, payload.runId);
      const plan = await planSyncRun(deps, payload, (planned, asOf, calls) => addRunFlow(queues.flows, payload, planned, asOf, calls));
      return { mode: plan.mode, planned: plan.planned, batches: plan.batches.length };
    }, rateLimit);
}
