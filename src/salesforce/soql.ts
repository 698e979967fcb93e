/** SOQL the adapter sends. Field names in one place; the admin mapping will feed `verifierFields`. */

/** Quotes a string literal for SOQL (backslash and single quote escaped). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The Opportunity fields every deal read selects. */
export const OPPORTUNITY_FIELDS = ['Id', 'Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'NextStep', 'OwnerId'];

/**
 * The stage history subquery; `where` for a queryAll, `extra` for more fields. PrevCloseDate and
 * PrevAmount (API 50+) show what each change moved from, without field history.
 */
const historySubquery = (where = '', extra = '') =>
  `(SELECT StageName, CreatedDate, CloseDate, Amount, Probability, PrevCloseDate, PrevAmount${extra} FROM OpportunityHistories${where} ORDER BY CreatedDate, Id)`;

/**
 * Everyone on an activity (Shared Activities: up to 50 contacts or one lead, WhoId among them),
 * nested in the Tasks and Events subqueries (child subqueries nest from API 58.0).
 */
const WHO_SUBQUERY = {
  Task: '(SELECT RelationId FROM TaskWhoRelations)',
  Event: '(SELECT RelationId FROM EventWhoRelations)',
} as const;

/** The field history subquery of `fields` (each quoted), oldest first. */
const fieldHistorySubquery = (fields: readonly string[]) =>
  `(SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field IN (${fields.map(soqlString).join(', ')}) AND IsDeleted = false ORDER BY CreatedDate)`;

/** The Tasks subquery with everyone on them; `extra` fields after the ones scoring reads. */
const tasksSubquery = (extra: readonly string[] = []) =>
  `(SELECT ${['Id', 'Type', 'Subject', 'WhoId', 'ActivityDate', 'CreatedDate', 'Status', ...extra].join(', ')}, ${WHO_SUBQUERY.Task} FROM Tasks WHERE IsDeleted = false)`;

/** The Events subquery with everyone on them. */
const EVENTS_SUBQUERY = `(SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate, ${WHO_SUBQUERY.Event} FROM Events WHERE IsDeleted = false)`;

/** What a deal query selects: the verifier fields, the profile field and, for a sync batch, the stored risk fields and the Task key. */
export interface OpportunityQueryOptions {
  verifierFields: readonly string[];
  profileField: string;
  riskFields?: readonly string[];
  taskKeyField?: string;
}

/**
 * Opportunities matching `where` with everything scoring reads: contact roles with the contact's
 * profile, stage history, tracked field history (CloseDate pushes, NextStep changes), Tasks and Events.
 * Sent through queryAll: Salesforce archives Events and closed Tasks after 365 days and query()
 * no longer returns them, yet verifiers count a deal's activity over its whole life. queryAll
 * also returns the recycle bin, so every level says `IsDeleted = false`.
 */
export function opportunitiesQuery(options: OpportunityQueryOptions, where: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields, ...(options.riskFields ?? [])])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles WHERE IsDeleted = false),`,
    ` ${historySubquery(' WHERE IsDeleted = false')},`,
    ` ${fieldHistorySubquery(['CloseDate', 'NextStep'])},`,
    ` ${tasksSubquery(options.taskKeyField ? ['IsClosed', options.taskKeyField] : [])},`,
    ` ${EVENTS_SUBQUERY}`,
    ` FROM Opportunity WHERE IsDeleted = false AND (${where}) ORDER BY Id`,
  ].join('');
}

/** The filter of deals closed in the last `days` days. */
export function closedInWindow(days: number): string {
  return `IsClosed = true AND CloseDate = LAST_N_DAYS:${days}`;
}

/** Deals closed in the last `days` days with their stage history: the org's own benchmarks. */
export function closedDealsQuery(days: number): string {
  return closedDealsWhere(closedInWindow(days));
}

/** Closed deals matching `where` with their stage history, and nothing else. */
function closedDealsWhere(where: string): string {
  return `SELECT Id, StageName, CloseDate, CreatedDate, IsClosed, IsWon, ${historySubquery()} FROM Opportunity WHERE ${where} ORDER BY Id`;
}

/**
 * Deals closed on or after `from` ('YYYY-MM-DD', by CloseDate or by the stage change that closed
 * them) with every row a point-in-time replay needs:
 * contact roles and when they were added, stage history with its forecast category and what each
 * change moved from, field history of the close date, the next step and the verifier fields, Tasks
 * and Events with everyone on them: the same rows live scoring reads. Sent through queryAll, because
 * Salesforce archives Tasks and Events older than a year and `query` leaves them out; deleted rows
 * are filtered out again with IsDeleted.
 */
export function replayDealsQuery(options: { verifierFields: readonly string[]; profileField: string }, from: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, CreatedDate, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles WHERE IsDeleted = false),`,
    ` ${historySubquery(' WHERE IsDeleted = false', ', ForecastCategory')},`,
    ` ${fieldHistorySubquery(['CloseDate', 'NextStep', ...options.verifierFields])},`,
    ` ${tasksSubquery()},`,
    ` ${EVENTS_SUBQUERY}`,
    ` FROM Opportunity WHERE IsClosed = true AND IsDeleted = false AND (CloseDate >= ${from} OR LastStageChangeDate >= ${from}T00:00:00Z) ORDER BY Id`,
  ].join('');
}

/**
 * Deals closed from `since` until before `until` ('YYYY-MM-DD', both by CloseDate and by the stage
 * change that closed them) with their stage history only: the deals a replay needs for its
 * benchmarks but never replays. Exactly those {@link replayDealsQuery} from `until` leaves out.
 */
export function benchmarkDealsQuery(since: string, until: string): string {
  return closedDealsWhere(`IsClosed = true AND CloseDate >= ${since} AND CloseDate < ${until} AND (LastStageChangeDate < ${until}T00:00:00Z OR LastStageChangeDate = null)`);
}
