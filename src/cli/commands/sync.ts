import { requestScoringRun } from '../../queue/scoring-runs.js';
import { EXIT, type CommandContext } from '../context.js';
import { requireRedis } from '../require-redis.js';

export interface SyncFlags {
  wait?: boolean;
  timeout: string;
}

/** `dealrisk sync`: asks the workers for a scoring run of every open deal. */
export async function runSync(ctx: CommandContext, flags: SyncFlags): Promise<number> {
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
    ctx.stderr.write(`sync: --timeout expects a whole number of seconds, got "${flags.timeout}"\n`);
    return EXIT.badConfig;
  }
  await requireRedis(ctx);
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
