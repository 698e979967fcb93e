import { UnrecoverableError } from 'bullmq';
import type { Queues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { addBulkRunFlow } from '../src/queue/bulk-fan-out.js';
import { addRunFlow } from '../src/queue/fan-out.js';
import { readPathFor } from '../src/sync/read-path.js';
import { runIdOf } from '../src/queue/schedules.js';
import type { PlannedDeals } from '../src/sync/plan-run.js';
import { planPausedForAllowance, planSyncRun, type FanOut } from '../src/sync/sync-run.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/**
 * `sync-plan`: plans the run and adds its batches and finish job as one flow. A plan Salesforce
 * refuses for the spent daily allowance pauses the run instead of failing it (its finish alone).
 */
export function syncPlanProcessor(services: Services, queues: Queues, rateLimit: RateLimit): Processor<'syncPlan'> {
  return async (payload, job) => {
    // A schedule's jobs share one template: each run takes its own id from when it was due.
    const request = { ...payload, runId: runIdOf(payload, job) };
    const fanOut: FanOut = (planned, asOf, calls, budget) =>
      readPathFor(planned.planned, services.config.sync.bulkThreshold) === 'bulk'
        ? addBulkRunFlow(queues.flows, services.bulkBuckets, request, planned, asOf, calls, budget)
        : addRunFlow(queues.flows, request, planned, asOf, calls, budget);
    const summary = (plan: PlannedDeals) => ({ mode: plan.mode, planned: plan.planned, batches: plan.batches.length });
    // The login is not an API call, so only the plan itself can meet the spent allowance.
    const deps = await mapFailure(() => syncDeps(services, job, request.runId), rateLimit);
    const callsBefore = deps.session.salesforce.callsMade();
    return mapFailure(
      async () => summary(await planSyncRun(deps, request, fanOut)),
      rateLimit,
      async (failure) => {
        const paused = await planPausedForAllowance(deps, request, fanOut, callsBefore);
        if (!paused) throw new UnrecoverableError(failure.message);
        return summary(paused);
      },
    );
  };
}
