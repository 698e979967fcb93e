/**
 * Bulk API 2.0 ingest jobs: created Open, given their CSV in one upload, closed with
 * UploadComplete, then run row by row through the REST write path (row-writes.ts) and reported
 * as successful, failed and unprocessed records.
 */
import type { OrgSchema, FieldDef, SObjectDef } from '../model.js';
import type { UserView } from '../access/index.js';
import type { RecordStore, SaveError } from '../store/types.js';
import type { ApiUsage } from '../http/usage.js';
import { apiError } from '../http/errors.js';
import { CsvError, formatCsv, parseCsv } from './csv.js';
import { coreInfo, invalidState, isFinished, jobBody, readFormat, type JobClock, type JobCore } from './jobs.js';
import { rowFields, writeRow, type IngestOperation } from './row-writes.js';

/** Salesforce splits ingest data into internal batches of 10,000 records; each counts against DailyBulkApiBatches. */
export const RECORDS_PER_BATCH = 10_000;
/** An upload may hold at most 150 MB once base64 encoded. */
export const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;

/** Whether an upload of `bytes` exceeds the 150 MB limit once base64 encoded (4 characters per 3 bytes). */
export function uploadTooLarge(bytes: number): boolean {
  return Math.ceil(bytes / 3) * 4 > MAX_UPLOAD_BASE64_BYTES;
}

const OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete'];

interface RowOutcome {
  id: string;
  created?: boolean;
  error?: string;
  values: string[];
}

export interface IngestJob extends JobCore {
  operation: IngestOperation;
  externalIdFieldName?: string;
  /** The uploaded CSV, until the job runs. */
  data?: string;
  header: string[];
  successful: RowOutcome[];
  failed: RowOutcome[];
  /** Rows the run never reached (the job failed or was aborted first). */
  unprocessed: string[][];
}

