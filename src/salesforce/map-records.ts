import type { BacktestDeal } from '../scoring/backtest/index.js';
import type {
  ActivityInput,
  ClosedDealInput,
  ContactRoleInput,
  OpportunityFieldHistoryRow,
  OpportunityHistoryRow,
  OpportunityInput,
} from '../scoring/types.js';
import type { DealReadOptions, DealSnapshot, DealriskTask } from '../sync/ports.js';

/** A record as Salesforce's REST query returns it (child relationships already fully paged). */
export type WireRecord = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The relationship holding each activity kind's who-relations (see soql.ts). */
const WHO_RELATIONS = { Task: 'TaskWhoRelations', Event: 'EventWhoRelations' } as const;

/**
 * The activity's Contacts and Leads: its who-relations plus its WhoId. Undefined when the record
 * does not carry the relationship, or carries only part of it (a child set not read to the end).
 */
function participantIds(row: WireRecord, kind: 'Task' | 'Event'): string[] | undefined {
  if (!(WHO_RELATIONS[kind] in row)) return undefined;
  const child = row[WHO_RELATIONS[kind]] as { done?: boolean } | null;
  if (child && child.done === false) return undefined;
  const ids = childRows(row, WHO_RELATIONS[kind]).map((relation) => str(relation.RelationId)).filter((id): id is string => id !== null);
  const whoId = str(row.WhoId);
  return [...new Set(whoId === null ? ids : [whoId, ...ids])];
}

/** The rows of a child relationship; Salesforce sends null when there are none. */
function childRows(record: WireRecord, relationship: string): WireRecord[] {
  const child = record[relationship] as { records?: WireRecord[] } | null | undefined;
  return child?.records ?? [];
}

function history(record: WireRecord): OpportunityHistoryRow[] {
  return childRows(record, 'OpportunityHistories').map((row) => ({
    StageName: str(row.StageName) ?? '',
    CreatedDate: str(row.CreatedDate) ?? '',
    CloseDate: str(row.CloseDate),
    Amount: num(row.Amount),
    Probability: num(row.Probability),
    PrevCloseDate: str(row.PrevCloseDate),
    PrevAmount: num(row.PrevAmount),
  }));
}

/** Maps a closed Opportunity (from closedDealsQuery) to the benchmark input; also the common part of {@link toOpportunityInput}. */
export function toClosedDeal(record: WireRecord): ClosedDealInput {
  return {
    Id: String(record.Id),
    StageName: str(record.StageName) ?? '',
    CloseDate: str(record.CloseDate),
    CreatedDate: str(record.CreatedDate) ?? '',
    IsClosed: record.IsClosed === true,
    IsWon: record.IsWon === true,
    history: history(record),
  };
}

/** Maps an Opportunity with its related rows (from opportunitiesQuery) to the scoring input. */
export function toOpportunityInput(record: WireRecord, options: { verifierFields: readonly string[]; profileField: string }): OpportunityInput {
  const contactRoles: ContactRoleInput[] = childRows(record, 'OpportunityContactRoles').map((role) => {
    const contact = (role.Contact ?? {}) as WireRecord;
    return {
      ContactId: String(role.ContactId),
      Role: str(role.Role),
      IsPrimary: role.IsPrimary === true,
      contact: { Id: String(role.ContactId), Name: str(contact.Name), profile: str(contact[options.profileField]) },
    };
  });
  const fieldHistory: OpportunityFieldHistoryRow[] = childRows(record, 'Histories').map((row) => ({
    Field: String(row.Field),
    OldValue: row.OldValue ?? null,
    NewValue: row.NewValue ?? null,
    CreatedDate: str(row.CreatedDate) ?? '',
  }));
  const activity = (kind: 'Task' | 'Event') => (row: WireRecord): ActivityInput => {
    const participants = participantIds(row, kind);
    return {
      Id: String(row.Id),
      kind,
      Type: str(row.Type),
      Subject: str(row.Subject),
      WhoId: str(row.WhoId),
      ActivityDate: str(row.ActivityDate),
      StartDateTime: str(row.StartDateTime),
      CreatedDate: str(row.CreatedDate) ?? '',
      Status: str(row.Status),
      ...(participants ? { participantIds: participants } : {}),
    };
  };
  return {
    ...toClosedDeal(record),
    Name: str(record.Name) ?? '',
    LastStageChangeDate: str(record.LastStageChangeDate),
    Amount: num(record.Amount),
    NextStep: str(record.NextStep),
    OwnerId: str(record.OwnerId) ?? '',
    fields: Object.fromEntries(options.verifierFields.map((field) => [field, record[field] ?? null])),
    fieldHistory,
    contactRoles,
    activities: [...childRows(record, 'Tasks').map(activity('Task')), ...childRows(record, 'Events').map(activity('Event'))],
  };
}

/**
 * Maps a closed Opportunity from replayDealsQuery: the scoring input plus what a replay dates rows
 * by, each history row's forecast category and each contact role's CreatedDate.
 */
export function toBacktestDeal(record: WireRecord, options: { verifierFields: readonly string[]; profileField: string }): BacktestDeal {
  const deal = toOpportunityInput(record, options);
  const histories = childRows(record, 'OpportunityHistories');
  const roles = childRows(record, 'OpportunityContactRoles');
  return {
    ...deal,
    history: deal.history.map((row, i) => ({ ...row, ForecastCategory: str(histories[i]?.ForecastCategory) })),
    contactRoles: deal.contactRoles.map((role, i) => ({ ...role, CreatedDate: str(roles[i]?.CreatedDate) ?? '' })),
  };
}

/** The deal's Tasks dealrisk opened (their key field is set), from its Tasks child set. */
export function dealriskTasks(record: WireRecord, keyField: string): DealriskTask[] {
  return childRows(record, 'Tasks').flatMap((task) => {
    const key = task[keyField];
    return typeof key === 'string' && key !== '' ? [{ id: String(task.Id), key, isClosed: task.IsClosed === true }] : [];
  });
}

/** A deal as a sync batch reads it (from opportunitiesQuery with risk fields and Task key): scoring input, stored risk fields, dealrisk Tasks. */
export function toDealSnapshot(record: WireRecord, options: DealReadOptions): DealSnapshot {
  return {
    deal: toOpportunityInput(record, options),
    stored: Object.fromEntries(options.riskFields.map((field) => [field, record[field] ?? null])),
    tasks: dealriskTasks(record, options.taskKeyField),
  };
}
