/** SOQL the adapter sends. Field names in one place; the admin mapping will feed `verifierFields`. */

/** Quotes a string literal for SOQL (backslash and single quote escaped). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const OPPORTUNITY_FIELDS = ['Id', 'Name', 'StageName', 'CloseDate', 'CreatedDate', 'LastStageChangeDate', 'IsClosed', 'IsWon', 'Amount', 'OwnerId'];

/** The stage history subquery; `where` for a queryAll. */
const historySubquery = (where = '') => `(SELECT StageName, CreatedDate, CloseDate, Amount, Probability FROM OpportunityHistories${where} ORDER BY CreatedDate, Id)`;

/**
 * Opportunities matching `where` with everything scoring reads: contact roles with the contact's
 * profile, stage history, tracked field history (CloseDate pushes), Tasks and Events.
 * Sent through queryAll: Salesforce archives Events and closed Tasks after 365 days and query()
 * no longer returns them, yet verifiers count a deal's activity over its whole life. queryAll
 * also returns the recycle bin, so every level says `IsDeleted = false`.
 */
export function opportunitiesQuery(options: { verifierFields: readonly string[]; profileField: string }, where: string): string {
  const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields])];
  return [
    `SELECT ${fields.join(', ')},`,
    ` (SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRoles WHERE IsDeleted = false),`,
    ` ${historySubquery(' WHERE IsDeleted = false')},`,
    " (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories WHERE Field = 'CloseDate' AND IsDeleted = false ORDER BY CreatedDate),",
    ' (SELECT Id, Type, Subject, WhoId, ActivityDate, CreatedDate, Status FROM Tasks WHERE IsDeleted = false),',
    ' (SELECT Id, Type, Subject, WhoId, ActivityDate, StartDateTime, CreatedDate FROM Events WHERE IsDeleted = false)',
    ` FROM Opportunity WHERE IsDeleted = false AND (${where}) ORDER BY Id`,
  ].join('');
}

/** Deals closed in the last `days` days with their stage history: the org's own benchmarks. */
export function closedDealsQuery(days: number): string {
  return (
    `SELECT Id, StageName, CloseDate, CreatedDate, IsClosed, IsWon, ${historySubquery()}` +
    ` FROM Opportunity WHERE IsClosed = true AND CloseDate = LAST_N_DAYS:${days} ORDER BY Id`
  );
}
