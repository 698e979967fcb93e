import { randomUUID } from 'node:crypto';
import { startWorkers } from '../../../workers/start.js';
import { createQueues, type Queues } from '../../app/queues.js';
import { createServices } from '../../app/services.js';
import { bundledSalesforceSourceDir } from '../../config/bundled.js';
import type { Config } from '../../config/schema.js';
import type { LocalOrg } from '@dealrisk/local-org';
import { quietChild } from '../../logging/logger.js';
import { QUEUE_NAMES } from '../../queue/catalog.js';
import { enqueueSyncRun, followSyncRun } from '../../queue/follow-run.js';
import type { Benchmarks } from '../../scoring/index.js';
import type { SyncReport } from '../../sync/sync-report.js';
import { EXIT, type CommandContext } from '../context.js';
import { formatSyncReport } from '../format-sync-report.js';
import { progressWriter } from '../progress.js';
import { requireRedis } from '../require-redis.js';
import { simulateDay } from './demo-day.js';

export interface DemoFlags {
  opportunities: string;
  seed: string;
}

/** Longest the demo waits for one run. */
const DEMO_TIMEOUT_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

const days = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} d`);
const times = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);

/** The benchmarks the run scored with: won and lost medians per stage, and the whole cycle's ratio. */
function formatBenchmarks(benchmarks: Benchmarks): string {
  const lines = [`Benchmarks from ${benchmarks.cycle.wonDeals} won and ${benchmarks.cycle.lostDeals} lost deals closed since ${benchmarks.windowStart.slice(0, 10)}:`];
  lines.push(`  ${'stage'.padEnd(22)}${'won median'.padStart(11)}${'lost median'.padStart(12)}${'lost/won'.padStart(10)}${'stalled'.padStart(9)}${'losing'.padStart(8)}  source`);
  for (const stage of Object.values(benchmarks.stages)) {
    lines.push(
      `  ${stage.stage.padEnd(22)}${days(stage.wonMedianDays).padStart(11)}${days(stage.lostMedianDays).padStart(12)}${times(stage.loseWinRatio).padStart(10)}` +
        `${days(stage.stalledDays).padStart(9)}${days(stage.losingDays).padStart(8)}  ${stage.source}`,
    );
  }
  lines.push(`  Whole cycle: lost deals took ${times(benchmarks.cycle.loseWinRatio)} as long as won ones (the research says 1.65×).`);
  return `${lines.join('\n')}\n`;
}

/** The riskiest deals with their reasons, and the Tasks the run opened. */
function formatHighlights(report: SyncReport): string {
  const lines = ['Riskiest deals:'];
  for (const deal of report.riskiest) {
    lines.push(`  ${deal.id}  ${deal.score} ${deal.level}  ${deal.name}`);
    for (const reason of deal.reasons) lines.push(`      - ${reason}`);
  }
  lines.push(`Follow-up Tasks opened (first ${report.openedTasks.length} of ${report.tasksOpened}):`);
  for (const task of report.openedTasks) lines.push(`  ${task.dealId}  ${task.subject}`);
  return `${lines.join('\n')}\n`;
}

/** The configuration the demo's in-process worker uses: the local org, and queues of its own. */
function demoConfig(config: Config, org: LocalOrg): Config {
  return {
    ...config,
    redis: { ...config.redis, prefix: `${config.redis.prefix}-demo-${randomUUID().slice(0, 8)}` },
    salesforce: {
      ...config.salesforce,
      // Client credentials is served on the org's My Domain only, as on Salesforce.
      loginUrl: org.myDomainUrl,
      jwtAudience: org.loginUrl,
      authFlow: 'client_credentials',
      clientId: org.credentials.clientId,
      clientSecret: org.credentials.clientSecret,
    },
  };
}

/** Runs one sync as `dealrisk sync` would and follows it to its report. */
async function demoRun(ctx: CommandContext, queues: Queues, mode: 'full' | 'incremental', asOf: Date): Promise<{ runId: string; report: SyncReport }> {
  const runId = await enqueueSyncRun(queues, { trigger: 'demo', mode, dryRun: false, asOf: asOf.toISOString() });
  const progress = progressWriter(ctx.stdout);
  const report = await followSyncRun(queues, runId, { timeoutMs: DEMO_TIMEOUT_MS, noWorkerAfterMs: DEMO_TIMEOUT_MS, onNoWorker: () => undefined, onProgress: progress });
  progress.end();
  return { runId, report };
}

/**
 * `dealrisk demo`: the pipeline end to end on the built-in local org. Starts the org with a
 * generated dataset and a worker in this process, runs a full sync, then simulates a day of
 * changes and runs an incremental one, printing both reports; then removes its queues and state.
 */
export async function runDemo(ctx: CommandContext, flags: DemoFlags): Promise<number> {
  const opportunities = Number(flags.opportunities);
  const seed = Number(flags.seed);
  if (!Number.isInteger(opportunities) || opportunities < 1 || !Number.isInteger(seed) || seed < 0) {
    ctx.stderr.write('demo: --opportunities must be a whole number ≥ 1 and --seed a whole number ≥ 0\n');
    return EXIT.badConfig;
  }
  await requireRedis(ctx);
  ctx.stdout.write(`Starting the local Salesforce org with ${opportunities} demo opportunities (seed ${seed})…\n`);
  // Loaded here, not at the top: a worker never needs the local org (nor Fastify or faker).
  const { startLocalOrg } = await import('@dealrisk/local-org');
  const org = await startLocalOrg({ dataset: 'demo', opportunities, seed, sourceDirs: [bundledSalesforceSourceDir()] });
  const config = demoConfig(ctx.config, org);
  // The reports are the demo's output; the worker's progress logs only when asked for (debug or trace).
  const services = createServices(config, quietChild(ctx.logger, { command: 'demo' }));
  const queues = createQueues(config);
  const workers = startWorkers(services);
  try {
    ctx.stdout.write(`Local Salesforce org: ${org.instanceUrl}\n\nFull sync of every open deal:\n`);
    const now = new Date();
    const full = await demoRun(ctx, queues, 'full', now);
    ctx.stdout.write(formatBenchmarks(await services.runState.benchmarks(full.runId)));
    ctx.stdout.write(formatSyncReport(full.report));
    ctx.stdout.write(formatHighlights(full.report));

    const changes = simulateDay(org);
    ctx.stdout.write(`\nA day later: ${changes.join('; ')}.\nIncremental sync of what changed:\n`);
    const incremental = await demoRun(ctx, queues, 'incremental', new Date(now.getTime() + DAY_MS));
    ctx.stdout.write(formatSyncReport(incremental.report));
    ctx.stdout.write(`\nSalesforce API calls used by the demo in all: ${org.apiUsage().used}.\n`);
    return [full.report, incremental.report].every((r) => r.outcome === 'succeeded' && r.failures.length === 0) ? EXIT.ok : EXIT.failure;
  } finally {
    await workers.close();
    for (const name of QUEUE_NAMES) await queues.queue(name).obliterate({ force: true });
    // The run state and reports under the demo's throwaway prefix.
    const keys = await services.redis.keys(`${config.redis.prefix}:*`);
    if (keys.length > 0) await services.redis.del(...keys);
    await queues.close();
    await services.close();
    await org.stop();
  }
}

/** The demo org's size unless --opportunities says otherwise (the local org's own default too). */
export const DEMO_DEFAULT_OPPORTUNITIES = '2000';
