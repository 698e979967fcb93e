import { startWorkers } from '../../../workers/start.js';
import { createServices } from '../../app/services.js';
import { EXIT, type CommandContext } from '../context.js';
import { requireRedis } from '../require-redis.js';
import { waitForStopSignal } from '../signals.js';

/**
 * `dealrisk worker`: processes jobs until SIGINT/SIGTERM, then lets the running ones finish for
 * up to WORKER_SHUTDOWN_GRACE_SECONDS (a second signal ends the wait at once). Jobs still running
 * then go back to their queue for another worker, and the process exits with code 1.
 * A Redis that does not answer is waited for, not fatal: the worker retries until it is back.
 */
export async function runWorker(ctx: CommandContext, waitForStop = waitForStopSignal): Promise<number> {
  await requireRedis(ctx, { orWait: true });
  const services = createServices(ctx.config, ctx.logger);
  const workers = startWorkers(services);
  ctx.logger.info({ concurrency: ctx.config.worker.concurrency }, 'worker started');
  const signal = await waitForStop();
  const graceSeconds = ctx.config.worker.shutdownGraceMs / 1000;
  ctx.logger.info({ signal, graceSeconds }, 'worker stopping: waiting for running jobs (a second signal stops at once)');
  const outcome = await workers.stop(ctx.config.worker.shutdownGraceMs, waitForStop());
  await services.close();
  if (outcome.finished) {
    ctx.logger.info('worker stopped');
    return EXIT.ok;
  }
  ctx.logger.warn(
    { handedBack: outcome.handedBack, stranded: outcome.stranded },
    outcome.stranded.length === 0
      ? 'running jobs did not finish within the grace period: handed them back to the queue for another worker'
      : 'running jobs did not finish within the grace period; Redis did not answer, so the stranded ones return to the queue when their locks expire',
  );
  return EXIT.failure;
}
