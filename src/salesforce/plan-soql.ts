import type { DealSelection } from '../sync/ports.js';
import { soqlString } from './soql.js';

/**
 * SOQL of a run's plan: ids only, so each page holds 2,000 rows. Changes are read by
 * `SystemModstamp >= since` in `(SystemModstamp, Id)` order: stamps have whole seconds and are not
 * unique, so `>` would lose rows that share the watermark's second.
 */

/** A closed deal with one of these still set says High or Low about a deal that is over: it needs clearing. */
function stillScored(fields: readonly string[]): string {
  return fields.length === 0 ? 'Id = null' : `(${fields.map((field) => `${field} != null`).join(' OR ')})`;
}

/** The deals a full run plans, as one filter: open, or closed and still carrying a risk field. */
export function plannedDealFilter(filterableRiskFields: readonly string[]): string {
  return `(IsClosed = false OR (IsClosed = true AND ${stillScored(filterableRiskFields)}))`;
}

/** Every open deal, and closed ones still carrying risk fields (a full run). */
export function fullPlanQueries(selection: DealSelection): string[] {
  return [
    'SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id',
    `SELECT Id FROM Opportunity WHERE IsClosed = true AND ${stillScored(selection.filterableRiskFields)} ORDER BY Id`,
  ];
}

/**
 * Deals changed since `since` (an incremental run): the Opportunity itself, its contact roles, its
 * contacts (their profiles), its Tasks and Events (deleted ones too: read with queryAll). Changes made
 * by the integration user are left out: they are dealrisk's own writes. `LastModifiedById` alone
 * would not do for the Opportunity, since logging an activity moves its `SystemModstamp` without
 * touching `LastModifiedById`; those activities are read here themselves.
 * Each query selects the deal id as its first column.
 */
export function changedPlanQueries(selection: DealSelection & { changedSince: string }): { soql: string; all?: boolean }[] {
  const since = selection.changedSince;
  const notOurs = selection.integrationUserId ? ` AND LastModifiedById != ${soqlString(selection.integrationUserId)}` : '';
  const order = 'ORDER BY SystemModstamp, Id';
  const openOrScored = `(IsClosed = false OR ${stillScored(selection.filterableRiskFields)})`;
  return [
    { soql: `SELECT Id FROM Opportunity WHERE SystemModstamp >= ${since}${notOurs} AND ${openOrScored} ${order}` },
    { soql: `SELECT OpportunityId FROM OpportunityContactRole WHERE SystemModstamp >= ${since} ${order}` },
    { soql: `SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.SystemModstamp >= ${since} ${order}` },
    { soql: `SELECT WhatId FROM Task WHERE SystemModstamp >= ${since} AND WhatId != null${notOurs} ${order}`, all: true },
    { soql: `SELECT WhatId FROM Event WHERE SystemModstamp >= ${since} AND WhatId != null${notOurs} ${order}`, all: true },
  ];
}
