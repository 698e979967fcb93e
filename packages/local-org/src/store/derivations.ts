/**
 * What Salesforce derives around a save, beyond storing the client's values: derived fields
 * (Opportunity stage facts, Task IsClosed, Event times, compound names, an activity's AccountId)
 * and the history rows an Opportunity change writes. Pure functions over records; the object
 * triggers (triggers.ts) call them and the store does the writing.
 */
import { KEY_PREFIX } from '../ids.js';
import type { SRecord } from '../model.js';
import { FIELD_HISTORY_DATA_TYPES, FORECAST_CATEGORY_BY_NAME, TASK_STATUSES } from '../schema/standard-objects.js';
import { requiredFieldsMissing, saveError } from './save-errors.js';
import type { StageInfo } from './stages.js';
import type { SaveError } from './types.js';
import { parseDateTime, toWireDateTime } from '@dealrisk/salesforce-wire';

type Row = Record<string, unknown>;

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Opportunity before-save logic. `given` holds the fields the client set in this save.
 * On a stage change Salesforce resets Probability and ForecastCategoryName to the stage's
 * defaults unless the same save sets them, and stamps LastStageChangeDate.
 */
export function deriveOpportunity(
  rec: Row,
  old: Readonly<Row> | undefined,
  given: ReadonlySet<string>,
  stage: StageInfo,
  now: string,
  trusted = false,
): void {
  const stageChanged = old === undefined || old.StageName !== rec.StageName;
  rec.IsClosed = stage.isClosed;
  rec.IsWon = stage.isWon;
  if (trusted) {
    rec.Probability ??= stage.probability;
    rec.ForecastCategoryName ??= stage.forecastCategoryName;
  } else if (stageChanged) {
    if (!given.has('Probability') || rec.Probability === null) rec.Probability = stage.probability;
    if (!given.has('ForecastCategoryName') || rec.ForecastCategoryName === null) rec.ForecastCategoryName = stage.forecastCategoryName;
    if (old !== undefined) rec.LastStageChangeDate = now;
  }
  rec.ForecastCategory = FORECAST_CATEGORY_BY_NAME[rec.ForecastCategoryName as string] ?? 'Pipeline';
  const amount = rec.Amount as number | null;
  const probability = rec.Probability as number | null;
  rec.ExpectedRevenue = amount !== null && probability !== null ? round2((amount * probability) / 100) : null;
  // Fiscal period from CloseDate (a calendar fiscal year, the org default).
  const closeDate = rec.CloseDate as string | null;
  if (closeDate) {
    const year = Number(closeDate.slice(0, 4));
    const quarter = Math.floor((Number(closeDate.slice(5, 7)) - 1) / 3) + 1;
    rec.FiscalYear = year;
    rec.FiscalQuarter = quarter;
    rec.Fiscal = `${year} ${quarter}`;
  }
}

/** The fields of an OpportunityHistory row for an Opportunity as just saved (`prev`: before the save). */
export function opportunityHistoryFields(opp: Readonly<Row>, prev: Readonly<Row> | undefined): Row {
  return {
    OpportunityId: opp.Id,
    StageName: opp.StageName,
    Amount: opp.Amount,
    ExpectedRevenue: opp.ExpectedRevenue,
    CloseDate: opp.CloseDate,
    Probability: opp.Probability,
    ForecastCategory: opp.ForecastCategory,
    PrevAmount: prev ? prev.Amount : null,
    PrevCloseDate: prev ? prev.CloseDate : null,
  };
}

/** The fields whose change writes an OpportunityHistory row. */
export const HISTORY_TRIGGER_FIELDS = ['StageName', 'Amount', 'CloseDate', 'Probability'] as const;

/** The fields with field history tracking on. */
const TRACKED_FIELDS = ['StageName', 'Amount', 'CloseDate'] as const;

