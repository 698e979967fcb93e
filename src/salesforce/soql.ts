/** SOQL the adapter sends. Field names in one place; the admin mapping will feed `verifierFields`. */

/** Quotes a string literal for SOQL (backslash and single quote escaped). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const OPPORTUNITY_FIELDS = ['Id', 'Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'NextStep', 'OwnerId'];

// PrevCloseDate and PrevAmount (API 50+) show what each change moved from, without field history.
const HISTORY_SUBQUERY = '(SELECT StageName, CreatedDate, CloseDate, Amount, Probability, PrevCloseDate, PrevAmount FROM OpportunityHistories ORDER BY CreatedDate, Id)';

/**
 * Opportunities matching `where` with everything scoring reads: contact roles with the contact's
 * profile, stage history, tracked field history (CloseDate pushes, NextStep changes), Tasks and Events.
 */
export function opportunitiesQuery(options: { verifierFields: readonly string[]; profileField: string }, where: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles),`,
    ` ${HISTORY_SUBQUERY},`,
    " (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field IN ('CloseDate', 'NextStep') ORDER BY CreatedDate),",
    ' (SELECT Id, Type, Subject, WhoId, ActivityDate, CreatedDate, Status FROM Tasks),',
    ' (SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate FROM Events)',
    ` FROM Opportunity WHERE ${where} ORDER BY Id`,
  ].join('');
}

/** The filter of deals closed in the last `days` days. */
export function closedInWindow(days: number): string {
  return `IsClosed = true AND CloseDate = LAST_N_DAYS:${days}`;
}

/** Deals closed in the last `days` days with their stage history: the org's own benchmarks. */
export function closedDealsQuery(days: number): string {
  return `SELECT Id, StageName, CloseDate, CreatedDate, IsClosed, IsWon, ${HISTORY_SUBQUERY} FROM Opportunity WHERE ${closedInWindow(days)} ORDER BY Id`;
}
