import type { SyncReport } from '../sync/sync-report.js';
import { apiBudgetLine } from './api-budget-lines.js';
import { coverageLines } from './coverage-lines.js';

/** A run's report as a person reads it after `dealrisk sync` or the demo. */
export function formatSyncReport(report: SyncReport): string {
  const refused = report.failures.reduce((sum, group) => sum + group.count, 0);
  const lines = [
    `Run ${report.runId} (${report.mode}${report.dryRun ? ', dry run' : ''}${report.changedSince ? `, changes since ${report.changedSince}` : ''}): ${report.outcome.toUpperCase()} in ${(report.durationMs / 1000).toFixed(1)} s.`,
    `  planned ${report.planned} deals in ${report.batches === 1 ? '1 batch' : `${report.batches} batches`}; read ${report.read}, scored ${report.scored} open deals (${report.byLevel.High} High, ${report.byLevel.Medium} Medium, ${report.byLevel.Low} Low).`,
    `  ${report.dryRun ? 'would write' : 'wrote'} ${report.fieldsWritten} fields on ${report.dealsWritten} deals (${report.cleared} closed deals cleared); ${report.unchanged} unchanged.`,
    `  Tasks: ${report.tasksOpened} opened, ${report.tasksCompleted} completed.`,
    `  Salesforce API calls: ${report.apiCalls}${report.orgDailyUsageAtStart ? ` (the org had used ${report.orgDailyUsageAtStart.used} of ${report.orgDailyUsageAtStart.limit} today at the start)` : ''}.`,
    `  ${report.watermark.advanced ? `watermark moved to ${report.watermark.value}` : `watermark not moved (${report.watermark.value ?? 'none yet'})`}.`,
  ];
  const budget = apiBudgetLine(report);
  if (budget) lines.push(budget);
  lines.push(...coverageLines(report));
  if (refused > 0) {
    lines.push(`  ${refused} records refused:`);
    for (const group of report.failures) lines.push(`    ${group.errorCode} ×${group.count} (${group.firstIds.join(', ')}): ${group.message}`);
  }
  for (const failed of report.failedBatches) lines.push(`  batch ${failed.job} failed: ${failed.reason}`);
  return `${lines.join('\n')}\n`;
}