/** Salesforce's `sf__Error` text of a failed row: `CODE:message:fields --` for each error. */
function errorText(errors: readonly SaveError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

function invalidJob(message: string): Error {
  return apiError(400, 'INVALIDJOB', message);
}

/** The services the runs need. */
export interface IngestDeps {
  store: RecordStore;
  usage: ApiUsage;
}

export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();

  constructor(
    private readonly jobClock: JobClock,
    private readonly deps: IngestDeps,
  ) {}

  /** `POST jobs/ingest`: the object, operation and external id field are checked now. */
  create(rawBody: unknown, schema: OrgSchema, userId: string, apiVersion: number): IngestJob {
    const body = jobBody(rawBody);
    const { object, operation, externalIdFieldName } = body;
    if (typeof operation !== 'string' || !OPERATIONS.includes(operation as IngestOperation)) {
      if (operation === 'hardDelete') throw invalidJob('hardDelete needs the Bulk API Hard Delete permission, which no local org user has');
      throw invalidJob(`Invalid operation: ${String(operation)}`);
    }
    const def = typeof object === 'string' ? schema.object(object) : undefined;
    if (!def) throw invalidJob(`Unable to find object: ${String(object)}`);
    checkObjectAllows(def, operation as IngestOperation);
    let externalId: FieldDef | undefined;
    if (operation === 'upsert') {
      if (typeof externalIdFieldName !== 'string' || externalIdFieldName === '') {
        throw invalidJob(`External ID was blank for ${def.name}. An External ID must be specified for upsert.`);
      }
      externalId = def.fields.find((f) => f.name.toLowerCase() === externalIdFieldName.toLowerCase());
      if (!externalId || !(externalId.externalId || externalId.type === 'id')) {
        throw invalidJob(`Field name provided, ${externalIdFieldName} is not an External ID or indexed field for ${def.name}`);
      }
    }
    const job: IngestJob = {
      ...this.jobClock.core({ operation, object: def.name, createdById: userId, apiVersion, format: readFormat(body), state: 'Open' }),
      operation: operation as IngestOperation,
      ...(externalId ? { externalIdFieldName: externalId.name } : {}),
      header: [],
      successful: [],
      failed: [],
      unprocessed: [],
    };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (!job) throw apiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  list(): IngestJob[] {
    return [...this.jobs.values()];
  }

  /** `PUT jobs/ingest/{id}/batches`: the job's one upload (the caller checked its size). */
  upload(id: string, csv: string): void {
    const job = this.get(id);
    if (job.state !== 'Open') throw invalidState(job, 'uploading data', 409);
    if (job.data !== undefined) throw invalidState(job, 'a second upload (Bulk API 2.0 takes one upload per job)', 409);
    job.data = csv;
  }

  /** `PATCH jobs/ingest/{id}` with state UploadComplete (starts the run) or Aborted. */
  setState(id: string, state: unknown, view: UserView): IngestJob {
    const job = this.get(id);
    if (state === 'Aborted') {
      if (isFinished(job.state)) throw invalidState(job, 'Aborted');
      this.jobClock.transition(job, 'Aborted');
      if (job.data !== undefined) this.keepUnprocessed(job);
      return job;
    }
    if (state !== 'UploadComplete') throw invalidJob(`Invalid state: ${String(state)}. Use UploadComplete or Aborted`);
    if (job.state !== 'Open') throw invalidState(job, 'UploadComplete');
    this.jobClock.transition(job, 'UploadComplete');
    this.jobClock.run(job, () => this.process(job, view), () => this.keepUnprocessed(job));
    return job;
  }

  delete(id: string): void {
    const job = this.get(id);
    if (job.state === 'Open' || job.state === 'InProgress') throw invalidState(job, 'delete');
    this.jobs.delete(id);
  }

  /** `successfulResults`, `failedResults` or `unprocessedrecords` as CSV. */
  results(id: string, kind: 'successful' | 'failed' | 'unprocessed'): string {
    const job = this.get(id);
    if (!isFinished(job.state)) throw invalidState(job, 'getting results');
    const { header, format } = job;
    if (kind === 'successful') return formatCsv(['sf__Id', 'sf__Created', ...header], job.successful.map((r) => [r.id, String(r.created === true), ...r.values]), format);
    if (kind === 'failed') return formatCsv(['sf__Id', 'sf__Error', ...header], job.failed.map((r) => [r.id, r.error ?? '', ...r.values]), format);
    return formatCsv(header, job.unprocessed, format);
  }

  /** The run: header checked, then each row written. Returns the job's failure message, if any. */
  private process(job: IngestJob, view: UserView): string | undefined {
    if (job.data === undefined) return 'InvalidBatch : no data was uploaded for this job';
    let rows: string[][];
    try {
      rows = parseCsv(job.data, job.format);
    } catch (error) {
      if (error instanceof CsvError) return `ClientInputError : ${error.message}`;
      throw error;
    }
    const [header = [], ...records] = rows;
    job.header = header;
    job.data = undefined;
    const def = view.schema.object(job.object)!;
    const problem = headerProblem(def, header) ?? records.findIndex((r) => r.length !== header.length);
    if (typeof problem === 'string') return this.failWith(job, records, problem);
    if (problem >= 0) return this.failWith(job, records, `ClientInputError : row ${problem + 1} has ${records[problem]!.length} values, the header has ${header.length}`);
    if (!this.deps.usage.consume('DailyBulkApiBatches', Math.max(1, Math.ceil(records.length / RECORDS_PER_BATCH)))) {
      return this.failWith(job, records, 'ExceededQuota : the DailyBulkApiBatches allowance is used up');
    }
    const writer = {
      store: this.deps.store,
      view,
      userId: job.createdById,
      object: def,
      operation: job.operation,
      ...(job.externalIdFieldName ? { externalIdField: def.fields.find((f) => f.name === job.externalIdFieldName)! } : {}),
    };
    for (const values of records) {
      const result = writeRow(writer, rowFields(header, values));
      if (result.success) job.successful.push({ id: result.id ?? '', created: result.created === true, values });
      else job.failed.push({ id: result.id ?? '', error: errorText(result.errors), values });
    }
    return undefined;
  }

  private failWith(job: IngestJob, records: string[][], message: string): string {
    job.unprocessed = records;
    return message;
  }

  /** An aborted or failed job's uploaded rows, unread, as its unprocessed records. */
  private keepUnprocessed(job: IngestJob): void {
    try {
      const [header = [], ...records] = parseCsv(job.data ?? '', job.format);
      job.header = header;
      job.unprocessed = records;
    } catch {
      job.unprocessed = [];
    }
    job.data = undefined;
  }
}

/** Refuses an operation the object does not take (e.g. inserting OpportunityHistory). */
function checkObjectAllows(def: SObjectDef, operation: IngestOperation): void {
  const allowed = operation === 'insert' ? def.createable : operation === 'update' ? def.updateable : operation === 'delete' ? def.deletable : def.createable && def.updateable;
  if (!allowed) throw invalidJob(`Entity '${def.name}' is not supported by the ${operation} operation`);
}

/** Why the header cannot be used: an unknown column (or a relationship path, which the local org does not resolve). */
function headerProblem(def: SObjectDef, header: readonly string[]): string | undefined {
  if (header.length === 0 || header.every((name) => name === '')) return 'InvalidBatch : the CSV has no header row';
  for (const name of header) {
    if (name.includes('.')) return `InvalidBatch : Field name not found : ${name} (the local org does not resolve relationship columns)`;
    if (!def.fields.some((f) => f.name.toLowerCase() === name.toLowerCase())) return `InvalidBatch : Field name not found : ${name}`;
  }
  return undefined;
}

/** An ingest job's info as `GET jobs/ingest/{id}` reports it. */
export function ingestJobInfo(job: IngestJob): Record<string, unknown> {
  return {
    ...ingestJobSummary(job),
    numberRecordsProcessed: job.successful.length + job.failed.length,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    apiActiveProcessingTime: job.totalProcessingTime,
    apexProcessingTime: 0,
  };
}

/** What create and the job list answer for an ingest job. */
export function ingestJobSummary(job: IngestJob): Record<string, unknown> {
  return {
    ...coreInfo(job, 'V2Ingest'),
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    contentUrl: `services/data/v${job.apiVersion}.0/jobs/ingest/${job.id}/batches`,
  };
}
