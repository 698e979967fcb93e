/** SOQL the adapter sends. Field names in one place; the admin mapping will feed `verifierFields`. */

/** Quotes a string literal for SOQL (backslash and single quote escaped). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const OPPORTUNITY_FIELDS = ['Id', 'Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'OwnerId'];

const HISTORY_SUBQUERY = '(SELECT StageName, CreatedDate, CloseDate, Amount, Probability FROM OpportunityHistories ORDER BY CreatedDate, Id)';

/**
 * Everyone on an activity (Shared Activities: up to 50 contacts or one lead, WhoId among them),
 * nested in the Tasks and Events subqueries (child subqueries nest from API 58.0).
 */
const WHO_SUBQUERY = {
  Task: '(SELECT RelationId FROM TaskWhoRelations)',
  Event: '(SELECT RelationId FROM EventWhoRelations)',
} as const;

/**
 * Opportunities matching `where` with everything scoring reads: contact roles with the contact's
 * profile, stage history, tracked field history (CloseDate pushes), Tasks and Events.
 */
export function opportunitiesQuery(options: { verifierFields: readonly string[]; profileField: string }, where: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles),`,
    ` ${HISTORY_SUBQUERY},`,
    " (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field = 'CloseDate' ORDER BY CreatedDate),",
    ` (SELECT Id, Type, Subject, WhoId, ActivityDate, CreatedDate, Status, ${WHO_SUBQUERY.Task} FROM Tasks),`,
    ` (SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate, ${WHO_SUBQUERY.Event} FROM Events)`,
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
