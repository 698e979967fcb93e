import type { Connection } from 'jsforce';

/** The risk fields a sync writes that do not depend on when it ran (the updated-at stamp does). */
const RISK_FIELDS = [
  'Deal_Risk_Score__c',
  'Deal_Risk_Level__c',
  'Deal_Risk_Reasons__c',
  'Deal_Risk_Codes__c',
  'Stage_Entered_Date__c',
  'Stage_Benchmark_Days__c',
  'Mobilizer_Count__c',
  'Missing_Verifiers__c',
] as const;

/**
 * What a sync leaves in an org, comparable across orgs built from the same dataset: every
 * opportunity's risk fields and every dealrisk Task (by its key), sorted by id and key.
 */
export async function syncedOrgState(conn: Connection): Promise<{ opportunities: Record<string, unknown>[]; tasks: Record<string, unknown>[] }> {
  const opportunities = await conn.query<Record<string, unknown>>(`SELECT Id, ${RISK_FIELDS.join(', ')} FROM Opportunity ORDER BY Id`, { autoFetch: true, maxFetch: 1_000_000 });
  const tasks = await conn.query<Record<string, unknown>>(
    'SELECT Deal_Risk_Key__c, WhatId, Subject, Status, Priority, OwnerId FROM Task WHERE Deal_Risk_Key__c != null ORDER BY Deal_Risk_Key__c',
    { autoFetch: true, maxFetch: 1_000_000 },
  );
  const plain = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'attributes'));
  return { opportunities: opportunities.records.map(plain), tasks: tasks.records.map(plain) };
}
