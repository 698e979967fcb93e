import type { Services } from '../src/app/services.js';
import { pausedBatchResult } from '../src/sync/batch-result.js';
import { runSyncBatch } from '../src/sync/sync-run.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/**
 * `sync-batch`: scores one batch of deals and writes what changed. A batch Salesforce refuses for
 * the spent daily allowance is paused, not failed: its run then reports `paused: api budget` and
 * the next run writes its deals.
 */
export function syncBatchProcessor(services: Services, rateLimit: RateLimit): Processor<'syncBatch'> {
  return (payload, job) =>
    mapFailure(
      async () => runSyncBatch(await syncDeps(services, job, payload.runId), payload),
      rateLimit,
      () => pausedBatchResult(payload.ids.length, { allowanceSpent: true }),
    );
}
