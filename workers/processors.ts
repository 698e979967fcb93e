import type { Queues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { jobs } from '../src/queue/catalog.js';
import type { RateLimit } from './job-failure.js';
import type { Processors } from './processor-types.js';
import { syncBatchProcessor } from './sync-batch.processor.js';
import { syncBulkDoneProcessor } from './sync-bulk-done.processor.js';
import { syncBulkReadProcessor } from './sync-bulk-read.processor.js';
import { syncFinishProcessor } from './sync-finish.processor.js';
import { syncPlanProcessor } from './sync-plan.processor.js';

export type { Processor, Processors } from './processor-types.js';

/** The processor of every catalog job, over the process's services and producers. */
export function createProcessors(services: Services, queues: Queues, rateLimit: (queue: string) => RateLimit): Processors {
  return {
    syncPlan: syncPlanProcessor(services, queues, rateLimit(jobs.syncPlan.queue)),
    syncBatch: syncBatchProcessor(services, rateLimit(jobs.syncBatch.queue)),
    syncFinish: syncFinishProcessor(services),
    syncBulkRead: syncBulkReadProcessor(services, rateLimit(jobs.syncBulkRead.queue)),
    syncBulkDone: syncBulkDoneProcessor(services, queues),
  };
}
