/**
 * Bulk API 2.0 query jobs: the SOQL is checked when the job is created (what Bulk 2.0 refuses:
 * child subqueries, aggregates, GROUP BY, OFFSET, TYPEOF, FIELDS(), compound fields), run
 * asynchronously as the session's user, and its rows kept as CSV, paged by locator.
 */
import { executePageableQuery } from '../soql/index.js';
import { planQuery, type FieldRef, type QueryPlan } from '../soql/plan.js';
import type { UserView } from '../access/index.js';
import { apiError } from '../http/errors.js';
import { formatCsv } from './csv.js';
import { coreInfo, invalidState, isFinished, jobBody, readFormat, type JobClock, type JobCore } from './jobs.js';

/** Without maxRecords a results page holds at most this many rows (Salesforce splits by size). */
export const DEFAULT_RESULT_PAGE = 50_000;

export interface QueryJob extends JobCore {
  query: string;
  columns: FieldRef[];
  /** The result rows once the job completed, each value as its CSV text. */
  rows?: string[][];
}

function unsupported(message: string): Error {
  return apiError(400, 'API_ERROR', message);
}

/** Refuses what Bulk API 2.0 does not run; returns the selected fields (parent paths included). */
function bulkColumns(query: string, plan: QueryPlan): FieldRef[] {
  if (/\bFIELDS\s*\(/i.test(query)) throw unsupported('FIELDS() is not supported by Bulk API 2.0 queries');
  if (/\bTYPEOF\b/i.test(query)) throw unsupported('TYPEOF is not supported by Bulk API 2.0 queries');
  if (plan.countOnly || plan.aggregate) throw unsupported('Aggregate queries (COUNT(), GROUP BY, aggregate functions) are not supported by Bulk API 2.0');
  if (plan.offset !== undefined) throw unsupported('OFFSET is not supported by Bulk API 2.0 queries');
  return plan.select.map((item) => {
    // Salesforce's own words for a parent-to-child subquery in a Bulk query.
    if (item.kind === 'child') throw unsupported('Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
    if (item.kind !== 'field') throw unsupported('Aggregate queries are not supported by Bulk API 2.0');
    if (item.ref.field.type === 'address' || item.ref.field.type === 'location') {
      throw unsupported(`Compound field ${item.ref.path} is not supported by Bulk API 2.0: query its components instead`);
    }
    return item.ref;
  });
}

/** A value as Bulk query CSV writes it: '' for null, datetimes in UTC with a Z. */
function csvValue(value: unknown, ref: FieldRef): string {
  if (value === null || value === undefined) return '';
  if (ref.field.type === 'datetime' && typeof value === 'string') return value.replace(/\+0000$/, 'Z');
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The value of a (parent path) column in a REST-shaped record. */
function valueAt(record: Record<string, unknown>, ref: FieldRef): unknown {
  let current: unknown = record;
  for (const hop of ref.hops) {
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[hop.relationshipName] : undefined;
  }
  return current && typeof current === 'object' ? (current as Record<string, unknown>)[ref.field.name] : undefined;
}

/** Locators are opaque to clients; the local org's encode the row offset (as Salesforce's look: base64). */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function decodeLocator(locator: string): number | undefined {
  const text = Buffer.from(locator, 'base64url').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** One page of a completed job's results. */
export interface ResultPage {
  csv: string;
  numberOfRecords: number;
  /** The next page's locator, or the literal 'null' on the last page. */
  locator: string;
}

export class QueryJobs {
  private readonly jobs = new Map<string, QueryJob>();

  constructor(private readonly jobClock: JobClock) {}

  /** `POST jobs/query`: checks the SOQL as `view`'s user sees the org, then starts the run. */
  create(rawBody: unknown, view: UserView, userId: string, apiVersion: number): QueryJob {
    const body = jobBody(rawBody);
    const { operation, query } = body;
    if (operation !== 'query' && operation !== 'queryAll') throw apiError(400, 'INVALIDJOB', `Invalid operation: ${String(operation)}. Use query or queryAll`);
    if (typeof query !== 'string' || query.trim() === '') throw apiError(400, 'INVALIDJOB', 'A query is required');
    const format = readFormat(body);
    const plan = planQuery(query, view.schema, this.jobClock.clock.now());
    const columns = bulkColumns(query, plan);
    const job: QueryJob = {
      ...this.jobClock.core({ operation, object: plan.object.name, createdById: userId, apiVersion, format, state: 'UploadComplete' }),
      query,
      columns,
    };
    this.jobs.set(job.id, job);
    this.jobClock.run(job, () => {
      // Each record is built, written as CSV values and dropped: the job keeps the CSV values only.
      const result = executePageableQuery(query, view.data, { includeDeleted: operation === 'queryAll', apiVersion });
      job.rows = Array.from({ length: result.length }, (_, index) => {
        const record = result.record(index);
        return columns.map((ref) => csvValue(valueAt(record, ref), ref));
      });
      return undefined;
    });
    return job;
  }

  get(id: string): QueryJob {
    const job = this.jobs.get(id);
    if (!job) throw apiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  list(): QueryJob[] {
    return [...this.jobs.values()];
  }

  abort(id: string): QueryJob {
    const job = this.get(id);
    if (isFinished(job.state)) throw invalidState(job, 'Aborted');
    this.jobClock.transition(job, 'Aborted');
    return job;
  }

  delete(id: string): void {
    const job = this.get(id);
    if (!isFinished(job.state)) throw invalidState(job, 'delete');
    this.jobs.delete(id);
  }

  /** `GET jobs/query/{id}/results[?locator&maxRecords]`: one page of CSV. */
  results(id: string, apiVersion: number, locator: string | undefined, maxRecords: string | undefined): ResultPage {
    const job = this.get(id);
    if (job.apiVersion !== apiVersion) {
      throw apiError(409, 'INVALIDJOBSTATE', `Job ${job.id} was created in API version ${job.apiVersion}.0: get its results with the same version`);
    }
    if (job.state !== 'JobComplete' || !job.rows) throw invalidState(job, 'getting results');
    const offset = locator === undefined || locator === '' ? 0 : decodeLocator(locator);
    if (offset === undefined || offset > job.rows.length) throw apiError(400, 'INVALID_QUERY_LOCATOR', `Invalid locator: ${locator}`);
    let size = DEFAULT_RESULT_PAGE;
    if (maxRecords !== undefined) {
      if (!/^\d+$/.test(maxRecords) || Number(maxRecords) < 1) throw apiError(400, 'API_ERROR', `Invalid maxRecords: ${maxRecords}. It must be a positive integer`);
      size = Number(maxRecords);
    }
    const rows = job.rows.slice(offset, offset + size);
    const end = offset + rows.length;
    return {
      csv: formatCsv(job.columns.map((ref) => ref.path), rows, job.format),
      numberOfRecords: rows.length,
      locator: end < job.rows.length ? encodeLocator(end) : 'null',
    };
  }
}

/** A query job's info as `GET jobs/query/{id}` reports it. */
export function queryJobInfo(job: QueryJob): Record<string, unknown> {
  return {
    ...coreInfo(job, 'V2Query'),
    numberRecordsProcessed: job.rows?.length ?? 0,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    isPkChunkingSupported: false,
  };
}

/** The shorter info the job list and create answer carry. */
export function queryJobSummary(job: QueryJob): Record<string, unknown> {
  return coreInfo(job, 'V2Query');
}
