import type { RunReport } from '../sync/run-report.js';

/** The guard's figures in one report line: the org's share at the start and the run's own. */
export function apiBudgetLine(report: RunReport): string | undefined {
  const budget = report.apiBudget;
  if (!budget) return undefined;
  return (
    `  API budget: the org had used ${budget.orgShareAtStart}% of its daily allowance at the start (runs start below ${budget.startLimitPercent}%); ` +
    `this run ${budget.runShare}% (${budget.runCalls} calls counted by the org, stops at ${budget.runLimitPercent}%).`
  );
}

/** Why a paused run stopped and what to do, for stderr; undefined when the run was not paused. */
export function pausedRunLine(report: RunReport): string | undefined {
  const budget = report.apiBudget;
  if (report.outcome !== 'paused: api budget' || !budget) return undefined;
  const unwritten = `${budget.dealsNotWritten} deals unwritten; the watermark did not move, so the next run reads them again`;
  const why = {
    start: `the org had used ${budget.orgShareAtStart}% of its daily API allowance, at or above DEALRISK_API_BUDGET_START_PERCENT=${budget.startLimitPercent}, so the run did not start and wrote nothing`,
    run: `the run used ${budget.runShare}% of the org's daily API allowance (DEALRISK_API_BUDGET_RUN_PERCENT=${budget.runLimitPercent}) and stopped with ${unwritten}`,
    allowance: `Salesforce refused the run's calls: the org's daily API allowance is spent (REQUEST_LIMIT_EXCEEDED); the run stopped with ${unwritten}`,
  }[budget.pausedAt ?? 'run'];
  const raise = budget.pausedAt === 'allowance' ? '' : ', or raise that setting if other integrations can spare the calls';
  return `dealrisk sync: run ${report.runId} paused: api budget: ${why}. Run it again once the org has used less (Salesforce counts the last 24 hours)${raise}.`;
}
