import { loadPlaybookFile } from '../../config/playbook-file.js';
import { DEFAULT_DEMO_OPPORTUNITIES, startLocalOrg } from '../../emulator/server.js';
import { connectSalesforce } from '../../salesforce/connect.js';
import { DealRepository } from '../../salesforce/deal-repository.js';
import { scoreOpenDeals, type ScoreRunSummary } from '../../sync/score-open-deals.js';
import { EXIT, type CommandContext } from '../context.js';

export interface DemoFlags {
  opportunities: string;
  seed: string;
}

const days = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} d`);
const times = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}×`);

/** The report a person reads after the demo: benchmarks, levels, the riskiest deals and why. */
export function formatDemoReport(summary: ScoreRunSummary, orgUrl: string, apiCalls: number): string {
  const lines: string[] = [];
  const { benchmarks } = summary;
  lines.push(`Local Salesforce org: ${orgUrl}`);
  lines.push(
    `Benchmarks from ${benchmarks.cycle.wonDeals} won and ${benchmarks.cycle.lostDeals} lost deals closed since ${benchmarks.windowStart.slice(0, 10)}:`,
  );
  lines.push(`  ${'stage'.padEnd(22)}${'won median'.padStart(11)}${'lost median'.padStart(12)}${'lost/won'.padStart(10)}  source`);
  for (const stage of Object.values(benchmarks.stages)) {
    lines.push(
      `  ${stage.stage.padEnd(22)}${days(stage.wonMedianDays).padStart(11)}${days(stage.lostMedianDays).padStart(12)}${times(stage.loseWinRatio).padStart(10)}  ${stage.source}`,
    );
  }
  lines.push(`  Whole cycle: lost deals took ${times(benchmarks.cycle.loseWinRatio)} as long as won ones (the research says 1.65×).`);
  lines.push('');
  lines.push(
    `Scored ${summary.scored} open deals: ${summary.byLevel.High} High, ${summary.byLevel.Medium} Medium, ${summary.byLevel.Low} Low risk.`,
  );
  lines.push(`Wrote Risk_Score__c, Risk_Level__c, Risk_Codes__c and Risk_Reasons__c to ${summary.written} opportunities; ${summary.failures.length} refused.`);
  for (const failure of summary.failures.slice(0, 10)) lines.push(`  refused ${failure.id}: ${failure.errorCode} ${failure.message ?? ''}`);
  lines.push('');
  lines.push('Riskiest deals:');
  for (const deal of summary.riskiest) {
    lines.push(`  ${deal.opportunityId}  ${deal.score} ${deal.level}  ${deal.opportunityName}`);
    for (const reason of deal.reasons) lines.push(`      - ${reason}`);
  }
  lines.push('');
  lines.push(`Salesforce API calls used: ${apiCalls}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * `dealrisk demo`: starts the built-in local org with a generated demo dataset, logs in over OAuth
 * like a real deployment, scores every open deal and writes the risk fields back, then prints the
 * report. Needs no Salesforce org.
 */
export async function runDemo(ctx: CommandContext, flags: DemoFlags): Promise<number> {
  const opportunities = Number(flags.opportunities);
  const seed = Number(flags.seed);
  if (!Number.isInteger(opportunities) || opportunities < 1 || !Number.isInteger(seed) || seed < 0) {
    ctx.stderr.write('demo: --opportunities must be a whole number ≥ 1 and --seed a whole number ≥ 0\n');
    return EXIT.badConfig;
  }
  const playbook = loadPlaybookFile(ctx.config.files.playbook);
  ctx.stdout.write(`Starting the local Salesforce org with ${opportunities} demo opportunities (seed ${seed})…\n`);
  const org = await startLocalOrg({ dataset: 'demo', opportunities, seed });
  try {
    const conn = await connectSalesforce({
      ...ctx.config.salesforce,
      loginUrl: org.loginUrl,
      authFlow: 'client_credentials',
      clientId: org.credentials.clientId,
      clientSecret: org.credentials.clientSecret,
    });
    const summary = await scoreOpenDeals({
      deals: new DealRepository(conn),
      playbook,
      now: org.store.clock.now(),
      logger: ctx.logger.child({ command: 'demo' }),
    });
    ctx.stdout.write(formatDemoReport(summary, org.instanceUrl, org.apiUsage().used));
    return summary.failures.length === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    await org.stop();
  }
}

export const DEMO_DEFAULT_OPPORTUNITIES = String(DEFAULT_DEMO_OPPORTUNITIES);
