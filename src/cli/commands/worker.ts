import { startWorkers } from '../../../workers/start.js';
import { EXIT, type CommandContext } from '../context.js';
import { waitForStopSignal } from '../signals.js';

/** Longest a worker waits for running jobs after SIGTERM before it gives up on them. */
const SHUTDOWN_GRACE_MS = 50_000;

/**
 * `dealrisk worker`: processes jobs until SIGINT/SIGTERM, then finishes the running ones (a job
 * cut off by the grace period is picked up again by another worker once its lock expires).
 */
export async function runWorker(ctx: CommandContext, waitForStop = waitForStopSignal): Promise<number> {
  const workers = startWorkers(ctx.config, ctx.logger);
  ctx.logger.info({ concurrency: ctx.config.worker.concurrency }, 'worker started');
  const signal = await waitForStop();
  ctx.logger.info({ signal }, 'worker stopping');
  const closed = workers.close().then(() => 'closed' as const);
  const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS).unref());
  if ((await Promise.race([closed, timedOut])) === 'timeout') {
    ctx.logger.warn('running jobs did not finish within the grace period');
    return EXIT.failure;
  }
  return EXIT.ok;
}
