import type { Services } from '../src/app/services.js';
import type { BatchResult } from '../src/sync/batch-result.js';
import { finishSyncRun } from '../src/sync/sync-run.js';
import type { Processor } from './processor-types.js';

/** `sync-finish`: runs once every batch has finished (or failed for good); moves the watermark and reports. */
export function syncFinishProcessor(services: Services): Processor<'syncFinish'> {
  return async (payload, job) => {
    const results = Object.values(await job.getChildrenValues<BatchResult>());
    const failed = Object.entries(await job.getIgnoredChildrenFailures()).map(([key, reason]) => ({ job: key.split(':').pop() ?? key, reason }));
    const report = await finishSyncRun(services.runState, payload, results, failed);
    await services.runReports.save(report);
    services.logger.info({ runId: payload.runId, outcome: report.outcome, planned: report.planned, dealsWritten: report.dealsWritten }, 'sync run finished');
    return report;
  };
}
