import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { startWorkers } from '../../../workers/start.js';
import { bundledSalesforceSourceDir } from '../../config/bundled.js';
import type { Config } from '../../config/schema.js';
import type { LocalOrg } from '@dealrisk/local-org';
import { quietChild } from '../../logging/logger.js';
import { loadMappingFile } from '../../mapping/mapping-file.js';
import { enabledOutputs } from '../../mapping/mapping-schema.js';
import { scoreDealsJob } from '../../queue/catalog.js';
import { createRedisConnection } from '../../queue/connection.js';
import { requestScoringRun } from '../../queue/scoring-runs.js';
import type { ScoreRunResult } from '../../sync/run-result.js';
import { EXIT, type CommandContext } from '../context.js';
import { requireRedis } from '../require-redis.js';

export interface DemoFlags {
  opportunities: string;
  seed: string;
}

/** Longest the demo waits for its scoring run. */
const DEMO_TIMEOUT_MS = 10 * 60_000;

/** 'A, B and C' */
const listFields = (names: readonly string[]): string => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const days = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} d`);
const times = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** Which inputs the org records, so an admin sees what to fill in. */
function coverageLines(coverage: ScoreRunResult['coverage']): string[] {
  const { openDeals } = coverage;
  const verifiers = coverage.verifiers.map(
    (v) => `${v.code} ${v.fillRate === null ? '—' : percent(v.fillRate * 100, 100)}${v.calibrated ? '' : ' (uncalibrated: not counted)'}`,
  );
  const shares = (counts: Partial<Record<string, number>>) =>
    Object.entries(counts)
      .sort(([, a], [, b]) => b! - a!)
      .map(([code, n]) => `${code} ${percent(n!, openDeals)}`)
      .join(', ') || 'none';
  return [
    `Coverage: ${percent(coverage.withProfiledContacts, openDeals)} of open deals have a profiled contact; Mobilizer coverage judged on ${percent(coverage.mobilizerAssessed, openDeals)}.`,
    `  Verifier fill rate among won deals: ${verifiers.length === 0 ? 'no verifiers' : verifiers.join(', ')}.`,
    `  Signals on open deals: ${shares(coverage.fired)}.`,
    `  Not assessed on open deals: ${shares(coverage.notAssessed)}.`,
  ];
}

/** The report a person reads after the demo: benchmarks, levels, the riskiest deals and why. */
function formatDemoReport(summary: ScoreRunResult, orgUrl: string, apiCalls: number, writtenFields: readonly string[]): string {
  const lines: string[] = [];
  const { benchmarks } = summary;
  lines.push(`Local Salesforce org: ${orgUrl}`);
  lines.push(`Benchmarks from ${benchmarks.wonDeals} won and ${benchmarks.lostDeals} lost deals closed since ${benchmarks.windowStart.slice(0, 10)}:`);
  lines.push(`  ${'stage'.padEnd(22)}${'won median'.padStart(11)}${'lost median'.padStart(12)}${'lost/won'.padStart(10)}${'stalled'.padStart(9)}${'losing'.padStart(8)}  source`);
  for (const stage of benchmarks.stages) {
    lines.push(
      `  ${stage.stage.padEnd(22)}${days(stage.wonMedianDays).padStart(11)}${days(stage.lostMedianDays).padStart(12)}${times(stage.loseWinRatio).padStart(10)}` +
        `${days(stage.stalledDays).padStart(9)}${days(stage.losingDays).padStart(8)}  ${stage.source}`,
    );
  }
  lines.push(`  Whole cycle: lost deals took ${times(benchmarks.cycleLoseWinRatio)} as long as won ones (the research says 1.65×).`);
  lines.push('');
  lines.push(
    `Scored ${summary.scored} open deals: ${summary.byLevel.High} High, ${summary.byLevel.Medium} Medium, ${summary.byLevel.Low} Low risk.`,
  );
  const { High, Medium, Low } = summary.byLevel;
  lines.push(`  Level distribution: ${percent(High, summary.scored)} High, ${percent(Medium, summary.scored)} Medium, ${percent(Low, summary.scored)} Low.`);
  lines.push(...coverageLines(summary.coverage));
  lines.push(`Wrote ${listFields(writtenFields)} to ${summary.written} opportunities; ${summary.failureCount} refused.`);
  for (const failure of summary.failures.slice(0, 10)) lines.push(`  refused ${failure.id}: ${failure.errorCode} ${failure.message ?? ''}`);
  lines.push('');
  lines.push('Riskiest deals:');
  for (const deal of summary.riskiest) {
    lines.push(`  ${deal.id}  ${deal.score} ${deal.level}  ${deal.name}`);
    for (const reason of deal.reasons) lines.push(`      - ${reason}`);
  }
  lines.push('');
  lines.push(`Salesforce API calls used: ${apiCalls}.`);
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

/**
 * `dealrisk demo`: the main job, end to end, on the built-in local org. Starts the org with a
 * generated demo dataset and a queue worker in this process, enqueues a scoring run on Redis as
 * `dealrisk sync` would, waits for it, prints the report and removes its queue again.
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
  // The report is the demo's output; the worker's progress logs only when asked for (debug or trace).
  const workers = startWorkers(config, quietChild(ctx.logger, { command: 'demo' }));
  try {
    const { result } = await requestScoringRun(config, 'demo', { timeoutMs: DEMO_TIMEOUT_MS });
    const writtenFields = enabledOutputs(loadMappingFile(config.files.mapping)).map(([, name]) => name);
    ctx.stdout.write(formatDemoReport(result!, org.instanceUrl, org.apiUsage().used, writtenFields));
    return result!.failureCount === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    await workers.close();
    const connection = createRedisConnection(config.redis);
    const queue = new Queue(scoreDealsJob.queue, { connection, prefix: config.redis.prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await org.stop();
  }
}


/** The demo org's size unless --opportunities says otherwise (the local org's own default too). */
export const DEMO_DEFAULT_OPPORTUNITIES = '2000';
