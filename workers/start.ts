import { UnrecoverableError, type Job } from 'bullmq';
import type { z } from 'zod';
import { createQueues } from '../src/app/queues.js';
import type { Services } from '../src/app/services.js';
import { jobs, QUEUE_NAMES, type JobKey } from '../src/queue/catalog.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { jobProcessor, type JobDefinition } from '../src/queue/jobs.js';
import { StoppableWorker, type StopOutcome } from '../src/queue/stoppable-worker.js';
import type { Processors } from './processor-types.js';
import { createProcessors } from './processors.js';

export interface RunningWorkers {
  /** Stops taking jobs and waits for the running ones (BullMQ's graceful close). */
  close(): Promise<void>;
  /**
   * Stops taking jobs, waits up to `graceMs` (or until `endEarly`) for the running ones and hands
   * the unfinished ones back to their queues.
   */
  stop(graceMs: number, endEarly?: Promise<unknown>): Promise<StopOutcome>;
}

/** One queue's processor: dispatches by job name to the catalog entry's processor, payload parsed first. */
function queueProcessor(queue: string, processors: Processors): (job: Job) => Promise<unknown> {
  const handlers = new Map(
    (Object.keys(jobs) as JobKey[])
      .filter((key) => jobs[key].queue === queue)
      .map((key) => [jobs[key].name, jobProcessor(jobs[key] as JobDefinition<z.ZodType>, processors[key] as (payload: unknown, job: Job) => Promise<unknown>)]),
  );
  return (job) => {
    const handler = handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`queue ${queue} has no processor for job name "${job.name}"`);
    return handler(job);
  };
}

/**
 * Starts one BullMQ worker per catalog queue in this process, sharing the process's services (one
 * Salesforce login). Run more processes, on any machine sharing the Redis, to scale out: BullMQ
 * hands each job to exactly one of them.
 */
export function startWorkers(services: Services): RunningWorkers {
  const { config, logger } = services;
  const queues = createQueues(config);
  const connection = createRedisConnection(config.redis);
  const byQueue = new Map<string, StoppableWorker>();
  const processors = createProcessors(services, queues, (queue) => (ms) => byQueue.get(queue)!.rateLimit(ms));
  const workers = QUEUE_NAMES.map((queue) => {
    const worker = new StoppableWorker(queue, queueProcessor(queue, processors), { connection, prefix: config.redis.prefix, concurrency: config.worker.concurrency });
    // Without an error listener a Redis hiccup would be an unhandled 'error' event.
    worker.on('error', (err) => logger.error({ err }, 'worker error'));
    worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'job failed'));
    byQueue.set(queue, worker);
    return worker;
  });
  const release = async () => {
    await queues.close();
    // BullMQ leaves connections it was given open.
    connection.disconnect();
  };
  return {
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await release();
    },
    stop: async (graceMs, endEarly) => {
      const outcomes = await Promise.all(workers.map((worker) => worker.stop(graceMs, endEarly)));
      await release();
      return {
        finished: outcomes.every((o) => o.finished),
        handedBack: outcomes.flatMap((o) => o.handedBack),
        stranded: outcomes.flatMap((o) => o.stranded),
      };
    },
  };
}
