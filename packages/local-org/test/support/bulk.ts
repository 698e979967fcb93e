/**
 * Bulk API 2.0 calls through jsforce's own HTTP layer (what `conn.request` uses: the session's
 * token, refresh on 401), keeping the response headers: results are paged by the Sforce-Locator
 * header, which jsforce 3.10.16's bulk2 reader mishandles beyond one page.
 */
import type { Connection } from 'jsforce';
import { parseCSV } from 'jsforce/lib/csv.js';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { TEST_API_VERSION } from './local-org.js';

export interface BulkResponse<T = unknown> {
  headers: Record<string, string>;
  body: T;
}

/** One call under `/services/data/v62.0/jobs/…`; a CSV body is sent as text/csv, anything else as JSON. */
export async function bulkCall<T = unknown>(
  conn: Connection,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: { csv?: boolean } = {},
): Promise<BulkResponse<T>> {
  const api = new HttpApi(conn, options.csv ? { responseType: 'text/plain' } : {});
  let headers: Record<string, string> = {};
  api.on('response', (response: { headers: Record<string, string> }) => {
    headers = response.headers;
  });
  const result = await api.request<T>({
    method,
    url: `${conn.instanceUrl}/services/data/v${TEST_API_VERSION}/jobs${path}`,
    ...(typeof body === 'string'
      ? { body, headers: { 'Content-Type': 'text/csv' } }
      : body !== undefined
        ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
        : {}),
  });
  return { headers, body: result };
}

/** Polls a job until it leaves UploadComplete/InProgress (or 5 s pass). */
export async function waitForJob(conn: Connection, kind: 'query' | 'ingest', id: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { body } = await bulkCall<Record<string, unknown>>(conn, 'GET', `/${kind}/${id}`);
    if (!['UploadComplete', 'InProgress', 'Open'].includes(String(body.state)) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every page of a query job's results, read by locator; each page's records parsed as jsforce parses CSV. */
export async function allResultPages(conn: Connection, id: string, maxRecords: number): Promise<{ pages: Record<string, string>[][]; locators: string[]; counts: string[] }> {
  const pages: Record<string, string>[][] = [];
  const locators: string[] = [];
  const counts: string[] = [];
  let locator: string | undefined;
  do {
    const query = `maxRecords=${maxRecords}${locator ? `&locator=${locator}` : ''}`;
    const { headers, body } = await bulkCall<string>(conn, 'GET', `/query/${id}/results?${query}`, undefined, { csv: true });
    pages.push(parseCSV(body) as Record<string, string>[]);
    locator = headers['sforce-locator'];
    locators.push(locator ?? '(none)');
    counts.push(headers['sforce-numberofrecords'] ?? '(none)');
    if (pages.length > 100) throw new Error('results never ended');
  } while (locator && locator !== 'null');
  return { pages, locators, counts };
}

/** A job's CSV results (successfulResults, failedResults, unprocessedrecords) as records. */
export async function csvRecords(conn: Connection, path: string): Promise<Record<string, string>[]> {
  const { body } = await bulkCall<string>(conn, 'GET', path, undefined, { csv: true });
  return parseCSV(body) as Record<string, string>[];
}
