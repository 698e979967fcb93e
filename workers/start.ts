import type { Config } from '../src/config/schema.js';
import type { Logger } from '../src/logging/logger.js';
import { scoreDealsJob } from '../src/queue/catalog.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { StoppableWorker, type StopOutcome } from '../src/queue/stoppable-worker.js';
import { scoreDealsProcessor } from './score-deals.processor.js';

export interface RunningWorkers {
  /** Stops taking jobs and waits for the running ones (BullMQ's graceful close). */
  close(): Promise<void>;
  /**
   * Stops taking jobs, waits up to `graceMs` (or until `endEarly`) for the running ones and hands
   * the unfinished ones back to their queues.
   */
  stop(graceMs: number, endEarly?: Promise<unknown>): Promise<StopOutcome>;
}

/**
 * Starts one BullMQ worker per queue in this process. Run more processes, on any machine sharing
 * the Redis, to scale out: BullMQ hands each job to exactly one of them.
 */
export function startWorkers(config: Config, logger: Logger): RunningWorkers {
  const connection = createRedisConnection(config.redis);
  const worker = new StoppableWorker(scoreDealsJob.queue, scoreDealsProcessor(config, logger), {
    connection,
    prefix: config.redis.prefix,
    concurrency: config.worker.concurrency,
  });
  // Without an error listener a Redis hiccup would be an unhandled 'error' event.
  worker.on('error', (err) => logger.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'job failed'));
  return {
    close: async () => {
      await worker.close();
      // BullMQ leaves connections it was given open.
      connection.disconnect();
    },
    stop: async (graceMs, endEarly) => {
      const outcome = await worker.stop(graceMs, endEarly);
      connection.disconnect();
      return outcome;
    },
  };
}
