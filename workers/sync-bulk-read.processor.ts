import type { Services } from '../src/app/services.js';
import { readBulkObject } from '../src/sync/bulk-read.js';
import { dealReadOptions, filterableRiskFields } from '../src/sync/deal-options.js';
import { mapFailure, type RateLimit } from './job-failure.js';
import type { Processor } from './processor-types.js';
import { syncDeps } from './sync-deps.js';

/** `sync-bulk-read`: one object's rows for a big run, by one Bulk API 2.0 query job, into the run's batch buckets. */
export function syncBulkReadProcessor(services: Services, rateLimit: RateLimit): Processor<'syncBulkRead'> {
  return (payload, job) =>
    mapFailure(async () => {
      const deps = await syncDeps(services, job, payload.runId);
      const { playbook, mapping } = deps.admin;
      return readBulkObject({
        salesforce: deps.session.salesforce,
        buckets: deps.buckets,
        runId: payload.runId,
        object: payload.object,
        readOptions: dealReadOptions(playbook, mapping),
        scope: payload.scope === 'full' ? { kind: 'full', filterableRiskFields: filterableRiskFields(mapping) } : { kind: 'all' },
        logger: deps.logger,
      });
    }, rateLimit);
}
