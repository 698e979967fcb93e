import { createQueues } from '../../app/queues.js';
import { createServices } from '../../app/services.js';
import { checkSession } from '../../mapping/check/check-session.js';
import { refusalLine } from '../../mapping/check/report-table.js';
import { enqueueSyncRun, followSyncRun } from '../../queue/follow-run.js';
import { openScoringSession } from '../../sync/session.js';
import { startWorkers } from '../../../workers/start.js';
import { EXIT, type CommandContext } from '../context.js';
import { pausedRunLine } from '../api-budget-lines.js';
import { formatSyncReport } from '../format-sync-report.js';
import { progressWriter } from '../progress.js';
import { requireRedis } from '../require-redis.js';

export interface SyncFlags {
  full?: boolean;
  incremental?: boolean;
  dryRun?: boolean;
  asOf?: string;
  wait: boolean;
  localWorker?: boolean;
  timeout: string;
}

/** How long `sync` waits for a worker to take the plan before saying how to start one. */
const NO_WORKER_AFTER_MS = 5000;

function badFlag(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`sync: ${message}\n`);
  return EXIT.badConfig;
}

/**
 * `dealrisk sync`: enqueues a run (incremental unless --full; the first one runs full) and follows
 * it with progress to its report; exit 1 when the run failed, was paused by the API budget guard
 * (with a line on stderr saying why and what to do) or records were refused.
 */
export async function runSync(ctx: CommandContext, flags: SyncFlags): Promise<number> {
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) return badFlag(ctx, `--timeout expects a whole number of seconds, got "${flags.timeout}"`);
  if (flags.full && flags.incremental) return badFlag(ctx, 'choose one of --full and --incremental');
  if (flags.asOf !== undefined && Number.isNaN(Date.parse(flags.asOf))) return badFlag(ctx, `--as-of expects an ISO 8601 time, got "${flags.asOf}"`);
  // A mapping that does not fit the org would score the wrong deals or have every write refused.
  if (ctx.config.salesforce.authFlow) {
    const { failures } = await checkSession(await openScoringSession(ctx.config), ctx.config.salesforce.apiVersion);
    if (failures.length > 0) {
      ctx.stderr.write(`dealrisk sync: ${refusalLine(failures)}\n`);
      return EXIT.failure;
    }
  }
  await requireRedis(ctx);
  const services = createServices(ctx.config, ctx.logger);
  const queues = createQueues(ctx.config);
  const local = flags.localWorker ? startWorkers(services) : undefined;
  try {
    const runId = await enqueueSyncRun(queues, {
      trigger: 'manual',
      mode: flags.full ? 'full' : 'incremental',
      dryRun: flags.dryRun === true,
      ...(flags.asOf ? { asOf: new Date(flags.asOf).toISOString() } : {}),
    });
    if (!flags.wait) {
      ctx.stdout.write(`Enqueued sync run ${runId}; a running 'dealrisk worker' will process it ('dealrisk status' shows it).\n`);
      return EXIT.ok;
    }
    const progress = progressWriter(ctx.stdout);
    const report = await followSyncRun(queues, runId, {
      timeoutMs: timeoutSeconds * 1000,
      noWorkerAfterMs: NO_WORKER_AFTER_MS,
      onNoWorker: () =>
        ctx.stderr.write(`dealrisk sync: no worker is taking run ${runId} yet: start one with 'dealrisk worker' (or rerun with --local-worker); waiting…\n`),
      onProgress: progress,
    });
    progress.end();
    ctx.stdout.write(formatSyncReport(report));
    const paused = pausedRunLine(report);
    if (paused) ctx.stderr.write(`${paused}\n`);
    return report.outcome === 'succeeded' && report.failures.length === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    await local?.close();
    await queues.close();
    await services.close();
  }
}
