import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Config } from '../config/schema.js';
import type { ScoreRunResult } from '../sync/run-result.js';
import { scoreDealsJob } from './catalog.js';
import { createRedisConnection } from './connection.js';
import { enqueueJob } from './jobs.js';

/**
 * Enqueues one scoring run; with `wait`, also waits for a worker to finish it and returns its
 * result (undefined when only enqueued).
 */
export async function requestScoringRun(
  config: Config,
  trigger: 'manual' | 'demo',
  wait: { timeoutMs: number } | undefined,
): Promise<{ jobId: string; runId: string; result: ScoreRunResult | undefined }> {
  const connections = [createRedisConnection(config.redis), createRedisConnection(config.redis)] as const;
  const queue = new Queue(scoreDealsJob.queue, { connection: connections[0], prefix: config.redis.prefix });
  const events = wait ? new QueueEvents(scoreDealsJob.queue, { connection: connections[1], prefix: config.redis.prefix }) : undefined;
  try {
    await events?.waitUntilReady();
    const runId = randomUUID();
    const job = await enqueueJob(queue, scoreDealsJob, { runId, trigger });
    const result = events && wait ? ((await job.waitUntilFinished(events, wait.timeoutMs)) as ScoreRunResult) : undefined;
    return { jobId: job.id ?? '', runId, result };
  } finally {
    await events?.close();
    await queue.close();
    // BullMQ leaves connections it was given open.
    for (const connection of connections) connection.disconnect();
  }
}
