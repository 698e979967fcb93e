import type { ActiveRun, RunStatus } from '../queue/run-status.js';
import type { RunReport } from '../sync/run-report.js';
import { textTable } from './text-table.js';

function progressOf(run: ActiveRun): string {
  if (run.batches) return `${run.batches.done} of ${run.batches.total} batches done`;
  return typeof run.progress === 'number' ? `${run.progress}%` : 'planning';
}

function failuresOf(report: RunReport): string {
  if (report.failures.length === 0) return 'none refused';
  const total = report.failures.reduce((sum, group) => sum + group.count, 0);
  const codes = report.failures.map((group) => `${group.errorCode} ${group.count}, first ${group.firstIds.join(' ') || '(not listed)'}`);
  return `${total} refused (${codes.join('; ')})`;
}

function usageOf(report: RunReport): string {
  const usage = report.orgDailyUsageAtStart;
  const org = usage ? `; org at ${usage.used}/${usage.limit} of its daily allowance at start` : '';
  const run = report.apiBudget ? `, the run ${report.apiBudget.runShare}% of it (${report.apiBudget.runCalls} calls)` : '';
  return `${report.apiCalls} API calls${org}${run}`;
}

/** One run's report in a few lines. */
function reportLines(report: RunReport): string {
  const dry = report.dryRun ? ' (dry run)' : '';
  return (
    `  ${report.finishedAt}  ${report.mode}${dry}  ${report.outcome}  run ${report.runId}, ${(report.durationMs / 1000).toFixed(1)} s, as of ${report.asOf}\n` +
    `    planned ${report.planned}, scored ${report.scored}, ${report.fieldsWritten} fields written, ${report.unchanged} unchanged, ` +
    `tasks ${report.tasksOpened} opened / ${report.tasksCompleted} completed\n` +
    `    ${failuresOf(report)}; ${usageOf(report)}\n`
  );
}

/** `dealrisk status` for people: queue depths, runs under way, the last runs. */
export function formatStatus(status: RunStatus): string {
  const queues = textTable([
    ['QUEUE', 'WAITING', 'ACTIVE', 'DELAYED', 'WAITING CHILDREN', 'FAILED', 'COMPLETED'],
    ...status.queues.map((q) => [q.queue, q.waiting + q.prioritized, q.active, q.delayed, q.waitingChildren, q.failed, q.completed].map(String)),
  ]);
  const active =
    status.activeRuns.length === 0
      ? '  none\n'
      : status.activeRuns.map((run) => `  run ${run.runId} (${run.mode ?? 'full'}, ${run.trigger ?? 'manual'}): ${progressOf(run)}, started ${run.startedAt ?? 'not yet'}\n`).join('');
  const last = status.lastRuns.length === 0 ? '  none yet\n' : status.lastRuns.map(reportLines).join('');
  return `${queues}\nRuns under way:\n${active}\nLast runs (newest first):\n${last}`;
}
