import type { Mapping } from '../mapping/mapping-schema.js';
import { taskIdentity, type Assessment, type RiskLevel } from '../scoring/index.js';
import type { DealriskTask } from './ports.js';

/** Task.Status values dealrisk sets (Salesforce's standard open and closed ones). */
export const OPEN_STATUS = 'Not Started';
export const COMPLETED_STATUS = 'Completed';

/** The Task writes one assessment asks for, given the deal's dealrisk Tasks as they are now. */
export interface TaskWrites {
  /** New Tasks, written by upsert on the key field: a key created meanwhile is updated, not duplicated. */
  create: Record<string, unknown>[];
  /** Existing Tasks to complete (signal cleared) or reopen (signal back), by id. */
  update: (Record<string, unknown> & { Id: string })[];
  /** How many of `update` complete a Task. */
  completing: number;
}

const sameKey = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Opens a Task for each firing signal that has no open one, completes the open ones whose signal
 * cleared (every open one when the deal is closed). A key is never given a second Task: a signal that fires again reopens its completed
 * Task. `existing` must be every dealrisk Task of the deal, read with the deal.
 */
export function taskWrites(assessment: Assessment, ownerId: string, existing: readonly DealriskTask[], mapping: Mapping): TaskWrites {
  const { keyField, subjectPrefix, priorityByLevel, recordTypeId, owner } = mapping.tasks;
  const writes: TaskWrites = { create: [], update: [], completing: 0 };
  const level: RiskLevel = assessment.status === 'scored' ? assessment.level : 'Low';
  for (const request of assessment.tasks.open) {
    const tasks = existing.filter((task) => sameKey(task.key, request.key));
    if (tasks.some((task) => !task.isClosed)) continue;
    const fields = {
      Subject: `${subjectPrefix}${request.subject}`.slice(0, 255),
      Description: request.description,
      ActivityDate: request.dueDate,
      Priority: priorityByLevel[level],
      Status: OPEN_STATUS,
    };
    const reopen = tasks[0];
    if (reopen) writes.update.push({ Id: reopen.id, ...fields });
    else {
      writes.create.push({
        [keyField]: request.key,
        WhatId: assessment.opportunityId,
        OwnerId: owner === 'dealOwner' ? ownerId : owner,
        ...(recordTypeId ? { RecordTypeId: recordTypeId } : {}),
        ...fields,
      });
    }
  }
  // A deal that is over (not scored) completes every dealrisk Task it still has open.
  const cleared = assessment.tasks.complete.map((code) => taskIdentity(assessment.opportunityId, code));
  const completes = (task: DealriskTask) => assessment.status === 'not_scored' || cleared.some((key) => sameKey(task.key, key));
  for (const task of existing) {
    if (task.isClosed || !completes(task)) continue;
    writes.update.push({ Id: task.id, Status: COMPLETED_STATUS });
    writes.completing += 1;
  }
  return writes;
}
