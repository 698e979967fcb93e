import type { SyncReport } from '../sync/sync-report.js';

const OUTCOME: Record<SyncReport['outcome'], string> = {
  succeeded: 'succeeded',
  refusals: 'succeeded, with records refused',
  failed: 'FAILED',
};

/** A run's report as a person reads it after `dealrisk sync` or the demo. */
export function formatSyncReport(report: SyncReport): string {
  const t = report.totals;
  const lines = [
    `Run ${report.runId} (${report.mode}${report.dryRun ? ', dry run' : ''}${report.changedSince ? `, changes since ${report.changedSince}` : ''}): ${OUTCOME[report.outcome]} in ${(report.durationMs / 1000).toFixed(1)} s.`,
    `  planned ${report.planned} deals in ${report.batches} batches; read ${t.read}, scored ${t.scored} open deals (${t.byLevel.High} High, ${t.byLevel.Medium} Medium, ${t.byLevel.Low} Low).`,
    `  ${report.dryRun ? 'would write' : 'wrote'} ${t.fieldsWritten} fields on ${t.dealsWritten} deals (${t.cleared} closed deals cleared); ${t.unchanged} unchanged.`,
    `  Tasks: ${t.tasksOpened} opened, ${t.tasksCompleted} completed.`,
    `  Salesforce API calls: ${report.apiCalls}.`,
    `  ${report.watermark.advanced ? `watermark moved to ${report.watermark.value}` : `watermark not moved (${report.watermark.value ?? 'none yet'})`}.`,
  ];
  if (t.refusedCount > 0) {
    lines.push(`  ${t.refusedCount} records refused: ${Object.entries(t.refusedByCode).map(([code, n]) => `${code} ×${n}`).join(', ')}`);
    for (const r of t.refused) lines.push(`    refused ${r.id}: ${r.errorCode} ${r.message}`);
  }
  for (const failed of report.failedBatches) lines.push(`  batch ${failed.job} failed: ${failed.reason}`);
  return `${lines.join('\n')}\n`;
}
