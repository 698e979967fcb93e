import type { Services } from '../src/app/services.js';
import { runSyncBatch } from '../src/sync/sync-run.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/** `sync-batch`: scores one batch of deals and writes what changed. */
export function syncBatchProcessor(services: Services, rateLimit: RateLimit): Processor<'syncBatch'> {
  return (payload, job) => mapFailure(async () => runSyncBatch(await syncDeps(services, job, payload.runId), payload), rateLimit);
}
