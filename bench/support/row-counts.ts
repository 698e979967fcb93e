/**
 * The rows a full run reads, counted on the org itself with SELECT COUNT() (one call per count,
 * made after the measured runs), and the fewest query calls the platform could read them in.
 */
import { connectSalesforce } from '../../src/salesforce/connect.js';

/** Salesforce's largest query page: parents and their child rows together (REST API, Query Options Header). */
const ROWS_PER_PAGE = 2000;
/** The benchmark window of the bundled playbook (config/playbook.yaml, benchmarks.windowDays). */
const BENCHMARK_WINDOW_DAYS = 365;

export interface RowCounts {
  openParents: number;
  /** Contact roles, stage history, CloseDate and NextStep field history, Tasks and Events of the open deals. */
  openChildren: number;
  closedParents: number;
  closedChildren: number;
}

/** The child rows a deal query reads of the deals `parents` selects (its five child subqueries). */
function childCounts(parents: string): { soql: string; all?: boolean }[] {
  const of = `IN (SELECT Id FROM Opportunity WHERE ${parents})`;
  return [
    { soql: `SELECT COUNT() FROM OpportunityContactRole WHERE IsDeleted = false AND OpportunityId ${of}` },
    { soql: `SELECT COUNT() FROM OpportunityHistory WHERE IsDeleted = false AND OpportunityId ${of}` },
    { soql: `SELECT COUNT() FROM OpportunityFieldHistory WHERE Field IN ('CloseDate', 'NextStep') AND IsDeleted = false AND OpportunityId ${of}` },
    { soql: `SELECT COUNT() FROM Task WHERE IsDeleted = false AND WhatId ${of}`, all: true },
    { soql: `SELECT COUNT() FROM Event WHERE IsDeleted = false AND WhatId ${of}`, all: true },
  ];
}

type Connection = Awaited<ReturnType<typeof connectSalesforce>>;

/** A client-credentials login to the org of the bench, beside the worker's. */
export function benchLogin(org: { myDomain: string; clientId: string; clientSecret: string }): Promise<Connection> {
  return connectSalesforce({ loginUrl: org.myDomain, jwtAudience: org.myDomain, authFlow: 'client_credentials', clientId: org.clientId, clientSecret: org.clientSecret, apiVersion: '62.0' });
}

/**
 * The org's own count of API requests so far (`GET /limits`, DailyApiRequests): every process's
 * calls count, the sync command's own mapping check included.
 */
export async function orgRequestsUsed(conn: Connection): Promise<number> {
  const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>('/services/data/v62.0/limits');
  return limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining;
}

/** Counts the open deals and the closed ones in the benchmark window, each with their child rows. */
export async function orgRowCounts(conn: Connection): Promise<RowCounts> {
  const count = async ({ soql, all }: { soql: string; all?: boolean }): Promise<number> =>
    (await conn.request<{ totalSize: number }>(`/services/data/v62.0/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`)).totalSize;
  const sum = async (queries: { soql: string; all?: boolean }[]): Promise<number> => {
    let total = 0;
    for (const query of queries) total += await count(query);
    return total;
  };
  const open = 'IsClosed = false AND IsDeleted = false';
  const closed = `IsClosed = true AND IsDeleted = false AND CloseDate = LAST_N_DAYS:${BENCHMARK_WINDOW_DAYS}`;
  return {
    openParents: await count({ soql: `SELECT COUNT() FROM Opportunity WHERE ${open}` }),
    openChildren: await sum(childCounts(open)),
    closedParents: await count({ soql: `SELECT COUNT() FROM Opportunity WHERE ${closed}`, all: true }),
    closedChildren: await sum(childCounts(closed)),
  };
}

/**
 * The platform minimum of a full run's reads: its open deals with their child rows, and the
 * closed deals its benchmarks read with theirs, each set at 2,000 rows a page (docs/architecture.md).
 */
export function minimumReadCalls(rows: RowCounts): number {
  return Math.ceil((rows.openParents + rows.openChildren) / ROWS_PER_PAGE) + Math.ceil((rows.closedParents + rows.closedChildren) / ROWS_PER_PAGE);
}
