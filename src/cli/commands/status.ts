import type { Queue } from 'bullmq';
import { scoreDealsJob } from '../../queue/catalog.js';
import { RunReportStore } from '../../queue/run-reports.js';
import { readRunStatus } from '../../queue/run-status.js';
import { withQueues } from '../../queue/with-queues.js';
import { EXIT, type CommandContext } from '../context.js';
import { requireRedis } from '../require-redis.js';
import { formatStatus } from '../status-text.js';

export interface StatusFlags {
  json?: boolean;
  runs: string;
}

/** The queues `status` shows, the run's own queue first. */
const STATUS_QUEUES = [scoreDealsJob.queue];
const RUN_JOB_NAMES = new Set([scoreDealsJob.name]);

/** `dealrisk status [--json]`: queue depths, the runs under way and the last runs' reports. */
export async function runStatus(ctx: CommandContext, flags: StatusFlags): Promise<number> {
  const lastRuns = Number(flags.runs);
  if (!Number.isInteger(lastRuns) || lastRuns < 0 || lastRuns > 100) {
    ctx.stderr.write(`status: --runs expects a whole number from 0 to 100, got "${flags.runs}"\n`);
    return EXIT.badConfig;
  }
  await requireRedis(ctx);
  const status = await withQueues(ctx.config, STATUS_QUEUES, (queues: Queue[], redis) =>
    readRunStatus({
      queues,
      runQueue: queues[0]!,
      runJobNames: RUN_JOB_NAMES,
      reports: new RunReportStore(redis, ctx.config.redis.prefix),
      lastRuns,
      now: new Date(),
    }),
  );
  ctx.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
  return EXIT.ok;
}
