import { Readable } from 'node:stream';
import type { Connection } from 'jsforce';
import { parseCSVStream } from 'jsforce/lib/csv.js';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { SalesforceApiError } from './salesforce-api-error.js';

/**
 * One Bulk API 2.0 query job, run to its end: create, poll until it completes, then read its
 * CSV results page by page. Every call is one API request (create, each poll, each results page):
 * create and polls go through `conn.request` (counted by the connection's counter), results pages
 * through jsforce's HttpApi for their headers, so `onResultPage` counts those. jsforce 3.10.16's `bulk2.query()` crashes on results of more than one
 * page (jsforce issues #1546, #1693), so pages are read here by the `Sforce-Locator` header, whose
 * literal `null` marks the last page.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 */

/**
 * Rows per results page: Salesforce's own page size when `maxRecords` is left out is "as many as
 * fit" (the local org: 50,000). Asking for 50,000 keeps a worker's page, the only thing it holds,
 * at tens of MB while costing no more calls than the default.
 */
export const RESULT_PAGE_ROWS = 50_000;

/**
 * Rows handed on at a time: a results page of 50,000 parsed, typed and serialised at once held
 * about 150 MB per read (1,089 MB peak for a 100,000-opportunity run with four reads at once);
 * parsed in slices, a read holds the page's text and a few thousand rows.
 */
const ROWS_PER_CHUNK = 5_000;

/** Characters of CSV text fed to the parser at a time, so it parses no further ahead than it is read. */
const TEXT_SLICE = 256 * 1024;

function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += TEXT_SLICE) yield text.slice(start, start + TEXT_SLICE);
}

/** The rows of one CSV results page (header → text), {@link ROWS_PER_CHUNK} at a time. */
async function* csvChunks(text: string): AsyncGenerator<Record<string, string>[]> {
  const parser = Readable.from(slices(text)).pipe(parseCSVStream());
  let chunk: Record<string, string>[] = [];
  for await (const row of parser) {
    chunk.push(row as Record<string, string>);
    if (chunk.length === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Waits between status polls: fast for the small jobs of a test org, then backing off to 30 s so a long job costs few calls. */
const POLL_DELAYS_MS = [50, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000];

/** A job still running after this long is given up on (the batch job is then retried). */
const MAX_WAIT_MS = 60 * 60_000;

interface JobInfo {
  id: string;
  state: string;
  errorMessage?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that ended Failed or Aborted: Salesforce's own retries were spent, so another job may still succeed. */
function jobFailed(job: JobInfo): SalesforceApiError {
  return new SalesforceApiError(`Bulk API 2.0 query job ${job.id} ended ${job.state}: ${job.errorMessage ?? 'no message'}`, { errorCode: 'BULK_JOB_FAILED' });
}

export class BulkQueryJob {
  constructor(
    private readonly conn: Connection,
    private readonly onResultPage: () => void,
  ) {}

  private url(suffix: string): string {
    return `/services/data/v${this.conn.version}/jobs/query${suffix}`;
  }

  private json<T>(method: 'GET' | 'POST', suffix: string, body?: unknown): Promise<T> {
    return this.conn.request<T>({
      method,
      url: this.url(suffix),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
  }

  /** One results page as text with its locator, through jsforce's HTTP layer (the session's token, refresh on 401). */
  private async resultPage(id: string, locator: string | undefined): Promise<{ csv: string; locator: string | undefined }> {
    this.onResultPage();
    const api = new HttpApi(this.conn, { responseType: 'text/plain' });
    let headers: Record<string, string> = {};
    api.on('response', (response: { headers: Record<string, string> }) => {
      headers = response.headers;
    });
    const query = `maxRecords=${RESULT_PAGE_ROWS}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
    const csv = await api.request<string>({ method: 'GET', url: `${this.conn.instanceUrl}${this.url(`/${id}/results?${query}`)}` });
    const next = headers['sforce-locator'];
    return { csv: typeof csv === 'string' ? csv : '', locator: next && next !== 'null' ? next : undefined };
  }

  private async waitUntilDone(id: string): Promise<void> {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (let poll = 0; ; poll += 1) {
      await sleep(POLL_DELAYS_MS[Math.min(poll, POLL_DELAYS_MS.length - 1)]!);
      const job = await this.json<JobInfo>('GET', `/${id}`);
      if (job.state === 'JobComplete') return;
      if (job.state === 'Failed' || job.state === 'Aborted') throw jobFailed(job);
      if (Date.now() > deadline) throw new SalesforceApiError(`Bulk API 2.0 query job ${id} still ${job.state} after ${MAX_WAIT_MS / 60_000} minutes`, { errorCode: 'BULK_JOB_FAILED' });
    }
  }

  /** Runs `soql` as a Bulk query job and yields its rows a few thousand at a time, each row as the CSV's header → text. */
  async *rows(soql: string, operation: 'query' | 'queryAll'): AsyncGenerator<Record<string, string>[]> {
    const job = await this.json<JobInfo>('POST', '', { operation, query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    await this.waitUntilDone(job.id);
    let locator: string | undefined;
    do {
      const page = await this.resultPage(job.id, locator);
      yield* csvChunks(page.csv);
      locator = page.locator;
    } while (locator);
  }
}
