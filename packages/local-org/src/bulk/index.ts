/** Bulk API 2.0: the org's query and ingest jobs (routes in src/http/bulk-routes.ts). */
import type { OrgClock } from '../model.js';
import type { RecordStore } from '../store/types.js';
import type { ApiUsage } from '../http/usage.js';
import { IngestJobs } from './ingest-jobs.js';
import { JobClock, NO_BULK_FAULTS, type BulkFaults } from './jobs.js';
import { QueryJobs } from './query-jobs.js';

export { type BulkFaults, NO_BULK_FAULTS } from './jobs.js';

/** The org's Bulk API 2.0 jobs. */
export interface BulkJobs {
  query: QueryJobs;
  ingest: IngestJobs;
  /** Cancels every pending run (the org stops). */
  close(): void;
}

/** What the jobs need of the org; the faults are read at each run, so they can change while it serves. */
export interface BulkDeps {
  store: RecordStore;
  clock: OrgClock;
  usage: ApiUsage;
  faults?: BulkFaults;
}

export function createBulkJobs(deps: BulkDeps): BulkJobs {
  const faults = deps.faults ?? NO_BULK_FAULTS;
  const jobClock = new JobClock(deps.clock, faults);
  return {
    query: new QueryJobs(jobClock),
    ingest: new IngestJobs(jobClock, { store: deps.store, usage: deps.usage }),
    close: () => jobClock.close(),
  };
}
