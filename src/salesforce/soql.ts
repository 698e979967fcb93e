/** SOQL the adapter sends. Field names in one place; the admin mapping will feed `verifierFields`. */

/** Quotes a string literal for SOQL (backslash and single quote escaped). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const OPPORTUNITY_FIELDS = ['Id', 'Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'OwnerId'];

const HISTORY_SUBQUERY = '(SELECT StageName, CreatedDate, CloseDate, Amount, Probability FROM OpportunityHistories ORDER BY CreatedDate, Id)';

/** What a deal query selects: the verifier fields, the profile field and, for a sync batch, the stored risk fields and the Task key. */
export interface OpportunityQueryOptions {
  verifierFields: readonly string[];
  profileField: string;
  riskFields?: readonly string[];
  taskKeyField?: string;
}

/**
 * Opportunities matching `where` with everything scoring reads: contact roles with the contact's
 * profile, stage history, tracked field history (CloseDate pushes), Tasks and Events.
 */
export function opportunitiesQuery(options: OpportunityQueryOptions, where: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields, ...(options.riskFields ?? [])])];
  const taskFields = ['Id', 'Type', 'Subject', 'WhoId', 'ActivityDate', 'CreatedDate', 'Status', ...(options.taskKeyField ? ['IsClosed', options.taskKeyField] : [])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles),`,
    ` ${HISTORY_SUBQUERY},`,
    " (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field = 'CloseDate' ORDER BY CreatedDate),",
    ` (SELECT ${taskFields.join(', ')} FROM Tasks),`,
    ' (SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate FROM Events)',
    ` FROM Opportunity WHERE ${where} ORDER BY Id`,
  ].join('');
}

/** Deals closed in the last `days` days with their stage history: the org's own benchmarks. */
export function closedDealsQuery(days: number): string {
  return (
    `SELECT Id, StageName, CloseDate, CreatedDate, IsClosed, IsWon, ${HISTORY_SUBQUERY}` +
    ` FROM Opportunity WHERE IsClosed = true AND CloseDate = LAST_N_DAYS:${days} ORDER BY Id`
  );
}
