import type { Job } from 'bullmq';
import type { Services } from '../src/app/services.js';
import type { SyncDeps } from '../src/sync/sync-run.js';

async function scopedSession(services: Services): Promise<SyncDeps['session']> {
  const session = await services.salesforce();
  return { ...session, salesforce: session.salesforce.scoped() };
}

/** The process's admin files and Salesforce login, with a logger bound to the job. */
export async function syncDeps(services: Services, job: Job, runId: string): Promise<SyncDeps> {
  return {
    admin: services.admin(),
    session: await scopedSession(services),
    store: services.runState,
    buckets: services.bulkBuckets,
    logger: services.logger.child({ queue: job.queueName, jobId: job.id, runId }),
    apiVersion: services.config.salesforce.apiVersion,
    lookBackMs: services.config.sync.lookBackMs,
    apiBudget: services.config.sync.apiBudget,
  };
}
