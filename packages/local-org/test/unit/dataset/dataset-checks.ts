/**
 * Checks any dataset (generated or a fixture) must pass: ids, references, history consistency.
 * Each returns a list of human-readable violations, so a failing test shows what is wrong.
 */
import { KEY_PREFIX } from '../../../src/ids.js';
import { toId18 } from '@dealrisk/salesforce-wire';
import type { DatasetFile } from '../../../src/model.js';
import { stageByName } from '../../../src/dataset/index.js';

type Row = Record<string, unknown>;

export const rowsOf = (dataset: DatasetFile, object: string): Row[] => dataset.records[object] ?? [];

export function byId(dataset: DatasetFile): Map<string, Row> {
  const index = new Map<string, Row>();
  for (const rows of Object.values(dataset.records)) for (const row of rows) index.set(row.Id as string, row);
  return index;
}

export function groupBy(rows: readonly Row[], field: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row[field] as string;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Every row has a unique, well-formed 18-character id with its object's key prefix. */
export function idViolations(dataset: DatasetFile): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [object, rows] of Object.entries(dataset.records)) {
    const prefix = KEY_PREFIX[object as keyof typeof KEY_PREFIX];
    rows.forEach((row, i) => {
      const id = row.Id;
      if (typeof id !== 'string' || id.length !== 18 || toId18(id) !== id) problems.push(`${object}[${i}] bad id ${String(id)}`);
      else if (!id.startsWith(prefix)) problems.push(`${object}[${i}] id ${id} lacks prefix ${prefix}`);
      if (seen.has(id as string)) problems.push(`${object}[${i}] duplicate id ${String(id)}`);
      seen.add(id as string);
    });
  }
  return problems;
}

type Target = keyof typeof KEY_PREFIX;

/** Reference fields per object and the object(s) they may point at. */
const REFERENCES: Record<string, Record<string, Target | readonly Target[]>> = {
  Account: { OwnerId: 'User', CreatedById: 'User' },
  Contact: { AccountId: 'Account', OwnerId: 'User', CreatedById: 'User' },
  Lead: { OwnerId: 'User', CreatedById: 'User' },
  Opportunity: { AccountId: 'Account', OwnerId: 'User', CreatedById: 'User' },
  OpportunityContactRole: { OpportunityId: 'Opportunity', ContactId: 'Contact', CreatedById: 'User' },
  OpportunityHistory: { OpportunityId: 'Opportunity', CreatedById: 'User' },
  OpportunityFieldHistory: { OpportunityId: 'Opportunity', CreatedById: 'User' },
  Task: { WhatId: 'Opportunity', WhoId: ['Contact', 'Lead'], OwnerId: 'User', CreatedById: 'User' },
  Event: { WhatId: 'Opportunity', WhoId: 'Contact', OwnerId: 'User', CreatedById: 'User' },
  TaskRelation: { TaskId: 'Task', RelationId: 'Contact', CreatedById: 'User' },
  EventRelation: { EventId: 'Event', RelationId: 'Contact', CreatedById: 'User' },
};
/** References that may be empty: an activity without a contact, a lead's activity without a WhatId. */
const OPTIONAL = new Set(['WhoId']);
const isLeadActivity = (row: Row): boolean => typeof row.WhoId === 'string' && row.WhoId.startsWith(KEY_PREFIX.Lead);

/**
 * Every reference points at an existing row of the right object; contact roles and activity
 * contacts belong to the deal's account; rows are created after what they point at.
 */
export function referenceViolations(dataset: DatasetFile): string[] {
  const problems: string[] = [];
  const index = byId(dataset);
  for (const [object, fields] of Object.entries(REFERENCES)) {
    rowsOf(dataset, object).forEach((row, i) => {
      for (const [field, allowed] of Object.entries(fields)) {
        const value = row[field];
        if (value === null && (OPTIONAL.has(field) || (field === 'WhatId' && isLeadActivity(row)))) continue;
        const parent = typeof value === 'string' ? index.get(value) : undefined;
        const targets: readonly Target[] = typeof allowed === 'string' ? [allowed] : allowed;
        if (!parent || !targets.some((target) => (value as string).startsWith(KEY_PREFIX[target]))) {
          problems.push(`${object}[${i}].${field} = ${String(value)} is not a ${targets.join('/')}`);
        } else if (field !== 'CreatedById' && field !== 'OwnerId' && typeof parent.CreatedDate === 'string' && (row.CreatedDate as string) < parent.CreatedDate) {
          problems.push(`${object}[${i}] created before its ${field} ${String(value)}`);
        }
      }
    });
  }
  // A relation's contact belongs to its activity's deal's account, and is not the activity's WhoId (the org adds that one).
  for (const [object, activityField] of [['TaskRelation', 'TaskId'], ['EventRelation', 'EventId']] as const) {
    rowsOf(dataset, object).forEach((row, i) => {
      const activity = index.get(row[activityField] as string);
      const deal = activity ? index.get(activity.WhatId as string) : undefined;
      const contact = index.get(row.RelationId as string);
      if (activity?.WhoId === row.RelationId) problems.push(`${object}[${i}] repeats its activity's WhoId`);
      if (contact && deal && contact.AccountId !== deal.AccountId) problems.push(`${object}[${i}] contact is not of the deal's account`);
    });
  }
  for (const object of ['OpportunityContactRole', 'Task', 'Event']) {
    const contactField = object === 'OpportunityContactRole' ? 'ContactId' : 'WhoId';
    const dealField = object === 'OpportunityContactRole' ? 'OpportunityId' : 'WhatId';
    rowsOf(dataset, object).forEach((row, i) => {
      const contact = index.get(row[contactField] as string);
      const deal = index.get(row[dealField] as string);
      if (contact && deal && contact.AccountId !== deal.AccountId) problems.push(`${object}[${i}] contact is not of the deal's account`);
    });
  }
  return problems;
}

