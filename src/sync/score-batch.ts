import type { Logger } from '../logging/logger.js';
import type { Mapping } from '../mapping/mapping-schema.js';
import { addToCoverage, assessOpportunity, type Benchmarks, type Playbook } from '../scoring/index.js';
import { addRefusal, emptyBatchResult, pausedBatchResult, KEEP_OPENED, KEEP_RISKIEST, type BatchResult } from './batch-result.js';
import { dealReadOptions } from './deal-options.js';
import { writeRetryingLocks } from './lock-retry.js';
import type { RecordOutcome, SalesforcePort } from './ports.js';
import { changedFields } from './risk-diff.js';
import { clearedRiskFields, riskFields } from './risk-fields.js';
import { taskWrites } from './task-writes.js';

type WithId = Record<string, unknown> & { Id: string };

/** What a batch needs: the port, the run's playbook, mapping, benchmarks and `now`, and its deal ids. */
export interface ScoreBatchOptions {
  salesforce: SalesforcePort;
  playbook: Playbook;
  mapping: Mapping;
  benchmarks: Benchmarks;
  now: Date;
  ids: readonly string[];
  /** Score and count, write nothing. */
  dryRun: boolean;
  logger: Logger;
  /** The API budget guard: false once the run has used its share (asked before the read and before the writes). */
  withinBudget?: () => Promise<boolean>;
}

/**
 * One batch of a sync run: reads its deals with their related rows, stored risk fields and
 * dealrisk Tasks in one query; scores the open ones and clears the closed ones; writes only the
 * fields that differ from what is stored, opens and completes Tasks. Safe to run twice: a second
 * run finds everything written and writes nothing. Refused records are kept in the result; a
 * record still locked after its tries fails the batch (RecordsLockedError) so it is retried.
 * Once the run has used its API share it reads nothing more, or writes nothing of what it read.
 */
export async function scoreBatch(options: ScoreBatchOptions): Promise<BatchResult> {
  const { salesforce, playbook, mapping, benchmarks, now, logger } = options;
  const withinBudget = options.withinBudget ?? (() => Promise.resolve(true));
  const callsBefore = salesforce.callsMade();
  if (!(await withinBudget())) return pausedBatchResult(options.ids.length);
  const result = emptyBatchResult();
  const stamp = mapping.outputs.updatedAt || undefined;
  const dealWrites: WithId[] = [];
  const taskCreates: Record<string, unknown>[] = [];
  const taskUpdates: WithId[] = [];

  for await (const { deal, stored, tasks } of salesforce.dealsById(options.ids, dealReadOptions(playbook, mapping))) {
    result.read += 1;
    const assessment = assessOpportunity(deal, playbook, benchmarks, now);
    const desired = assessment.status === 'scored' ? riskFields(assessment, mapping) : clearedRiskFields(deal.Id, mapping, now);
    const write = changedFields(desired, stored, stamp);
    if (write) {
      dealWrites.push(write);
      result.fieldsWritten += Object.keys(write).length - 1;
      if (assessment.status !== 'scored') result.cleared += 1;
    } else if (assessment.status === 'scored') result.unchanged += 1;
    if (assessment.status === 'scored') {
      result.scored += 1;
      result.byLevel[assessment.level] += 1;
      addToCoverage(result.coverage, assessment);
      result.riskiest.push({ id: deal.Id, name: deal.Name, score: assessment.score, level: assessment.level, reasons: assessment.reasons });
    }
    const taskPlan = taskWrites(assessment, deal.OwnerId, tasks, mapping);
    taskCreates.push(...taskPlan.create);
    taskUpdates.push(...taskPlan.update);
    result.tasksCompleted += taskPlan.completing;
  }
  result.dealsWritten = dealWrites.length;
  result.riskiest = result.riskiest.sort((a, b) => b.score - a.score).slice(0, KEEP_RISKIEST);

  const keep = (outcomes: RecordOutcome[]): void => {
    for (const outcome of outcomes) {
      if (outcome.success) continue;
      addRefusal(result, outcome);
      logger.warn({ recordId: outcome.id, errorCode: outcome.errorCode, fields: outcome.fields }, outcome.message ?? 'record refused');
    }
  };
  if (!options.dryRun && !(await withinBudget())) return pausedBatchResult(options.ids.length, { read: result.read, apiCalls: salesforce.callsMade() - callsBefore });
  if (!options.dryRun) {
    const written = await writeRetryingLocks(dealWrites, (records) => salesforce.updateRecords('Opportunity', records));
    keep(written);
    result.dealsWritten -= written.filter((o) => !o.success).length;
    keep(await writeRetryingLocks(taskUpdates, (records) => salesforce.updateRecords('Task', records)));
    const created = await writeRetryingLocks(taskCreates, (records) => salesforce.upsertTasksByKey(mapping.tasks.keyField, records));
    keep(created);
    created.forEach((outcome, index) => {
      if (!outcome.success) return;
      result.tasksOpened += 1;
      const task = taskCreates[index]!;
      if (result.openedTasks.length < KEEP_OPENED) result.openedTasks.push({ dealId: String(task.WhatId), subject: String(task.Subject) });
    });
  } else {
    result.tasksOpened = taskCreates.length;
  }
  result.tasksOpened += taskUpdates.length - result.tasksCompleted;
  result.apiCalls = salesforce.callsMade() - callsBefore;
  return result;
}
