import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeQueryColumns, executeQuery } from '../soql/index.js';
import type { OrgContext } from './context.js';
import { apiError } from './errors.js';

/** Page size bounds of `Sforce-Query-Options: batchSize=N`. */
const MIN_BATCH = 200;
const MAX_BATCH = 2000;

/** The requested page size, clamped into Salesforce's 200–2,000 range; undefined when not asked. */
export function requestedBatchSize(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /(?:^|[;,\s])batchSize\s*=\s*(\d+)/i.exec(value) : null;
  if (!match) return undefined;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

function invalidLocator(): Error {
  return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

/**
 * `GET …/query?q=`, `…/queryAll?q=` and the next pages at `…/query/<locator>` (jsforce always
 * follows `nextRecordsUrl` through `/query/`, also for queryAll). Each page is one API call.
 */
export function registerQueryRoutes(api: FastifyInstance, org: OrgContext): void {
  const nextUrl = (request: FastifyRequest, locator: string | undefined) =>
    locator ? { nextRecordsUrl: `/services/data/v${request.apiVersion}.0/query/${locator}` } : {};

  const firstPage = (includeDeleted: boolean) => async (request: FastifyRequest) => {
    const { q, columns } = request.query as { q?: string; columns?: string };
    if (q === undefined || q.trim() === '') {
      throw apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    }
    if (columns === 'true') return describeQueryColumns(q, org.store, { apiVersion: request.apiVersion });
    const result = executeQuery(q, org.store, { includeDeleted, apiVersion: request.apiVersion });
    const batchSize = requestedBatchSize(request.headers['sforce-query-options']) ?? MAX_BATCH;
    const page = org.cursors.open(result.records, batchSize, result.totalSize);
    return { totalSize: page.totalSize, done: page.nextLocator === undefined, ...nextUrl(request, page.nextLocator), records: page.records };
  };

  const nextPage = async (request: FastifyRequest) => {
    const { locator } = request.params as { locator: string };
    const page = org.cursors.next(locator, requestedBatchSize(request.headers['sforce-query-options']));
    if (!page) throw invalidLocator();
    return { totalSize: page.totalSize, done: page.nextLocator === undefined, ...nextUrl(request, page.nextLocator), records: page.records };
  };

  api.get('/query', firstPage(false));
  api.get('/queryAll', firstPage(true));
  api.get('/query/:locator', nextPage);
  api.get('/queryAll/:locator', nextPage);
}
