import { describeQueryColumns, executePageableQuery } from '../soql/index.js';
import type { OrgContext } from './context.js';
import { apiError } from './errors.js';
import { ok, type OpInput, type Operation } from './operations.js';
import type { QueryPage } from './query-cursors.js';
import { MAX_BATCH, MIN_BATCH, pageSizeFor } from './query-pages.js';

/** The requested page size, clamped into Salesforce's 200–2,000 range; undefined when not asked. */
export function requestedBatchSize(value: string | undefined): number | undefined {
  const match = value ? /(?:^|[;,\s])batchSize\s*=\s*(\d+)/i.exec(value) : null;
  if (!match) return undefined;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

/** A GROUP BY result larger than one page: Salesforce pages no aggregate result. */
function aggregateTooLarge(): Error {
  return apiError(400, 'EXCEEDED_ID_LIMIT', 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch');
}

function invalidLocator(): Error {
  return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

/**
 * `GET …/query?q=`, `…/queryAll?q=` and the next pages at `…/query/<locator>` (jsforce always
 * follows `nextRecordsUrl` through `/query/`, also for queryAll). Each page is one API call.
 */
export function queryOperations(org: OrgContext): Operation[] {
  // One page on the wire; `nextRecordsUrl` only while more remain.
  const locatorUrl = (input: OpInput) => (locator: string) => `/services/data/v${input.apiVersion}.0/query/${locator}`;
  const pageBody = (input: OpInput, page: QueryPage) => ({
    totalSize: page.totalSize,
    done: page.nextLocator === undefined,
    ...(page.nextLocator ? { nextRecordsUrl: locatorUrl(input)(page.nextLocator) } : {}),
    records: page.records,
  });

  const firstPage = (includeDeleted: boolean) => (input: OpInput) => {
    const { q, columns } = input.query;
    if (input.query.explain !== undefined) throw apiError(400, 'MALFORMED_QUERY', 'Query plans (explain) are not served by the local org');
    if (q === undefined || q.trim() === '') {
      throw apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    }
    // The session's user sees only the fields and records their permissions allow.
    const view = org.viewFor(input.userId, input.apiVersion);
    if (columns === 'true') return ok(describeQueryColumns(q, view.schema));
    org.store.archiveActivities();
    const result = executePageableQuery(q, view.data, { includeDeleted, apiVersion: input.apiVersion });
    const batchSize = requestedBatchSize(input.headers['sforce-query-options']);
    if (result.grouped && result.length > pageSizeFor(batchSize, result.longTextAreas)) throw aggregateTooLarge();
    return ok(pageBody(input, org.cursors.open(result, batchSize, locatorUrl(input))));
  };

  const nextPage = (input: OpInput) => {
    const page = org.cursors.next(input.params.locator ?? '', locatorUrl(input), requestedBatchSize(input.headers['sforce-query-options']));
    if (!page) throw invalidLocator();
    return ok(pageBody(input, page));
  };

  return [
    { method: 'GET', path: '/query', run: firstPage(false) },
    { method: 'GET', path: '/queryAll', run: firstPage(true) },
    { method: 'GET', path: '/query/:locator', run: nextPage },
    { method: 'GET', path: '/queryAll/:locator', run: nextPage },
  ];
}
