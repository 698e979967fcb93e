import type { RecordOutcome } from '../sync/ports.js';

/** A record update: its Id and the fields to write. */
export type RecordUpdate = Record<string, unknown> & { Id: string };

/** Most records Salesforce accepts in one sObject Collections call. */
export const COLLECTION_LIMIT = 200;

/**
 * Gathers updates across query pages and writes them in full 200-record calls: a page of 60–100
 * deals (pages count child rows) would otherwise cost one under-filled call each. `flush` writes
 * what is left at the end.
 */
export class UpdateBuffer {
  private pending: RecordUpdate[] = [];

  constructor(private readonly write: (records: readonly RecordUpdate[]) => Promise<RecordOutcome[]>) {}

  /** Queues the records; writes every full call's worth now and answers those calls' outcomes. */
  async add(records: readonly RecordUpdate[]): Promise<RecordOutcome[]> {
    this.pending.push(...records);
    const full = this.pending.length - (this.pending.length % COLLECTION_LIMIT);
    if (full === 0) return [];
    const ready = this.pending.slice(0, full);
    this.pending = this.pending.slice(full);
    return this.write(ready);
  }

  /** Writes what is queued (at most one under-filled call). */
  async flush(): Promise<RecordOutcome[]> {
    const rest = this.pending;
    this.pending = [];
    return rest.length === 0 ? [] : this.write(rest);
  }
}
