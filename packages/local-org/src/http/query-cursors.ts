import { makeId } from '../ids.js';
import type { OrgClock } from '../model.js';
import type { WireRecord } from '../soql/index.js';
import { type ChildSet, DEFAULT_CHILD_INLINE_LIMIT, MAX_BATCH, type RecordSource, arraySource, pageRecords, pageSizeFor } from './query-pages.js';

/** "Each locator and its associated results are available for two days after the initial query executes" (Help 000384958). */
const CURSOR_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;
/** Open cursors kept at once (Salesforce has no count limit since API 56); the oldest go beyond it, to bound memory. */
const MAX_CURSORS = 1000;

/** One page of a query result. */
export interface QueryPage {
  /** Rows of the whole result (for COUNT() queries, the count). */
  totalSize: number;
  records: WireRecord[];
  /** Locator of the next page, when there is one. */
  nextLocator?: string;
}

/** A result to page: its records (built when read) and the child relationships each record carries. */
export interface PagedResult extends RecordSource {
  totalSize: number;
  childRelationships: readonly string[];
  /** Long text area fields selected: two or more cap every page at 200 rows. */
  longTextAreas: number;
}

/** Turns a locator into the `nextRecordsUrl` a child set carries (`/services/data/vXX.X/query/<locator>`). */
export type LocatorUrl = (locator: string) => string;

interface Cursor {
  source: RecordSource;
  totalSize: number;
  batchSize: number;
  /** The largest page a next page may ask for (200 with long text areas). */
  maxBatchSize: number;
  childRelationships: readonly string[];
  createdAt: number;
  /** Child set cursors of the page served last: a next page of this cursor closes them. */
  childCursors: string[];
}

export interface QueryCursorOptions {
  /** Child rows inline per relationship before the set gets a locator of its own. */
  childInlineLimit?: number;
}

/**
 * Server-side query cursors behind `nextRecordsUrl`. A locator is `<cursor id>-<offset>` like
 * Salesforce's (`01gD0000002HU6KIAW-2000`); the result's rows are kept and paged by parent
 * offset, each page building only its own records.
 * "A queryMore() call on a parent object invalidates all child cursors in the previous result
 * set" (SOAP API Developer Guide, QueryLocator): reading a parent page closes the child set
 * cursors the previous page handed out.
 */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private readonly inlineLimit: number;
  private sequence = 0;

  constructor(
    private readonly clock: OrgClock,
    options: QueryCursorOptions = {},
  ) {
    this.inlineLimit = options.childInlineLimit ?? DEFAULT_CHILD_INLINE_LIMIT;
  }

  /** The first page (`requested`: the asked batch size, if any); opens a cursor when more remain. */
  open(result: PagedResult, requested: number | undefined, url: LocatorUrl): QueryPage {
    this.evict();
    const cursor: Cursor = {
      source: result,
      totalSize: result.totalSize,
      childRelationships: result.childRelationships,
      batchSize: pageSizeFor(requested, result.longTextAreas),
      maxBatchSize: pageSizeFor(MAX_BATCH, result.longTextAreas),
      createdAt: this.clock.now().getTime(),
      childCursors: [],
    };
    return this.page(undefined, cursor, 0, cursor.batchSize, url);
  }

  /** The page at a locator; undefined when the locator is unknown, malformed, closed or expired. */
  next(locator: string, url: LocatorUrl, batchSize?: number): QueryPage | undefined {
    this.evict();
    const match = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locator);
    if (!match) return undefined;
    const id = match[1]!;
    const cursor = this.cursors.get(id);
    const offset = Number(match[2]);
    if (!cursor || offset > cursor.source.length) return undefined;
    for (const child of cursor.childCursors) this.cursors.delete(child);
    cursor.childCursors = [];
    return this.page(id, cursor, offset, Math.min(batchSize ?? cursor.batchSize, cursor.maxBatchSize), url);
  }

  private page(id: string | undefined, cursor: Cursor, offset: number, batchSize: number, url: LocatorUrl): QueryPage {
    const records = pageRecords(cursor.source, offset, batchSize, cursor.childRelationships, this.inlineLimit).map((record) => this.withPagedChildren(record, cursor, url));
    const end = offset + records.length;
    if (end >= cursor.source.length) return { totalSize: cursor.totalSize, records };
    const cursorId = id ?? this.store(cursor);
    return { totalSize: cursor.totalSize, records, nextLocator: `${cursorId}-${end}` };
  }

  /** The record as a page carries it: each child set over the inline limit cut, with its own locator. */
  private withPagedChildren(record: WireRecord, parent: Cursor, url: LocatorUrl): WireRecord {
    let out: WireRecord | undefined;
    for (const name of parent.childRelationships) {
      const child = record[name] as ChildSet | null | undefined;
      if (!child || child.records.length <= this.inlineLimit) continue;
      const childCursor: Cursor = {
        source: arraySource(child.records),
        totalSize: child.totalSize,
        batchSize: parent.batchSize,
        maxBatchSize: parent.maxBatchSize,
        childRelationships: [],
        createdAt: parent.createdAt,
        childCursors: [],
      };
      const childId = this.store(childCursor);
      parent.childCursors.push(childId);
      out ??= { ...record };
      const paged: ChildSet = {
        totalSize: child.totalSize,
        done: false,
        nextRecordsUrl: url(`${childId}-${this.inlineLimit}`),
        records: child.records.slice(0, this.inlineLimit),
      };
      out[name] = paged;
    }
    return out ?? record;
  }

  private store(cursor: Cursor): string {
    this.sequence += 1;
    const id = makeId('01g', this.sequence);
    this.cursors.set(id, cursor);
    return id;
  }

  private evict(): void {
    const now = this.clock.now().getTime();
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.createdAt > CURSOR_LIFETIME_MS) this.cursors.delete(id);
    }
    while (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
  }
}
