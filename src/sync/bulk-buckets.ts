import type { BulkRow } from './bulk-read-port.js';

/**
 * Where a Bulk read leaves its rows for the batches (Redis: src/queue/bulk-buckets.ts): one bucket
 * per batch of the run, keyed by object and row id, so a Bulk read job that runs twice rewrites
 * the same entries instead of adding rows.
 */
export interface BulkBuckets {
  /** Records which batch each planned deal is in; rows of other deals are dropped. */
  assignBatches(runId: string, batches: readonly (readonly string[])[]): Promise<void>;
  /** Puts each row into its deal's batch bucket; returns how many rows were planned deals'. */
  addRows(runId: string, rows: readonly BulkRow[]): Promise<number>;
  /** Every row in one batch's bucket. */
  batchRows(runId: string, batch: number): Promise<BulkRow[]>;
}
