import { makeId } from '../ids.js';
import type { OrgClock } from '../model.js';

/** Salesforce keeps an idle query cursor for 15 minutes. */
const CURSOR_IDLE_MS = 15 * 60 * 1000;
/** Open cursors kept at once; the oldest is dropped beyond it (Salesforce allows 10 per user; we are lenient). */
const MAX_CURSORS = 200;

/** One page of a query result. */
export interface QueryPage<T> {
  /** Rows of the whole result (for COUNT() queries, the count). */
  totalSize: number;
  records: T[];
  /** Locator of the next page, when there is one. */
  nextLocator?: string;
}

interface Cursor<T> {
  records: T[];
  totalSize: number;
  batchSize: number;
  lastUsed: number;
}

/**
 * Server-side query cursors behind `nextRecordsUrl`. A locator is `<cursor id>-<offset>` like
 * Salesforce's (`01gD0000002HU6KIAW-2000`); the full result is kept and paged by offset.
 */
export class QueryCursors<T = unknown> {
  private readonly cursors = new Map<string, Cursor<T>>();
  private sequence = 0;

  constructor(private readonly clock: OrgClock) {}

  /** The first page; opens a cursor when more remain. */
  open(records: T[], batchSize: number, totalSize = records.length): QueryPage<T> {
    this.evict();
    if (records.length <= batchSize) return { totalSize, records };
    this.sequence += 1;
    const id = makeId('01g', this.sequence);
    this.cursors.set(id, { records, totalSize, batchSize, lastUsed: this.clock.now().getTime() });
    return { totalSize, records: records.slice(0, batchSize), nextLocator: `${id}-${batchSize}` };
  }

  /** The page at a locator; undefined when the locator is unknown, malformed or expired. */
  next(locator: string, batchSize?: number): QueryPage<T> | undefined {
    this.evict();
    const match = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locator);
    if (!match) return undefined;
    const cursor = this.cursors.get(match[1]!);
    const offset = Number(match[2]);
    if (!cursor || offset > cursor.records.length) return undefined;
    cursor.lastUsed = this.clock.now().getTime();
    const size = batchSize ?? cursor.batchSize;
    const end = offset + size;
    const records = cursor.records.slice(offset, end);
    if (end >= cursor.records.length) {
      return { totalSize: cursor.totalSize, records };
    }
    return { totalSize: cursor.totalSize, records, nextLocator: `${match[1]!}-${end}` };
  }

  private evict(): void {
    const now = this.clock.now().getTime();
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.lastUsed > CURSOR_IDLE_MS) this.cursors.delete(id);
    }
    while (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
  }
}
