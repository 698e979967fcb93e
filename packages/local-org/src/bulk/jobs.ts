/**
 * Bulk API 2.0 jobs: what query and ingest jobs share — ids (750…), the job states, the CSV
 * format, timestamps, and the asynchronous run that moves a job from UploadComplete through
 * InProgress to JobComplete or Failed (or Aborted, when the client aborts first).
 */
import { makeId } from '../ids.js';
import type { OrgClock } from '../model.js';
import { stampTime } from '../store/stamps.js';
import { apiError } from '../http/errors.js';
import { COLUMN_DELIMITERS, type ColumnDelimiter, type CsvFormat } from './csv.js';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** The key prefix of Bulk jobs (AsyncApexJob-like `750`). */
const JOB_PREFIX = '750';

/** States a job no longer leaves. */
export function isFinished(state: JobState): boolean {
  return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}

/** What every job carries, as its job info reports it. */
export interface JobCore {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  format: CsvFormat;
  /** Set when the job ended Failed. */
  errorMessage?: string;
  /** Milliseconds the run took. */
  totalProcessingTime: number;
}

/** What the local org's faults decide about a job's run (see src/faults). */
export interface BulkFaults {
  /** Whether this job's run ends Failed (the `bulkFail` fraction). */
  jobFails(): boolean;
  /** Extra time a run spends InProgress (`slowQueryMs`). */
  runDelayMs(): number;
}

export const NO_BULK_FAULTS: BulkFaults = { jobFails: () => false, runDelayMs: () => 0 };

/** The message of a job the `bulkFail` fault fails, as Salesforce's internal failures read. */
export const FAULT_FAILURE_MESSAGE = 'InternalServerError : the local org failed this job (fault bulkFail)';

/** A `400 INVALIDJOBSTATE` (or other status) refusal of what the job's state does not allow. */
export function invalidState(job: JobCore, wanted: string, status = 400): Error {
  return apiError(status, 'INVALIDJOBSTATE', `Job ${job.id} is in state ${job.state}: ${wanted} is not allowed`);
}

/** Ids, clock and timers of the org's Bulk jobs; `close` cancels every pending run. */
export class JobClock {
  private sequence = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly clock: OrgClock,
    readonly faults: BulkFaults,
  ) {}

  nextId(): string {
    this.sequence += 1;
    return makeId(JOB_PREFIX, this.sequence);
  }

  now(): string {
    return stampTime(this.clock);
  }

  /** The job's fields at creation. */
  core(fields: Pick<JobCore, 'operation' | 'object' | 'createdById' | 'apiVersion' | 'format' | 'state'>): JobCore {
    const now = this.now();
    return { id: this.nextId(), createdDate: now, systemModstamp: now, totalProcessingTime: 0, ...fields };
  }

  /** Moves the job to `state` now. */
  transition(job: JobCore, state: JobState, errorMessage?: string): void {
    job.state = state;
    job.systemModstamp = this.now();
    if (errorMessage !== undefined) job.errorMessage = errorMessage;
  }

  /**
   * Runs the job as Salesforce does, asynchronously: InProgress on the next turn, then (after the
   * `slowQueryMs` delay) `work` — unless the job was aborted meanwhile or the `bulkFail` fault
   * fails it (then `onFaultFailure` runs instead of `work`). `work` returns an error message to
   * end the job Failed.
   */
  run(job: JobCore, work: () => string | undefined, onFaultFailure: () => void = () => {}): void {
    const faults = this.faults;
    const fails = faults.jobFails();
    const delay = faults.runDelayMs();
    this.later(0, () => {
      if (job.state !== 'UploadComplete') return;
      this.transition(job, 'InProgress');
      const started = Date.now();
      this.later(delay, () => {
        if (job.state !== 'InProgress') return;
        if (fails) onFaultFailure();
        const failure = fails ? FAULT_FAILURE_MESSAGE : work();
        job.totalProcessingTime = Date.now() - started;
        if (failure === undefined) this.transition(job, 'JobComplete');
        else this.transition(job, 'Failed', failure);
      });
    });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}

/** The job info fields every job reports. */
export function coreInfo(job: JobCore, jobType: 'V2Query' | 'V2Ingest'): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType,
    lineEnding: job.format.lineEnding,
    columnDelimiter: job.format.columnDelimiter,
    ...(job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
}

/** The job's CSV format from a create request; an unknown value is refused as Salesforce refuses it. */
export function readFormat(body: Record<string, unknown>): CsvFormat {
  const { columnDelimiter = 'COMMA', lineEnding = 'LF', contentType = 'CSV' } = body;
  if (contentType !== 'CSV') throw apiError(400, 'INVALIDJOB', `Invalid contentType: ${String(contentType)}. The only valid value is CSV`);
  if (typeof columnDelimiter !== 'string' || !Object.hasOwn(COLUMN_DELIMITERS, columnDelimiter)) {
    throw apiError(400, 'INVALIDJOB', `Invalid columnDelimiter: ${String(columnDelimiter)}`);
  }
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw apiError(400, 'INVALIDJOB', `Invalid lineEnding: ${String(lineEnding)}`);
  return { columnDelimiter: columnDelimiter as ColumnDelimiter, lineEnding };
}

/** A create request's JSON body as an object (anything else is refused). */
export function jobBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw apiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}
