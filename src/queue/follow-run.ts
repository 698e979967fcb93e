import { randomUUID } from 'node:crypto';
import { Job } from 'bullmq';
import type { Queues } from '../app/queues.js';
import type { SyncReport } from '../sync/sync-report.js';
import { jobIds, jobs, type JobPayload } from './catalog.js';
import { enqueueJob } from './jobs.js';

/** How often a follower looks at the run's finish job. */
const POLL_MS = 500;

/** Enqueues a run's plan job under a new run id (the job id is the run's, so it is added once). */
export async function enqueueSyncRun(queues: Queues, request: Omit<JobPayload<'syncPlan'>, 'runId'>): Promise<string> {
  const runId = randomUUID();
  await enqueueJob(queues.queue(jobs.syncPlan.queue), jobs.syncPlan, { ...request, runId }, { jobId: jobIds.plan(runId) });
  return runId;
}

export interface FollowOptions {
  timeoutMs: number;
  /** Called once when, after `noWorkerAfterMs`, the plan is still waiting and no worker listens. */
  onNoWorker: () => void;
  noWorkerAfterMs: number;
  /** Batches finished so far, of how many (called when the count changes). */
  onProgress: (done: number, total: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a run to its end and returns its report: waits for the plan (a failed plan rejects with
 * its reason), then watches the finish job's children until it has completed.
 */
export async function followSyncRun(queues: Queues, runId: string, options: FollowOptions): Promise<SyncReport> {
  const deadline = Date.now() + options.timeoutMs;
  const queue = queues.queue(jobs.syncPlan.queue);
  const events = await queues.events(jobs.syncPlan.queue);
  const plan = await Job.fromId(queue, jobIds.plan(runId));
  if (!plan) throw new Error(`run ${runId} has no plan job`);
  const watchdog = setTimeout(() => {
    void (async () => {
      if ((await plan.getState()) === 'waiting' && (await queue.getWorkersCount()) === 0) options.onNoWorker();
    })().catch(() => undefined);
  }, options.noWorkerAfterMs);
  try {
    await plan.waitUntilFinished(events, options.timeoutMs);
  } finally {
    clearTimeout(watchdog);
  }
  let shown = -1;
  for (;;) {
    // Read before its state: a job that completes in between has no return value in this copy.
    const finish = await Job.fromId(queues.queue(jobs.syncFinish.queue), jobIds.finish(runId));
    if (!finish) throw new Error(`run ${runId} has no finish job`);
    const state = await finish.getState();
    if (state === 'completed') return (finish.returnvalue ?? (await Job.fromId(queues.queue(jobs.syncFinish.queue), jobIds.finish(runId)))?.returnvalue) as SyncReport;
    if (state === 'failed') throw new Error(finish.failedReason);
    const counts = await finish.getDependenciesCount();
    const done = (counts.processed ?? 0) + (counts.ignored ?? 0) + (counts.failed ?? 0);
    const total = done + (counts.unprocessed ?? 0);
    if (done !== shown) options.onProgress((shown = done), total);
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish within ${Math.round(options.timeoutMs / 1000)} s; it goes on in the workers`);
    await sleep(POLL_MS);
  }
}
