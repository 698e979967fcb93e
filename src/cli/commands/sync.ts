import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Config } from '../../config/schema.js';
import { scoreDealsJob } from '../../queue/catalog.js';
import { createRedisConnection } from '../../queue/connection.js';
import { enqueueJob } from '../../queue/jobs.js';
import type { ScoreRunResult } from '../../sync/run-result.js';
import { EXIT, type CommandContext } from '../context.js';

export interface SyncFlags {
  wait?: boolean;
  timeout: string;
}

/**
 * Enqueues one scoring run; with `wait`, also waits for a worker to finish it and returns its
 * result (undefined when only enqueued).
 */
export async function requestScoringRun(
  config: Config,
  trigger: 'manual' | 'demo',
  wait: { timeoutMs: number } | undefined,
): Promise<{ jobId: string; runId: string; result: ScoreRunResult | undefined }> {
  const connections = [createRedisConnection(config.redis.url), createRedisConnection(config.redis.url)] as const;
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

/** `dealrisk sync`: asks the workers for a scoring run of every open deal. */
export async function runSync(ctx: CommandContext, flags: SyncFlags): Promise<number> {
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
    ctx.stderr.write(`sync: --timeout expects a whole number of seconds, got "${flags.timeout}"\n`);
    return EXIT.badConfig;
  }
  const { jobId, runId, result } = await requestScoringRun(ctx.config, 'manual', flags.wait ? { timeoutMs: timeoutSeconds * 1000 } : undefined);
  if (!result) {
    ctx.stdout.write(`Enqueued scoring run ${runId} (job ${jobId}); a running 'dealrisk worker' will process it.\n`);
    return EXIT.ok;
  }
  ctx.stdout.write(
    `Run ${runId}: scored ${result.scored} open deals (${result.byLevel.High} High, ${result.byLevel.Medium} Medium, ${result.byLevel.Low} Low); ` +
      `wrote ${result.written}; ${result.failureCount} refused.\n`,
  );
  for (const failure of result.failures) ctx.stdout.write(`  refused ${failure.id}: ${failure.errorCode ?? 'UNKNOWN'} ${failure.message ?? ''}\n`);
  return result.failureCount === 0 ? EXIT.ok : EXIT.failure;
}
