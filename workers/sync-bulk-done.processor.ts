import type { Queues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { addRunBatches } from '../src/queue/bulk-fan-out.js';
import { jobs } from '../src/queue/catalog.js';
import { afterBulkReads, type BulkReadResult } from '../src/sync/bulk-read.js';
import type { Processor } from './processor-types.js';

/** `sync-bulk-done`: once a run's Bulk reads have ended, adds its batch jobs under the run's finish job. */
export function syncBulkDoneProcessor(services: Services, queues: Queues): Processor<'syncBulkDone'> {
  return async (payload, job) => {
    const reads = Object.values(await job.getChildrenValues<BulkReadResult>());
    const failed = Object.entries(await job.getIgnoredChildrenFailures()).map(([key, reason]) => `${key.split(':').pop() ?? key}: ${reason}`);
    const { source, result } = afterBulkReads(reads, failed);
    if (source === 'rest') services.logger.warn({ runId: payload.runId, failed }, 'a Bulk read failed for good: the run reads its deals over REST');
    await addRunBatches(queues.queue(jobs.syncBatch.queue), queues.queue(jobs.syncFinish.queue), payload, source);
    return result;
  };
}