/** OpportunityFieldHistory rows for a save: one 'created' row on insert, one per tracked change on update. */
export function fieldHistoryFields(opp: Readonly<Row>, old: Readonly<Row> | undefined): Row[] {
  if (old === undefined) return [{ OpportunityId: opp.Id, Field: 'created', DataType: FIELD_HISTORY_DATA_TYPES.created, OldValue: null, NewValue: null }];
  return TRACKED_FIELDS.filter((name) => old[name] !== opp[name]).map((name) => ({
    OpportunityId: opp.Id,
    Field: name,
    DataType: FIELD_HISTORY_DATA_TYPES[name],
    OldValue: old[name],
    NewValue: opp[name],
  }));
}

const CLOSED_STATUSES = new Set(TASK_STATUSES.filter((s) => s.isClosed).map((s) => s.value));

/** Task before-save logic: IsClosed from Status, CompletedDateTime when it closes. */
export function deriveTask(rec: Row, old: Readonly<Row> | undefined, now: string, trusted = false): void {
  rec.IsClosed = CLOSED_STATUSES.has(rec.Status as string);
  rec.IsHighPriority = rec.Priority === 'High';
  rec.TaskSubtype ??= 'Task';
  if (!rec.IsClosed) rec.CompletedDateTime = null;
  else if (trusted) rec.CompletedDateTime ??= rec.LastModifiedDate ?? now;
  else if (old === undefined || old.IsClosed !== true) rec.CompletedDateTime = now;
}

const MINUTE = 60_000;

/**
 * Event before-save logic: StartDateTime and ActivityDateTime are one value; EndDateTime and
 * DurationInMinutes follow each other; ActivityDate is the start's day. Returns the errors.
 */
export function deriveEvent(rec: Row, given: ReadonlySet<string>): SaveError[] {
  if (given.has('ActivityDateTime') && !given.has('StartDateTime')) rec.StartDateTime = rec.ActivityDateTime;
  else rec.ActivityDateTime = rec.StartDateTime;
  if (rec.IsAllDayEvent === true && rec.StartDateTime === null && typeof rec.ActivityDate === 'string') {
    rec.StartDateTime = rec.ActivityDateTime = `${rec.ActivityDate}T00:00:00.000+0000`;
    rec.DurationInMinutes ??= 1440;
  }
  if (rec.StartDateTime === null) {
    return [requiredFieldsMissing(['ActivityDateTime'])];
  }
  const start = parseDateTime(rec.StartDateTime as string);
  if (given.has('EndDateTime') && !given.has('DurationInMinutes') && rec.EndDateTime !== null) {
    rec.DurationInMinutes = Math.round((parseDateTime(rec.EndDateTime as string) - start) / MINUTE);
  } else if (rec.DurationInMinutes !== null) {
    rec.EndDateTime = toWireDateTime(new Date(start + (rec.DurationInMinutes as number) * MINUTE));
  } else if (rec.EndDateTime !== null) {
    rec.DurationInMinutes = Math.round((parseDateTime(rec.EndDateTime as string) - start) / MINUTE);
  } else {
    return [requiredFieldsMissing(['DurationInMinutes'])];
  }
  if ((rec.DurationInMinutes as number) < 0) {
    return [saveError('FIELD_INTEGRITY_EXCEPTION', 'End Date Time: End time cannot be earlier than start time', ['EndDateTime'])];
  }
  rec.ActivityDate = (rec.StartDateTime as string).slice(0, 10);
  rec.EventSubtype ??= 'Event';
  return [];
}

/** The read-only AccountId of a Task/Event: the What account, the What opportunity's account, else the Who's account. */
export function activityAccountId(rec: Readonly<Row>, byId: (id: string) => SRecord | undefined): string | null {
  const what = typeof rec.WhatId === 'string' ? byId(rec.WhatId) : undefined;
  if (what) {
    if (what.Id.startsWith(KEY_PREFIX.Account)) return what.Id;
    if (what.Id.startsWith(KEY_PREFIX.Opportunity)) return (what.AccountId as string | null) ?? null;
  }
  const who = typeof rec.WhoId === 'string' ? byId(rec.WhoId) : undefined;
  return who ? ((who.AccountId as string | null) ?? null) : null;
}

/** Contact and User Name: "First Last" (read-only compound field). */
export function compoundName(rec: Readonly<Row>): string | null {
  const parts = [rec.FirstName, rec.LastName].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}