/** Splits a deal's history rows into runs of the same stage: [stage, CreatedDate of the run's first row][]. */
export function stageRuns(history: readonly Row[]): { stage: string; start: string }[] {
  const runs: { stage: string; start: string }[] = [];
  for (const row of history) {
    const stage = row.StageName as string;
    if (runs.at(-1)?.stage !== stage) runs.push({ stage, start: row.CreatedDate as string });
  }
  return runs;
}

/**
 * OpportunityHistory and OpportunityFieldHistory agree with each deal: history starts at creation,
 * its last row is the deal's current state, LastStageChangeDate is the start of the current run,
 * closed deals end in a closed stage, rows inside a stage change amount/close date/probability and
 * carry the previous values, and each tracked change has its field-history row.
 */
export function historyViolations(dataset: DatasetFile): string[] {
  const problems: string[] = [];
  const histories = groupBy(rowsOf(dataset, 'OpportunityHistory'), 'OpportunityId');
  const fieldHistories = groupBy(rowsOf(dataset, 'OpportunityFieldHistory'), 'OpportunityId');
  for (const deal of rowsOf(dataset, 'Opportunity')) {
    const id = deal.Id as string;
    const rows = histories.get(id) ?? [];
    const fail = (what: string): void => void problems.push(`${id}: ${what}`);
    if (rows.length === 0) {
      fail('no history');
      continue;
    }
    const first = rows[0]!;
    const last = rows.at(-1)!;
    if (first.CreatedDate !== deal.CreatedDate) fail(`first history row at ${String(first.CreatedDate)}, deal created ${String(deal.CreatedDate)}`);
    if (stageByName(first.StageName as string)?.isClosed !== false) fail(`starts in ${String(first.StageName)}`);
    if (first.PrevAmount !== null || first.PrevCloseDate !== null) fail('first row has previous values');
    for (const field of ['StageName', 'Amount', 'CloseDate', 'Probability']) {
      if (last[field] !== deal[field]) fail(`last history ${field} ${String(last[field])} ≠ deal ${String(deal[field])}`);
    }
    const runs = stageRuns(rows);
    if (deal.LastStageChangeDate !== runs.at(-1)!.start) fail(`LastStageChangeDate ${String(deal.LastStageChangeDate)} ≠ current run start ${runs.at(-1)!.start}`);
    if (rows.slice(0, -1).some((row) => stageByName(row.StageName as string)?.isClosed)) fail('history goes on after a closed stage');

    const expectedFieldChanges: string[] = [];
    for (let i = 1; i < rows.length; i += 1) {
      const prev = rows[i - 1]!;
      const row = rows[i]!;
      if ((row.CreatedDate as string) < (prev.CreatedDate as string)) fail(`history row ${i} out of time order`);
      if (row.PrevAmount !== prev.Amount || row.PrevCloseDate !== prev.CloseDate) fail(`history row ${i} previous values do not match row ${i - 1}`);
      const sameStage = row.StageName === prev.StageName;
      if (sameStage && row.Amount === prev.Amount && row.CloseDate === prev.CloseDate && row.Probability === prev.Probability) {
        fail(`history row ${i} changes nothing`);
      }
      if (!sameStage) expectedFieldChanges.push(`${String(row.CreatedDate)} StageName ${String(prev.StageName)}→${String(row.StageName)}`);
      if (row.Amount !== prev.Amount) expectedFieldChanges.push(`${String(row.CreatedDate)} Amount ${String(prev.Amount)}→${String(row.Amount)}`);
      if (row.CloseDate !== prev.CloseDate) expectedFieldChanges.push(`${String(row.CreatedDate)} CloseDate ${String(prev.CloseDate)}→${String(row.CloseDate)}`);
    }
    const fieldRows = fieldHistories.get(id) ?? [];
    // The creation row is there when tracking was on at creation (always in the generated org).
    const created = fieldRows.filter((row) => row.Field === 'created');
    if (created.length > 1 || created.some((row) => row.CreatedDate !== deal.CreatedDate || row.OldValue !== null || row.NewValue !== null)) {
      fail('created field-history row is not one row at creation without values');
    }
    const actualFieldChanges = fieldRows
      .filter((row) => row.Field !== 'created')
      .map((row) => `${String(row.CreatedDate)} ${String(row.Field)} ${String(row.OldValue)}→${String(row.NewValue)}`);
    if (expectedFieldChanges.sort().join('|') !== actualFieldChanges.sort().join('|')) {
      fail(`field history ${actualFieldChanges.join(', ')} ≠ history changes ${expectedFieldChanges.join(', ')}`);
    }
  }
  return problems;
}
