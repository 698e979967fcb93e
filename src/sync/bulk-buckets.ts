import type { BulkRow } from './bulk-read-port.js';

/**
 * Where a Bulk read leaves its rows for the batches (Redis: src/queue/bulk-buckets.ts): one bucket
 * per {@link BUCKET_DEALS} planned deals, keyed by object and row id, so a Bulk read job that runs
 * twice rewrites the same entries instead of adding rows, and a batch reads its deals a bucket at
 * a time (a full run's batch of 2,000 deals never holds all their rows at once).
 */
export interface BulkBuckets {
  /** Records which bucket each planned deal is in; rows of other deals are dropped. */
  assignBuckets(runId: string, batches: readonly (readonly string[])[]): Promise<void>;
  /** Puts each row into its deal's bucket; returns how many rows were planned deals'. */
  addRows(runId: string, rows: readonly BulkRow[]): Promise<number>;
  /** The rows of these deals, one bucket at a time. */
  rowsOf(runId: string, dealIds: readonly string[]): AsyncGenerator<BulkRow[]>;
}

/** Deals per bucket: a REST read's batch of old, a few thousand rows. */
export const BUCKET_DEALS = 200;
