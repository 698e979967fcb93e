import type { Logger } from '../logging/logger.js';
import { emptyBatchResult, type BatchResult } from './batch-result.js';
import type { BulkBuckets } from './bulk-buckets.js';
import type { BulkDealScope, BulkObject } from './bulk-read-port.js';
import type { DealReadOptions, DealSnapshot, SalesforcePort } from './ports.js';

/** What one Bulk read job did: its job's return value. */
export interface BulkReadResult {
  object: BulkObject;
  /** Rows the Bulk job returned. */
  rows: number;
  /** Of those, rows of the run's planned deals (the rest were other deals'). */
  kept: number;
  apiCalls: number;
}

/**
 * One object's Bulk read for a run: streams the Bulk job's results into the run's batch buckets a
 * few thousand rows at a time, so no process holds more than one results page's text. Safe to run
 * twice: a second read rewrites the same bucket entries.
 */
export async function readBulkObject(options: {
  salesforce: SalesforcePort;
  buckets: BulkBuckets;
  runId: string;
  object: BulkObject;
  readOptions: DealReadOptions;
  scope: BulkDealScope;
  logger: Logger;
}): Promise<BulkReadResult> {
  const { salesforce, buckets, runId, object } = options;
  const callsBefore = salesforce.callsMade();
  const result: BulkReadResult = { object, rows: 0, kept: 0, apiCalls: 0 };
  for await (const page of salesforce.bulkRows(object, options.readOptions, options.scope)) {
    result.rows += page.length;
    result.kept += await buckets.addRows(runId, page);
  }
  result.apiCalls = salesforce.callsMade() - callsBefore;
  options.logger.info(result, 'bulk read done');
  return result;
}

/**
 * The port a batch of a Bulk-read run scores through: the same port, except that its deals come
 * from the batch's bucket (filled by the run's Bulk reads) instead of a REST query.
 */
export function bucketedPort(salesforce: SalesforcePort, buckets: BulkBuckets, runId: string): SalesforcePort {
  async function* dealsById(ids: readonly string[], readOptions: DealReadOptions): AsyncGenerator<DealSnapshot> {
    const wanted = new Set(ids);
    for await (const rows of buckets.rowsOf(runId, ids)) {
      for (const snapshot of salesforce.snapshotsFromRows(rows, readOptions)) if (wanted.has(snapshot.deal.Id)) yield snapshot;
    }
  }
  // Every other method is the port's own, bound to it.
  return new Proxy(salesforce, { get: (target, property, receiver) => (property === 'dealsById' ? dealsById : (Reflect.get(target, property, receiver) as unknown)) });
}

/**
 * What a run does once its Bulk reads have ended: its batches read their buckets when every read
 * succeeded, else the run falls back to REST (a missing object would score deals on partial rows).
 * The result carries the reads' API calls into the run's report (the finish job adds up its children).
 */
export function afterBulkReads(reads: readonly BulkReadResult[], failedReads: readonly string[]): { source: 'rest' | 'bulk'; result: BatchResult } {
  return {
    source: failedReads.length === 0 ? 'bulk' : 'rest',
    result: { ...emptyBatchResult(), apiCalls: reads.reduce((sum, read) => sum + read.apiCalls, 0) },
  };
}
